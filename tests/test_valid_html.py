"""Every page that people reach is valid HTML, by the Nu HTML checker (vnu.jar).

The pages are those of the browser journeys and every page linked from them: the demo
data is created, each role signs in and follows the portal's links from its pages, one
page per URL name. All pages go through ONE Java process. ``make test`` installs the
checker (npm's ``vnu-jar``, pinned in package-lock.json); Java 17 runs it.
"""

import json
import subprocess
from collections import deque
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from network.demo import DEMO_PASSWORD, demo_data_create, demo_email
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: The year of the service areas' plans in the demo data (Finnish time).
YEAR = datetime.now(ZoneInfo("Europe/Helsinki")).year

#: Where each role starts: the pages of the browser journeys (tests/browser/).
SEEDS = {
    "director": [
        "/dashboard/",
        "/directory/",
        "/directory/people/",
        "/directory/people/?q=rovanp",
        "/search/?q=kokous",
        "/search/",
        "/governance/bodies/",
        "/governance/bodies/hallitus/",
        "/governance/status/",
        "/governance/calendar/",
        "/positions/",
        "/preparation/readiness/",
        "/preparation/indicators/",
        "/preparation/indicators/values/new/",
        "/preparation/work/new/",
        "/preparation/alerts/",
        "/preparation/solutions/",
        "/bulletins/",
        "/notifications/",
        "/notifications/preferences/",
        "/account/",
        "/governance/bodies/ict-yhteistyo/status/new/",
        "/positions/guiding-view/?since=2017-01-01",
        "/positions/influence/",
        "/positions/key-messages/",
        "/strategy-review/",
    ],
    "official": [
        "/positions/",
        "/positions/new/",
        "/governance/bodies/hallitus/",
        "/governance/bodies/hallitus/meetings/new/",
        "/strategy-review/",
    ],
    "communications": [
        "/bulletins/",
        "/bulletins/new/",
        "/public/manage/",
        "/public/manage/new/",
        "/positions/influence/new/",
        "/positions/key-messages/new/",
    ],
    "area_chair": [
        "/governance/service-areas/",
        f"/governance/service-areas/onnettomuuksien-ehkaisy/{YEAR}/",
        f"/governance/service-areas/onnettomuuksien-ehkaisy/{YEAR}/goals/",
        f"/governance/service-areas/onnettomuuksien-ehkaisy/{YEAR}/projects/new/",
        f"/governance/service-areas/onnettomuuksien-ehkaisy/{YEAR}/report/",
        f"/governance/service-areas/tukipalvelut/{YEAR - 1}/report/",
        "/governance/bodies/onnettomuuksien-ehkaisy/",
        "/governance/bodies/valvontasuunnitelma/",
    ],
    "anonymous": [
        "/",
        "/accounts/login/",
        "/accounts/password/reset/",
        "/public/fi/",
        "/public/sv/",
    ],
}
#: Forms sent empty, so that the pages with errors are checked too.
EMPTY_POSTS = {
    "official": ["/positions/new/"],
    "communications": [
        "/bulletins/new/",
        "/positions/influence/new/",
        "/positions/key-messages/new/",
    ],
    "director": ["/preparation/work/new/"],
    "area_chair": [f"/governance/service-areas/onnettomuuksien-ehkaisy/{YEAR}/projects/new/"],
}
#: Links not followed: leaving the session, and the admin site (Django's own HTML).
NOT_FOLLOWED = ("/accounts/logout/", "/admin/", "/static/", "/media/", "/language/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    paths = []
    for href in parser.hrefs:
        href = urldefrag(href)[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(NOT_FOLLOWED):
            continue
        paths.append(href)
    return paths


def _view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def _client_for(role: str, key: dict) -> Client:
    from network.models import User

    client = Client()
    if role == "anonymous":
        return client
    people = {
        "director": key["director"],
        "official": key["official"],
        "communications": key["communications"],
        "area_chair": User.objects.get(email=demo_email("Tiina", "Laaksonen")),
    }
    return sign_in(client, people[role], password=DEMO_PASSWORD)


def _content_of_the_communications_journey(key: dict) -> None:
    """What the demo data lacks and the journeys make: a bulletin and a public news item."""
    from communications.bulletins import services as bulletins
    from communications.public import services as public

    comms = key["communications"]
    bulletin = bulletins.bulletin_save(
        actor=comms,
        title="Kiireellinen: lausuntopyyntö HE 15/2017",
        text="Lausunnot **perjantaihin** mennessä.",
        audience=[("role", "director")],
        urgent=True,
    )
    bulletins.bulletin_publish(actor=comms, bulletin=bulletin)
    item = public.public_item_save(
        actor=comms,
        kind="news",
        language="fi",
        title="Verkosto kokoontui Kuopiossa",
        lead="Pelastusjohtajat linjasivat maakuntavalmistelua.",
        body="Kokous hyväksyi **yhteisen kannan**.",
    )
    public.public_item_submit(actor=comms, item=item)
    public.public_item_publish(actor=comms, item=item)


def _collect_pages() -> dict[str, str]:
    """Rendered pages by "role GET/POST path": each role's seeds and the pages they link
    to, then every page further away whose URL name no role has visited yet."""
    key = demo_data_create()
    assert key["official"].email == demo_email("Sanna", "Mäkelä")
    _content_of_the_communications_journey(key)
    pages: dict[str, str] = {}
    seen_views: set[str] = set()
    for role, seeds in SEEDS.items():
        client = _client_for(role, key)
        queue = deque((path, 0) for path in seeds)
        visited: set[str] = set()
        while queue:
            path, depth = queue.popleft()
            view = _view_name(path)
            if path in visited or view is None:
                continue
            # The director's crawl sees most pages; the other roles look again at the
            # pages next to their own (where their editing links are).
            always = depth == 0 or (depth == 1 and role != "director")
            if not always and view in seen_views:
                continue
            visited.add(path)
            seen_views.add(view)
            response = client.get(path)
            # 410: the public page of a withdrawn position, which says so.
            expected = (200,) if depth == 0 else (200, 302, 403, 404, 410)
            assert response.status_code in expected, f"{role} {path}"
            if (
                response.status_code not in (200, 410)
                or "text/html" not in response["Content-Type"]
            ):
                continue
            html = response.content.decode()
            pages[f"{role} GET {path}"] = html
            if role != "anonymous" or not path.startswith("/accounts/"):
                queue.extend((link, depth + 1) for link in _links(html))
        for path in EMPTY_POSTS.get(role, []):
            response = client.post(path, {})
            assert response.status_code == 200, f"{role} POST {path}"
            pages[f"{role} POST {path} (empty)"] = response.content.decode()
    return pages


def _nu_errors(pages: dict[str, str], directory: Path) -> list[str]:
    """The Nu checker's errors, each as "page: line: message", from one Java process."""
    assert VNU_JAR.exists(), (
        f"The Nu HTML checker is missing at {VNU_JAR}: run `make test` (or `npm ci "
        "--ignore-scripts`), which installs the vnu-jar version pinned in package-lock.json."
    )
    files = {}
    for number, (name, html) in enumerate(pages.items()):
        file = directory / f"page-{number:03}.html"
        file.write_text(html, encoding="utf-8")
        files[str(file.resolve())] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.stdout.startswith("{"), f"vnu.jar did not run: {result.stderr[:2000]}"
    report = json.loads(result.stdout)
    errors = []
    for message in report["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        url = message.get("url", "?")
        page = files.get(url.removeprefix("file:").replace("///", "/", 1), url)
        line = message.get("lastLine", "?")
        errors.append(f"{page}: line {line}: {message['message']} [{message.get('extract', '')}]")
    return errors


#: A page with the faults once found on almost every page: the checker must see them.
CANARY = (
    '<!DOCTYPE html><html lang="fi"><head><title>t</title></head><body>'
    '<p hx-get="/x">a</p><time datetime="2026-01-01T10:00:00.123456+02:00">b</time>'
    '<label for="">c</label><input type="text" id="c"></body></html>'
)


def test_every_page_of_the_journeys_and_their_links_is_valid_html(tmp_path):
    pages = _collect_pages()
    assert len(pages) > 100, sorted(pages)  # the crawl really reached the portal

    errors = _nu_errors({"canary": CANARY, **pages}, tmp_path)

    canary = "\n".join(error for error in errors if error.startswith("canary:"))
    assert "“hx-get” not allowed" in canary
    assert "fraction of a second" in canary
    assert "“for” on element “label”" in canary
    errors = [error for error in errors if not error.startswith("canary:")]
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors)
