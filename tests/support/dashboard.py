"""Reading the dashboard page as a person sees it: the "Waiting for you" section's HTML."""

import re

from django.test import Client
from django.urls import reverse

from network.models import User
from tests.factories import sign_in

_WAITING = re.compile(r'<section aria-labelledby="waiting-heading">.*?</section>', re.S)


def waiting_section(person, *, totp_secret: str | None = None) -> str:
    """The "Waiting for you" (Odottaa toimiasi) section of the person's dashboard page,
    read by a fresh sign-in (nothing cached on the person)."""
    person = User.objects.get(pk=person.pk)
    response = sign_in(Client(), person, totp_secret=totp_secret).get(reverse("dashboard"))
    assert response.status_code == 200
    match = _WAITING.search(response.content.decode())
    assert match, "the dashboard has no waiting section"
    return match.group(0)


def item_waits(section: str, title: str, url: str) -> bool:
    """Whether an item with this Finnish title and link is in the section; the title and
    the link always come together."""
    shown = title in section
    linked = f'href="{url}"' in section
    assert shown == linked, f"{title!r} and its link {url!r} go together"
    return shown
