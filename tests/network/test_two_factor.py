import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from network.models import NetworkRole
from tests.factories import PASSWORD, make_director, make_network_admin, make_user
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
    client.post(LOGIN, {"login": staff.email, "password": PASSWORD})

    activate_totp_through_the_page(client)

    assert client.get(reverse("dashboard")).status_code == 200


def test_members_who_are_not_staff_are_not_forced(member_client):
    assert member_client.get(reverse("dashboard")).status_code == 200


# --- Required by role and by a seat on the board ------------------------------------------


def board_seat(person, *, role="member", kind="board", start=-30, end=None):
    """A seat for the person on a body of the kind, from/until days relative to today."""
    from governance.models import Body, Membership

    today = timezone.localdate()
    parent = None
    if kind == "working_group":  # a working group is set up under the board
        parent, _created = Body.objects.get_or_create(
            kind="board", slug="board", defaults={"name_fi": "board"}
        )
    body, _created = Body.objects.get_or_create(
        kind=kind,
        slug=kind.replace("_", "-"),
        defaults={"name_fi": kind, "parent": parent, "term_start": today - timedelta(days=60)},
    )
    return Membership.objects.create(
        body=body,
        user=person,
        role=role,
        start_date=today + timedelta(days=start),
        end_date=None if end is None else today + timedelta(days=end),
    )


def is_sent_to_set_up_two_factor(client, person) -> bool:
    """Sign in with the password alone and try the dashboard."""
    signed_in = client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    response = client.get(reverse("dashboard"))
    if response.status_code == 200:
        return False
    assert response["Location"] == reverse("mfa_activate_totp") + "?required=1"
    return True


@pytest.mark.parametrize(
    "make_person",
    [
        pytest.param(lambda: make_user(roles=[NetworkRole.NETWORK_ADMIN]), id="network admin"),
        pytest.param(lambda: make_user(roles=[NetworkRole.OFFICIAL]), id="official"),
        pytest.param(
            lambda: make_user(roles=[NetworkRole.COMMUNICATIONS]), id="communications officer"
        ),
        pytest.param(lambda: make_user(is_staff=True), id="staff"),
    ],
)
def test_network_roles_must_set_up_two_factor_before_anything_else(client, make_person):
    assert is_sent_to_set_up_two_factor(client, make_person())


@pytest.mark.parametrize("role", ["chair", "vice_chair", "member", "deputy", "secretary"])
def test_every_seat_on_the_board_must_set_up_two_factor_before_anything_else(
    client, departments, role
):
    person = make_director(departments["kainuu"])
    board_seat(person, role=role)

    assert is_sent_to_set_up_two_factor(client, person)


def test_the_personal_deputy_of_a_board_seat_must_set_up_two_factor(client, departments):
    """A personal deputy votes for their principal, so they decide like a member."""
    member = make_director(departments["kainuu"])
    deputy = make_user(department=departments["kainuu"])
    seat = board_seat(member)
    seat.personal_deputy = deputy
    seat.save(update_fields=["personal_deputy"])

    assert is_sent_to_set_up_two_factor(client, deputy)


def test_a_board_seat_ending_today_still_requires_two_factor(client):
    person = make_user()
    board_seat(person, start=-400, end=0)

    assert is_sent_to_set_up_two_factor(client, person)


@pytest.mark.parametrize(
    "seat",
    [
        pytest.param({"end": -1}, id="former board member"),
        pytest.param({"start": 1}, id="board member from tomorrow"),
        pytest.param({"kind": "directors_meeting"}, id="directors' meeting"),
        pytest.param({"kind": "working_group", "role": "chair"}, id="working group chair"),
    ],
)
def test_directors_and_others_without_a_current_board_seat_are_not_forced(
    client, departments, seat
):
    person = make_director(departments["lappi"])
    board_seat(person, **seat)

    assert not is_sent_to_set_up_two_factor(client, person)


def test_a_director_and_a_plain_member_are_not_forced(client, departments):
    assert not is_sent_to_set_up_two_factor(client, make_director(departments["lappi"]))
    client.logout()
    assert not is_sent_to_set_up_two_factor(client, make_user())


def test_a_board_member_reaches_the_portal_once_two_factor_is_on(client):
    person = make_user()
    board_seat(person)
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})

    activate_totp_through_the_page(client)

    assert client.get(reverse("dashboard")).status_code == 200


def test_a_board_member_with_two_factor_signs_in_with_the_code(client):
    person = make_user()
    board_seat(person)
    enrol_totp(person)

    client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_code(enrol_secret())})

    assert client.get(reverse("dashboard")).status_code == 200


def test_the_network_app_never_imports_the_apps_that_add_rules():
    """network <- communications <- governance: the board's rule comes through a registry."""
    import ast
    from pathlib import Path

    network = Path(__file__).resolve().parents[2] / "network"
    offenders = []
    for path in network.rglob("*.py"):
        if "migrations" in path.parts or path.name == "urls.py":
            continue  # the project's URLconf is the one place that includes every app
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in {"governance", "communications", "preparation"}:
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def enrol_secret() -> str:
    from tests.network.mfa_helpers import SECRET

    return SECRET
