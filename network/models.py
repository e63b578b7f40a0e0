"""The network's core: regions, rescue departments, people and invitations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.translations import translated_property
from network.validators import validate_single_line

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class TranslatedNameMixin(models.Model):
    """Names in Finnish, Swedish and English; ``name`` follows the active language."""

    name_fi = models.CharField(
        _("name (Finnish)"), max_length=200, validators=[validate_single_line]
    )
    name_sv = models.CharField(
        _("name (Swedish)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    name_en = models.CharField(
        _("name (English)"), max_length=200, blank=True, validators=[validate_single_line]
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    #: In the active language, falling back to Finnish (``network/translations.py``).
    name = translated_property("name")


class Region(TranslatedNameMixin):
    """A region (maakunta), identified by Statistics Finland's code such as ``MK06``."""

    code = models.CharField(_("code"), max_length=10, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Department(TranslatedNameMixin):
    """A rescue department (pelastuslaitos): one equal voice in the network."""

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="departments",
        help_text=_("The region the department mainly serves."),
    )
    other_regions = models.ManyToManyField(
        Region,
        verbose_name=_("other regions"),
        blank=True,
        related_name="partial_departments",
        help_text=_("Regions the department also serves in part."),
    )
    host_municipality = models.CharField(_("host municipality"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("member of the network"), default=True)

    class Meta:
        ordering = ["region__code", "name_fi"]
        verbose_name = _("rescue department")
        verbose_name_plural = _("rescue departments")

    def get_absolute_url(self) -> str:
        return reverse("department_detail", kwargs={"slug": self.slug})


class NetworkRole(models.TextChoices):
    """Roles a person holds in the network as a whole (body roles live in governance)."""

    NETWORK_ADMIN = "network_admin", _("Network admin")
    OFFICIAL = "official", _("Network official")
    COMMUNICATIONS = "communications", _("Communications officer")


class DepartmentRole(models.TextChoices):
    DIRECTOR = "director", _("Rescue director")
    DEPUTY = "deputy", _("Deputy rescue director")
    STAFF = "staff", _("Staff member")


class UserManager(DjangoUserManager):
    """Users are identified by e-mail; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    # The overrides take the e-mail address where Django's manager takes a username: a
    # person is identified by their address (USERNAME_FIELD), so the signatures differ.
    def create_user(self, email, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("roles", [NetworkRole.NETWORK_ADMIN])
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address.

    ``is_staff`` marks network staff: they may use the Django admin and must use
    two-factor authentication.
    """

    email = models.EmailField(_("e-mail"), unique=True)
    first_name = models.CharField(
        _("first name"), max_length=100, validators=[validate_single_line]
    )
    last_name = models.CharField(_("last name"), max_length=100, validators=[validate_single_line])
    title = models.CharField(
        pgettext_lazy("job", "title"), max_length=150, blank=True, validators=[validate_single_line]
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("rescue department"),
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    department_role = models.CharField(
        _("role in the department"),
        max_length=20,
        choices=DepartmentRole.choices,
        blank=True,
    )
    roles = ArrayField(
        models.CharField(max_length=30, choices=NetworkRole.choices),
        verbose_name=_("network roles"),
        default=list,
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("network staff"),
        default=False,
        help_text=_("May use the administration site; two-factor authentication is required."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="network_user_email_ci_unique"),
            models.UniqueConstraint(
                fields=["department"],
                condition=Q(department_role="director"),
                name="network_one_director_per_department",
                violation_error_message=_("The department already has a rescue director."),
            ),
            models.CheckConstraint(
                condition=Q(department_role="") | Q(department__isnull=False),
                name="network_department_role_needs_department",
                violation_error_message=_("A role in a department needs the department."),
            ),
        ]
        indexes = [
            GinIndex(fields=["roles"], name="network_user_roles_gin"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name

    def get_absolute_url(self) -> str:
        return reverse("person_detail", kwargs={"pk": self.pk})

    @property
    def role_labels(self) -> list[StrOrPromise]:
        return [NetworkRole(role).label for role in self.roles if role in NetworkRole.values]


class Invitation(models.Model):
    """An invitation e-mailed to a new person; its link lets them set a password.

    Only a hash of the token is stored, so a database dump cannot be used to accept it.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("person")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="network_invitation_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.email} ({self.created_at:%Y-%m-%d})"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class SearchEntry(models.Model):
    """One searchable thing of any app, in one indexed table (see ``network.search``).

    Who may see an entry is decided when searching, by each kind's ``visible_…``
    selector; the entry holds only what is matched and shown.
    """

    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    #: The title in Finnish (or the only one), and its Swedish and English versions where
    #: the content has them (``network.translations``: read with ``translated``).
    title = models.CharField(max_length=300)
    title_sv = models.CharField(max_length=300, blank=True, default="")
    title_en = models.CharField(max_length=300, blank=True, default="")
    text = models.TextField(blank=True)
    language = models.CharField(max_length=5, default="fi")
    url = models.CharField(max_length=300)
    date = models.DateTimeField(null=True, blank=True)
    #: The governance body it belongs to (an id: ``network`` knows nothing of bodies).
    body_id = models.BigIntegerField(null=True, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vector = SearchVectorField(null=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once"),
        ]
        indexes = [
            GinIndex(fields=["vector"], name="search_entry_vector"),
            # Timeless entries (people, departments, bodies) are ranked beside the dated
            # ones: found through their own small index, not among every match.
            GinIndex(
                fields=["vector"],
                name="search_entry_timeless",
                condition=models.Q(date__isnull=True),
            ),
            # A search ranks the most recent matches (``network.search.MAX_CANDIDATES``).
            models.Index(
                models.F("date").desc(nulls_last=True),
                models.F("id").desc(),
                name="search_entry_recent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
