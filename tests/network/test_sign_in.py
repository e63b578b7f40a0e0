import re

import pytest
from django.test import TestCase
from django.urls import reverse

from tests.factories import PASSWORD, make_user
from tests.network.mfa_helpers import SECRET, enrol_totp, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_a_person_signs_in_with_e_mail_and_password_and_lands_on_the_dashboard(client, director):
    response = client.post(LOGIN, {"login": director.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).context["user"] == director


def test_the_e_mail_address_is_case_insensitive_at_sign_in(client, director):
    response = client.post(LOGIN, {"login": director.email.upper(), "password": PASSWORD})

    assert response.status_code == 302


def test_a_wrong_password_is_refused_with_a_message_that_does_not_reveal_the_account(
    client, member
):
    wrong = client.post(LOGIN, {"login": member.email, "password": "wrong-password"})
    unknown = client.post(LOGIN, {"login": "nobody@example.org", "password": "wrong-password"})

    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].errors == unknown.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_are_rate_limited_per_account(client, member):
    for _attempt in range(5):
        client.post(LOGIN, {"login": member.email, "password": "wrong-password"})

    response = client.post(LOGIN, {"login": member.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert response.context["form"].errors


def test_rate_limiting_does_not_lock_out_other_people(client, member):
    other = make_user()
    for _attempt in range(5):
        client.post(LOGIN, {"login": member.email, "password": "wrong-password"})

    response = client.post(LOGIN, {"login": other.email, "password": PASSWORD})

    assert response.status_code == 302


def test_an_inactive_person_cannot_sign_in(client):
    person = make_user(is_active=False)

    client.post(LOGIN, {"login": person.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session


def test_there_is_no_open_sign_up(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "Abcdefgh12345!", "password2": "Abcdefgh12345!"},
    )

    assert response.status_code in {200, 403}
    from network.models import User

    assert not User.objects.filter(email="new@example.org").exists()


def test_signing_out_ends_the_session(member_client):
    response = member_client.post("/accounts/logout/")

    assert response.status_code == 302
    assert member_client.get(reverse("dashboard")).status_code == 302


def test_password_reset_sends_an_e_mail_only_for_a_known_address_but_answers_the_same(
    client, member, mailoutbox
):
    known = ask_for_reset(client, member.email)
    unknown = ask_for_reset(client, "nobody@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    to_member = [m for m in mailoutbox if m.to == [member.email]]
    assert len(to_member) == 1
    assert "/accounts/password/reset/key/" in to_member[0].body


def ask_for_reset(client, email):
    """The reset e-mail goes through the outbox: it is sent once the request commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/accounts/password/reset/", {"email": email})


def test_a_password_reset_link_sets_a_new_password(client, member, mailoutbox):
    ask_for_reset(client, member.email)
    path = re.search(r"/accounts/password/reset/key/\S+", mailoutbox[0].body).group(0)
    form_page = client.get(path, follow=True)
    new_password = "uusi-salasana-2018"

    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": new_password, "password2": new_password},
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)


# --- After a password reset, the sign-in still asks for the second factor --------------------

RESET_PASSWORD = "uusi-salasana-2018"


def reset_password(client, person, mailoutbox):
    """Ask for a reset link, open it and set a new password; the last response."""
    ask_for_reset(client, person.email)
    path = re.search(r"/accounts/password/reset/key/\S+", mailoutbox[-1].body).group(0)
    form_page = client.get(path, follow=True)
    return client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": RESET_PASSWORD, "password2": RESET_PASSWORD},
    )


def test_after_a_password_reset_a_person_with_two_factor_is_asked_for_the_code(
    client, member, mailoutbox
):
    enrol_totp(member)

    response = reset_password(client, member, mailoutbox)

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_code(SECRET)})
    assert int(client.session["_auth_user_id"]) == member.pk


def test_after_a_password_reset_a_person_without_two_factor_is_signed_in(
    client, member, mailoutbox
):
    response = reset_password(client, member, mailoutbox)

    assert response["Location"] == reverse("dashboard")
    assert int(client.session["_auth_user_id"]) == member.pk


# --- Rate limits count by the client's own address, also behind the load balancer ------------


def fail_to_sign_in_ten_times(client, forwarded_for) -> None:
    """Ten failed attempts (the per-address limit), each for another unknown address so
    that the per-account limit plays no part; ``forwarded_for(n)`` gives the header."""
    for attempt in range(10):
        client.post(
            LOGIN,
            {"login": f"ei-ketaan{attempt}@example.org", "password": "wrong-password"},
            headers={"x-forwarded-for": forwarded_for(attempt)},
        )


def signs_in(client, person, forwarded_for: str) -> bool:
    client.post(
        LOGIN,
        {"login": person.email, "password": PASSWORD},
        headers={"x-forwarded-for": forwarded_for},
    )
    return "_auth_user_id" in client.session


@pytest.fixture
def behind_proxy(settings):
    """What BEHIND_PROXY=true sets (tests/network/test_configuration.py checks that)."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None


def test_behind_the_proxy_one_client_s_failures_do_not_lock_out_another(behind_proxy, member):
    from django.test import Client

    attacker, colleague = Client(), Client()
    fail_to_sign_in_ten_times(attacker, lambda n: "198.51.100.7")

    assert not signs_in(attacker, make_user(), "198.51.100.7")
    assert signs_in(colleague, member, "198.51.100.8")


def test_behind_the_proxy_an_address_the_client_writes_itself_does_not_escape_the_limit(
    behind_proxy, client
):
    # The proxy appends the address it saw; what the client sent comes before it.
    fail_to_sign_in_ten_times(client, lambda n: f"203.0.113.{n}, 198.51.100.7")

    assert not signs_in(client, make_user(), "203.0.113.99, 198.51.100.7")


def test_without_the_proxy_setting_a_forged_forwarded_address_does_not_escape_the_limit(
    settings, client
):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    fail_to_sign_in_ten_times(client, lambda n: f"203.0.113.{n}")

    assert not signs_in(client, make_user(), "203.0.113.99")


def test_without_the_proxy_setting_the_limit_counts_by_the_connecting_address(settings, member):
    from django.test import Client

    fail_to_sign_in_ten_times(Client(REMOTE_ADDR="192.0.2.1"), lambda n: "198.51.100.7")

    assert signs_in(Client(REMOTE_ADDR="192.0.2.2"), member, "198.51.100.7")
