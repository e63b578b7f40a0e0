import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from network import services
from network.models import DepartmentRole, Invitation, NetworkRole, User
from tests.factories import make_director, make_user
from tests.network.mfa_helpers import SECRET, enrol_totp, totp_code

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "vahva-salasana-2017"


def invite_form(departments, **overrides):
    data = {
        "email": "Uusi.Henkilo@Example.org",
        "first_name": "Uusi",
        "last_name": "Henkilö",
        "title": "Palopäällikkö",
        "phone": "",
        "language": "sv",
        "department": departments["kainuu"].pk,
        "department_role": DepartmentRole.DEPUTY,
        "roles": [],
    }
    data.update(overrides)
    return data


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Invite through the service and run what it does after commit (sending the e-mail)."""

    def do_invite(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.person_invite(**kwargs)

    return do_invite


def link_path(mail) -> str:
    return re.search(r"/invitation/[\w-]+/", mail.body).group(0)


def test_a_network_admin_invites_a_person_who_gets_an_e_mail_in_their_language(
    admin_client_mfa, departments, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_mfa.post(reverse("invite"), invite_form(departments))

    person = User.objects.get(email="uusi.henkilo@example.org")
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    assert not person.has_usable_password()
    assert person.department == departments["kainuu"]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["uusi.henkilo@example.org"]
    assert "Verkosto" in mailoutbox[0].subject
    assert "inbjuden" in mailoutbox[0].body  # Swedish, the invitee's language
    assert mailoutbox[0].alternatives[0].mimetype == "text/html"


def test_the_invitation_link_lets_the_person_set_a_password_and_signs_them_in(
    client, network_admin, departments, mailoutbox, invite
):
    invite(invited_by=network_admin, email="kutsuttu@example.org", first_name="K", last_name="T")
    path = link_path(mailoutbox[0])

    page = client.get(path)
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert page.status_code == 200
    assert response.status_code == 302
    person = User.objects.get(email="kutsuttu@example.org")
    assert person.check_password(NEW_PASSWORD)
    assert int(client.session["_auth_user_id"]) == person.pk
    assert person.emailaddress_set.get().verified


def test_an_invitation_link_works_only_once(client, network_admin, mailoutbox, invite):
    invite(invited_by=network_admin, email="kerran@example.org", first_name="K", last_name="T")
    path = link_path(mailoutbox[0])
    client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    again = client.post(path, {"password1": "toinen-salasana-9", "password2": "toinen-salasana-9"})

    assert again.status_code == 410
    assert User.objects.get(email="kerran@example.org").check_password(NEW_PASSWORD)


def test_an_expired_invitation_is_refused(client, network_admin, mailoutbox, invite):
    sent = invite(
        invited_by=network_admin, email="vanha@example.org", first_name="V", last_name="T"
    )
    Invitation.objects.filter(pk=sent.invitation.pk).update(
        created_at=timezone.now() - timedelta(days=30),
        expires_at=timezone.now() - timedelta(days=1),
    )

    response = client.get(sent.path)

    assert response.status_code == 410


def test_resending_revokes_the_earlier_link(
    admin_client_mfa, network_admin, mailoutbox, invite, django_capture_on_commit_callbacks
):
    from django.test import Client

    client = Client()
    sent = invite(
        invited_by=network_admin, email="uudelleen@example.org", first_name="U", last_name="T"
    )

    with django_capture_on_commit_callbacks(execute=True):
        admin_client_mfa.post(reverse("invitation_resend", args=[sent.invitation.user.pk]))

    assert len(mailoutbox) == 2
    assert client.get(link_path(mailoutbox[0])).status_code == 410
    assert client.get(link_path(mailoutbox[1])).status_code == 200


def test_a_weak_or_mismatched_password_is_refused_and_the_form_says_why(
    client, network_admin, mailoutbox, invite
):
    invite(invited_by=network_admin, email="heikko@example.org", first_name="H", last_name="T")
    path = link_path(mailoutbox[0])

    weak = client.post(path, {"password1": "12345678", "password2": "12345678"})
    mismatch = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})

    assert weak.status_code == mismatch.status_code == 200
    assert weak.context["form"].errors["password2"]
    assert mismatch.context["form"].errors["password2"]
    assert not User.objects.get(email="heikko@example.org").has_usable_password()


def test_inviting_an_existing_address_is_refused_and_keeps_what_was_typed(
    admin_client_mfa, departments, member
):
    response = admin_client_mfa.post(
        reverse("invite"), invite_form(departments, email=member.email.upper())
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert 'value="Palopäällikkö"' in response.content.decode()


def test_a_second_director_for_a_department_is_refused(admin_client_mfa, departments):
    make_director(departments["kainuu"])

    response = admin_client_mfa.post(
        reverse("invite"), invite_form(departments, department_role=DepartmentRole.DIRECTOR)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["department_role"]


def test_the_service_refuses_a_duplicate_address_even_without_the_form(network_admin, member):
    with pytest.raises(ValidationError):
        services.person_invite(
            invited_by=network_admin, email=member.email, first_name="X", last_name="Y"
        )


def test_members_cannot_invite(member_client, departments):
    response = member_client.post(reverse("invite"), invite_form(departments))

    assert response.status_code == 403
    assert not User.objects.filter(email="uusi.henkilo@example.org").exists()


def test_members_cannot_resend_invitations(member_client, network_admin, mailoutbox, invite):
    sent = invite(invited_by=network_admin, email="x@example.org", first_name="X", last_name="Y")

    response = member_client.post(reverse("invitation_resend", args=[sent.invitation.user.pk]))

    assert response.status_code == 403
    assert len(mailoutbox) == 1


def test_no_invitation_is_stored_or_sent_when_the_transaction_rolls_back(
    network_admin, mailoutbox, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.person_invite(
            invited_by=network_admin, email="rollback@example.org", first_name="R", last_name="B"
        )
        raise RuntimeError("the surrounding change failed")

    assert callbacks == []
    assert not User.objects.filter(email="rollback@example.org").exists()
    assert mailoutbox == []


# --- Accepting signs in through allauth, so the second factor is always asked --------------


def reinvite_after_an_admin_reset(person, network_admin, invite_resend):
    """What a network admin can do to any account: make its password unusable, resend."""
    person.set_unusable_password()
    person.save(update_fields=["password"])
    return invite_resend(invited_by=network_admin, user=person)


@pytest.fixture
def invite_resend(django_capture_on_commit_callbacks):
    def do_resend(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.invitation_resend(**kwargs)

    return do_resend


def test_accepting_an_invitation_does_not_sign_in_without_the_second_factor(
    client, network_admin, invite_resend
):
    person = make_user()
    enrol_totp(person)
    sent = reinvite_after_an_admin_reset(person, network_admin, invite_resend)

    response = client.post(sent.path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("dashboard")).status_code == 302
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session


def test_after_accepting_the_code_completes_the_sign_in_and_lands_on_the_dashboard(
    client, network_admin, invite_resend
):
    person = make_user()
    enrol_totp(person)
    sent = reinvite_after_an_admin_reset(person, network_admin, invite_resend)
    client.post(sent.path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(SECRET)})

    assert response["Location"] == reverse("dashboard")
    assert int(client.session["_auth_user_id"]) == person.pk


def test_without_two_factor_accepting_goes_straight_to_the_dashboard(
    client, network_admin, mailoutbox, invite
):
    invite(invited_by=network_admin, email="suoraan@example.org", first_name="S", last_name="T")

    response = client.post(
        link_path(mailoutbox[0]), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response["Location"] == reverse("dashboard")
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 200
    with translation.override("fi"):
        welcome = translation.gettext("Welcome to Verkosto! Your password is set.")
    assert welcome in [m.message for m in dashboard.context["messages"]]


def test_an_invited_official_sets_up_two_factor_before_anything_else(
    client, network_admin, mailoutbox, invite
):
    invite(
        invited_by=network_admin,
        email="virkailija@example.org",
        first_name="V",
        last_name="T",
        roles=[NetworkRole.OFFICIAL],
    )
    client.post(link_path(mailoutbox[0]), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = client.get(reverse("dashboard"))

    assert response["Location"] == reverse("mfa_activate_totp") + "?required=1"


# --- An invitation never takes over an account that already has a password -------------------


def test_an_open_invitation_cannot_replace_a_password_set_meanwhile(
    client, network_admin, mailoutbox, invite
):
    invite(invited_by=network_admin, email="nollasi@example.org", first_name="N", last_name="T")
    person = User.objects.get(email="nollasi@example.org")
    person.set_password("oma-salasana-2017")  # e.g. through "forgot my password"
    person.save(update_fields=["password"])
    path = link_path(mailoutbox[0])

    page = client.get(path)
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert page.status_code == response.status_code == 410
    person.refresh_from_db()
    assert person.check_password("oma-salasana-2017")
    assert "_auth_user_id" not in client.session


def test_the_service_refuses_an_invitation_of_a_person_who_has_a_password(
    network_admin, mailoutbox, invite
):
    sent = invite(
        invited_by=network_admin, email="palvelu@example.org", first_name="P", last_name="T"
    )
    person = sent.invitation.user
    person.set_password("oma-salasana-2017")
    person.save(update_fields=["password"])

    with pytest.raises(ValidationError):
        services.invitation_accept(token=sent.token, password=NEW_PASSWORD)
    person.refresh_from_db()
    assert person.check_password("oma-salasana-2017")


def test_an_account_with_a_password_cannot_be_sent_a_new_invitation(
    admin_client_mfa, member, mailoutbox
):
    response = admin_client_mfa.post(reverse("invitation_resend", args=[member.pk]), follow=True)

    assert response.status_code == 200
    assert "error" in [m.level_tag for m in response.context["messages"]]
    assert mailoutbox == []
    assert not member.invitations.exists()
