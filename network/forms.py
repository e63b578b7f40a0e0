from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.form_fields import BoundedDateField, form_field
from network.models import Department, DepartmentRole, NetworkRole, User


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    title = forms.CharField(label=pgettext_lazy("job", "Title"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        initial="fi",
        help_text=_("The invitation and later e-mails are written in this language."),
    )
    department = forms.ModelChoiceField(
        label=_("Rescue department"),
        queryset=Department.objects.filter(is_active=True).select_related("region"),
        required=False,
        empty_label=_("No department (network staff)"),
    )
    department_role = forms.ChoiceField(
        label=_("Role in the department"),
        choices=[("", _("No particular role")), *DepartmentRole.choices],
        required=False,
    )
    roles = forms.MultipleChoiceField(
        label=_("Network roles"),
        choices=NetworkRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_staff = forms.BooleanField(
        label=_("Network staff"),
        required=False,
        help_text=_(
            "Staff may use the administration site and must use two-factor authentication."
        ),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("A person with this e-mail address already has an account.")
            )
        return email

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("department_role") and not data.get("department"):
            self.add_error("department", _("Choose the department for this role."))
        if (
            data.get("department_role") == DepartmentRole.DIRECTOR
            and data.get("department")
            and User.objects.filter(
                department=data["department"], department_role=DepartmentRole.DIRECTOR
            ).exists()
        ):
            self.add_error("department_role", _("The department already has a rescue director."))
        return data


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password2(self) -> str:
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2", "")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError(_("The two passwords are not the same."))
        if password2:
            password_validation.validate_password(password2, self.user)
        return password2


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "title", "phone", "language"]
        help_texts = {"language": _("The portal and its e-mails use this language.")}


class DashboardPanelForm(forms.Form):
    """Which of the dashboard's later panels to load."""

    panel = forms.SlugField(max_length=40, required=False)


class SearchForm(forms.Form):
    """The search box's input: everything typed is kept and answered with a message."""

    MAX_LENGTH = 200

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_LENGTH,
        error_messages={"max_length": _("Search for at most %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("Show"), required=False)
    body = forms.TypedChoiceField(label=_("Body"), required=False, coerce=int, empty_value=None)
    department = forms.ModelChoiceField(
        label=_("Rescue department"),
        queryset=Department.objects.filter(is_active=True).order_by("name_fi"),
        required=False,
        empty_label=_("Any"),
    )
    date_from = BoundedDateField(label=_("From"), required=False)
    date_to = BoundedDateField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs):
        from network.search import body_choices, search_sources

        super().__init__(*args, **kwargs)
        form_field(self, "kind", forms.ChoiceField).choices = [("", _("Everything"))] + [
            (source.kind, source.label) for source in search_sources()
        ]
        form_field(self, "body", forms.ChoiceField).choices = [("", _("Any")), *body_choices()]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return cleaned

    def clean_q(self) -> str:
        from network.search import parse_query

        q = self.cleaned_data["q"]
        if q and not parse_query(q).words:
            raise forms.ValidationError(
                _("Type a word of at least two letters or digits to search for.")
            )
        return q


class PageForm(forms.Form):
    """The page number of a paginated list; the paginator reads anything odd as page one
    (or the last page), so the value is only passed on."""

    page = forms.CharField(required=False, max_length=20)

    def page_number(self) -> str | None:
        return self.cleaned_data.get("page") if self.is_valid() else None


class LanguageForm(forms.Form):
    """The language switch: one of the site's languages, and where to go back to."""

    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)
