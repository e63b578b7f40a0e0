"""State changes of the network: each function is one whole change.

Services validate, write in their own transaction and say what they guarantee.
Views call them; nothing else changes these models.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network.mail import send_later
from network.models import Department, Invitation, User
from network.search import search_index


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    #: The secret part of the link; only ever held in memory and in the e-mail.
    token: str

    @property
    def path(self) -> str:
        return reverse("invitation_accept", kwargs={"token": self.token})


def person_invite(
    *,
    invited_by: User,
    email: str,
    first_name: str,
    last_name: str,
    title: str = "",
    phone: str = "",
    language: str = "fi",
    department: Department | None = None,
    department_role: str = "",
    roles: list[str] | None = None,
    is_staff: bool = False,
) -> SentInvitation:
    """Create a person who cannot sign in yet and e-mail them an invitation link.

    Guarantees: the e-mail address is unused (case-insensitively), even when two
    identical invitations are sent at the same moment (the second is refused with a
    ValidationError); the person exists with an unusable password and a primary e-mail
    address; exactly one usable invitation exists for them; the e-mail is sent only if
    the transaction commits.
    """
    email = User.objects.normalize_email(email).strip().lower()
    taken = ValidationError(
        {"email": _("A person with this e-mail address already has an account.")}
    )
    if User.objects.filter(email__iexact=email).exists():
        raise taken
    user = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        title=title.strip(),
        phone=phone.strip(),
        language=language,
        department=department,
        department_role=department_role,
        roles=sorted(set(roles or [])),
        is_staff=is_staff,
    )
    user.set_unusable_password()
    try:
        user.full_clean()
    except ValidationError:
        # The same address saved by another request since the check above: say so on
        # the e-mail field, as the check would have.
        if User.objects.filter(email__iexact=email).exists():
            raise taken from None
        raise
    try:
        with transaction.atomic():
            user.save()
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
            search_index("person", user.pk)
            sent = _invitation_issue(user=user, invited_by=invited_by)
    except IntegrityError:
        # Someone else saved the same person (or the department's director) between
        # the checks above and this insert: answer as the checks would have.
        if User.objects.filter(email__iexact=email).exists():
            raise taken from None
        user.validate_constraints()
        raise
    return sent


def invitation_resend(*, invited_by: User, user: User) -> SentInvitation:
    """Revoke a person's open invitations and send a fresh one.

    Refused when the person has already set a password (they should reset it instead).
    """
    if user.has_usable_password():
        raise ValidationError(
            _("%(name)s has already accepted an invitation; they can reset their password.")
            % {"name": user.full_name}
        )
    with transaction.atomic():
        return _invitation_issue(user=user, invited_by=invited_by)


def _invitation_issue(*, user: User, invited_by: User) -> SentInvitation:
    now = timezone.now()
    Invitation.objects.filter(user=user, accepted_at=None, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        invited_by=invited_by,
        token_hash=_token_hash(token),
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    sent = SentInvitation(invitation=invitation, token=token)
    transaction.on_commit(lambda: _send_invitation_email(sent))
    return sent


def _send_invitation_email(sent: SentInvitation) -> None:
    invitation = sent.invitation
    user = invitation.user
    with translation.override(user.language):
        context = {
            "user": user,
            "invited_by": invitation.invited_by,
            "link": settings.SITE_URL + sent.path,
            "expires_at": invitation.expires_at,
            "site_url": settings.SITE_URL,
        }
        subject = _("You are invited to Verkosto")
        text = render_to_string("network/email/invitation.txt", context)
        html = render_to_string("network/email/invitation.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        to=[user.email],
    )
    message.attach_alternative(html, "text/html")
    send_later(message)


def invitation_get_usable(*, token: str) -> Invitation | None:
    """The invitation a link's token belongs to, if it can still be accepted."""
    invitation = (
        Invitation.objects.select_related("user").filter(token_hash=_token_hash(token)).first()
    )
    if invitation is None or not _can_accept(invitation):
        return None
    return invitation


def _can_accept(invitation: Invitation) -> bool:
    """An invitation sets a first password; it never replaces one the person already has
    (set through a password reset, say), so a link cannot take over a working account."""
    user = invitation.user
    return invitation.is_usable and user.is_active and not user.has_usable_password()


def invitation_accept(*, token: str, password: str) -> User:
    """Accept an invitation: set the person's password and mark their e-mail verified.

    Guarantees: a token is accepted at most once, even by two simultaneous requests;
    an expired or revoked token is refused, and so is any token of a person who already
    has a password; the password passes the validators. It does not sign the person in:
    the caller does that through allauth, so that their second factor is asked.
    """
    from django.contrib.auth.password_validation import validate_password

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=_token_hash(token))
            .first()
        )
        if invitation is None or not _can_accept(invitation):
            raise ValidationError(
                _("This invitation link is no longer valid. Ask a network admin for a new one.")
            )
        user = invitation.user
        validate_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return user


def profile_update(
    *, user: User, first_name: str, last_name: str, title: str, phone: str, language: str
) -> User:
    """Change a person's own details. The e-mail address and roles are not theirs to change."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.title = title.strip()
    user.phone = phone.strip()
    user.language = language
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "title", "phone", "language"])
    search_index("person", user.pk)
    return user


def language_set(*, user: User, language: str) -> None:
    """Remember a signed-in person's interface language."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
