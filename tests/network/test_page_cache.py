"""Kept pages (``network.page_cache``), on the machine's real Redis: a page read again is
served without being built, but never after a change it may show, never to another person
or browser, never in place of a message, and a Redis that does not answer only makes the
page slower."""

import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network import page_cache
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def read(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def warm(client, url: str) -> None:
    """The first answer gives the browser its CSRF cookie (not kept: it sets a cookie), the
    second is kept."""
    read(client, url)
    read(client, url)


def test_a_page_read_again_is_served_from_the_cache_without_building_it(pages):
    person = make_user(first_name="Aino", last_name="Lukija")
    client = sign_in(Client(), person)
    url = reverse("dashboard")
    warm(client, url)

    with CaptureQueriesContext(connection) as built:
        response = client.get(url, {"fresh": "1"})  # another address: built
    with CaptureQueriesContext(connection) as kept:
        again, _html = read(client, url)

    assert response.headers.get("X-Page-Cache") is None
    assert again.headers["X-Page-Cache"] == "hit"
    assert "Aino Lukija" in again.content.decode()
    # The session and the person only: nothing of the page itself.
    # The session, the person and their seats (the two-factor rule): nothing of the page.
    assert [q["sql"].split(" FROM ")[1].split()[0] for q in kept.captured_queries] == [
        '"django_session"',
        '"network_user"',
        '"governance_membership"',
    ]
    assert len(built) > 3


def test_a_committed_change_is_shown_at_once(pages):
    person = make_user(first_name="Aino", last_name="Lukija")
    client = sign_in(Client(), person)
    url = reverse("dashboard")
    warm(client, url)
    assert read(client, url)[0].headers["X-Page-Cache"] == "hit"

    with transaction.atomic():
        person.first_name = "Eino"
        person.save(update_fields=["first_name"])

    response, html = read(client, url)
    assert response.headers.get("X-Page-Cache") is None
    assert "Eino Lukija" in html


def test_a_change_rolled_back_keeps_the_kept_pages(pages):
    person = make_user(first_name="Aino", last_name="Lukija")
    client = sign_in(Client(), person)
    url = reverse("dashboard")
    warm(client, url)

    with pytest.raises(RuntimeError), transaction.atomic():
        person.first_name = "Eino"
        person.save(update_fields=["first_name"])
        raise RuntimeError("cancelled")

    response, html = read(client, url)
    assert response.headers["X-Page-Cache"] == "hit"
    assert "Aino Lukija" in html


def test_a_kept_page_is_never_served_to_another_person_or_another_browser(pages):
    aino = make_user(first_name="Aino", last_name="Lukija")
    eino = make_user(first_name="Eino", last_name="Toinen")
    url = reverse("dashboard")
    # Everyone signs in first: signing in writes, which would make any kept page old.
    first, second, elsewhere = (sign_in(Client(), p) for p in (aino, eino, aino))
    for client in (second, elsewhere):
        read(client, url)  # their CSRF cookies
    warm(first, url)
    assert read(first, url)[0].headers["X-Page-Cache"] == "hit"

    other_person, html = read(second, url)
    other_browser, own_html = read(elsewhere, url)

    assert "Eino Toinen" in html and "Aino Lukija" not in html
    assert other_person.headers.get("X-Page-Cache") is None
    assert other_browser.headers.get("X-Page-Cache") is None
    assert "Aino Lukija" in own_html


def test_a_form_on_a_kept_page_still_posts(pages):
    """The kept page's CSRF token is the browser's own: its forms keep working."""
    person = make_user()
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    url = reverse("dashboard")
    warm(client, url)
    response, html = read(client, url)
    assert response.headers["X-Page-Cache"] == "hit"
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]

    switched = client.post(
        reverse("language_switch"), {"csrfmiddlewaretoken": token, "language": "sv", "next": url}
    )

    assert switched.status_code == 302
    assert '<html lang="sv">' in read(client, url)[1]


def test_a_message_is_shown_although_the_page_was_kept(pages):
    person = make_user()
    client = sign_in(Client(), person)
    url = reverse("notifications:inbox")
    warm(client, url)
    assert read(client, url)[0].headers["X-Page-Cache"] == "hit"

    response = client.post(reverse("notifications:mark_all_read"), follow=True)

    assert "Ilmoituksia merkittiin luetuiksi: 0." in response.content.decode()
    assert response.headers.get("X-Page-Cache") is None


def test_the_public_feed_is_kept_once_for_everyone(pages):
    url = reverse("public:feed", kwargs={"language": "fi"})
    read(Client(), url)

    response, _xml = read(Client(), url)

    assert response.headers["X-Page-Cache"] == "hit"


def test_pages_are_built_without_the_cache_when_redis_does_not_answer(pages, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            **settings.CACHES["pages"],
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        },
    }
    client = sign_in(Client(), make_user(first_name="Aino", last_name="Lukija"))
    url = reverse("dashboard")

    began = time.monotonic()
    answers = [read(client, url) for _ in range(5)]
    took = time.monotonic() - began

    assert all("Aino Lukija" in html for _response, html in answers)
    # Asked once, then left alone for a while: five pages never wait five times.
    assert page_cache._down_until > time.monotonic()
    assert took < 5 * 0.25
