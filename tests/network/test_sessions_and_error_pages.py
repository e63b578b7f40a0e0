"""Sessions that end, and error pages that are the portal's own, in the reader's language."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, make_user, sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Uusi-salasana-2026!"


def age_session(client, *, idle_minutes: float = 0, hours: float = 0) -> None:
    session = client.session
    now = time.time()
    session["verkosto_seen"] = now - idle_minutes * 60
    session["verkosto_started"] = now - max(hours * 3600, idle_minutes * 60)
    session.save()


@pytest.mark.parametrize(
    ("idle_minutes", "hours", "signed_in"),
    [(59, 0, True), (61, 0, False), (10, 11.9, True), (10, 12.1, False)],
)
def test_a_session_ends_after_an_hour_idle_or_twelve_hours_in_all(
    member, idle_minutes, hours, signed_in
):
    client = sign_in(Client(), member)
    client.get(reverse("dashboard"))
    age_session(client, idle_minutes=idle_minutes, hours=hours)

    response = client.get(reverse("dashboard"))

    assert (response.status_code == 200) is signed_in
    if not signed_in:
        assert response["Location"].startswith(reverse("account_login"))
        assert client.get(reverse("dashboard")).status_code == 302


def test_deactivating_a_person_ends_their_sessions_at_once(member):
    client = sign_in(Client(), member)
    member.is_active = False
    member.save(update_fields=["is_active"])

    assert client.get(reverse("dashboard")).status_code == 302


def test_a_password_change_ends_the_persons_other_sessions(member):
    elsewhere = sign_in(Client(), member)
    here = sign_in(Client(), member)

    response = here.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "Uusi-salasana-2026!",
            "password2": "Uusi-salasana-2026!",
        },
    )

    assert response.status_code == 302
    assert here.get(reverse("dashboard")).status_code == 200
    assert elsewhere.get(reverse("dashboard")).status_code == 302


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fi", "Tätä ei voi tehdä täällä"), ("sv", "Det här kan inte göras här")],
)
def test_a_wrong_method_gets_the_portals_own_page_in_the_readers_language(language, heading):
    person = make_user(language=language)
    client = sign_in(Client(), person)

    response = client.get(reverse("notifications:mark_all_read"))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert f'lang="{language}"' in response.content.decode()
    assert heading in response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_failed_form_check_gets_the_portals_own_page_in_the_readers_language(language):
    person = make_user(language=language)
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)

    response = client.post(reverse("notifications:mark_all_read"))

    body = response.content.decode()
    assert response.status_code == 403
    assert f'lang="{language}"' in body
    assert "DEBUG" not in body
    assert '<link rel="stylesheet"' in body or "verkosto.css" in body


def test_the_server_error_page_marks_each_languages_text_with_its_language():
    # The 500 page renders without the database or translations, so it carries all three
    # languages; screen readers must read each in its own language.
    from django.template.loader import render_to_string
    from html5lib import parse

    page = parse(render_to_string("500.html"), namespaceHTMLElements=False)

    assert page.get("lang") == "fi"
    marked = [(span.get("lang"), span.text) for span in page.iter("span")]
    assert ("sv", "Ett fel inträffade") in marked
    assert ("en", "Something went wrong") in marked
    assert ("en", "Please try again in a moment.") in marked
