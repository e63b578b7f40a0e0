import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import PASSWORD, make_network_admin, make_user, sign_in
from tests.network.mfa_helpers import enrol_totp, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def activate_totp_through_the_page(client) -> str:
    """Turn on TOTP as a person would: confirm the password (allauth asks), scan, type."""
    page = client.get(reverse("mfa_activate_totp"))
    assert page["Location"].startswith(reverse("account_reauthenticate"))
    client.post(page["Location"], {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = re.search(r'id="authenticator_secret">([A-Z2-7]+)<', page.content.decode()).group(1)
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


def test_any_member_can_turn_on_two_factor_authentication_with_an_authenticator_app(
    member_client, member
):
    activate_totp_through_the_page(member_client)

    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()


def test_turning_it_on_also_creates_recovery_codes(member_client, member):
    activate_totp_through_the_page(member_client)

    assert Authenticator.objects.filter(
        user=member, type=Authenticator.Type.RECOVERY_CODES
    ).exists()
    assert member_client.get(reverse("mfa_view_recovery_codes")).status_code == 200


def test_a_wrong_code_does_not_turn_it_on(member_client, member):
    member_client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    member_client.get(reverse("mfa_activate_totp"))

    response = member_client.post(reverse("mfa_activate_totp"), {"code": "000000"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()


def test_with_two_factor_on_the_password_alone_does_not_sign_in(client):
    person = make_user()
    enrol_totp(person)

    response = client.post(LOGIN, {"login": person.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_a_valid_code_completes_the_sign_in(client):
    person = make_user()
    enrol_totp(person)
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(enrol_secret())})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == person.pk


def test_a_recovery_code_also_completes_the_sign_in(client):
    person = make_user()
    codes = enrol_totp(person)
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})

    client.post(reverse("mfa_authenticate"), {"code": codes[0]})

    assert int(client.session["_auth_user_id"]) == person.pk


def test_a_wrong_code_does_not_sign_in(client):
    person = make_user()
    enrol_totp(person)
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})

    client.post(reverse("mfa_authenticate"), {"code": "123456"})

    assert "_auth_user_id" not in client.session


def test_staff_without_two_factor_are_sent_to_set_it_up_before_anything_else(client):
    staff = make_network_admin()
    client.post(LOGIN, {"login": staff.email, "password": PASSWORD})

    for path in [reverse("dashboard"), reverse("directory"), "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_can_still_sign_out_and_switch_language_before_setting_it_up(client):
    staff = make_network_admin()
    client.force_login(staff)

    assert client.post(reverse("language_switch"), {"language": "sv"}).status_code == 302
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_reach_the_portal_once_two_factor_is_on(client):
    staff = make_network_admin()
    sign_in(client, staff)

    activate_totp_through_the_page(client)

    assert client.get(reverse("dashboard")).status_code == 200


def test_members_who_are_not_staff_are_not_forced(member_client):
    assert member_client.get(reverse("dashboard")).status_code == 200


def enrol_secret() -> str:
    from tests.network.mfa_helpers import SECRET

    return SECRET
