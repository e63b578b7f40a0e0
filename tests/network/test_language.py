import json
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_finnish_is_the_default_whatever_the_browser_prefers(client, departments):
    response = client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response["Content-Language"] == "fi"
    assert '<html lang="fi">' in response.content.decode()


def test_a_visitor_switches_to_swedish_and_the_choice_is_remembered(client, departments):
    response = client.post(reverse("language_switch"), {"language": "sv", "next": "/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    page = client.get(reverse("landing"))
    assert page["Content-Language"] == "sv"
    assert "Birkaland" in page.content.decode()  # region names follow the language


def test_a_signed_in_person_keeps_their_language_in_their_account(member_client, member):
    member_client.post(reverse("language_switch"), {"language": "en", "next": "/dashboard/"})

    member.refresh_from_db()
    assert member.language == "en"
    del member_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert member_client.get(reverse("dashboard"))["Content-Language"] == "en"


def test_an_unknown_language_changes_nothing(member_client, member):
    response = member_client.post(reverse("language_switch"), {"language": "de", "next": "/"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "fi"


def test_the_switch_never_redirects_to_another_site(client):
    response = client.post(
        reverse("language_switch"), {"language": "sv", "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("language", "sign_in_label"),
    [("fi", "Kirjaudu sisään"), ("sv", "Logga in"), ("en", "Sign in")],
)
def test_the_interface_is_translated(client, departments, language, sign_in_label):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(reverse("account_login"))

    assert sign_in_label in response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_interface_string_has_a_translation(language):
    catalog = settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"

    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalog)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


#: What ``make messages`` reads: the apps' code and the templates.
SOURCES = ("network", "governance", "preparation", "communications", "templates")


def _entries(po_text: str) -> list[str]:
    """The msgids of a catalog's entries, each with its context as "context | msgid"."""
    entries, current, field = [], {}, None
    for line in [*po_text.splitlines(), ""]:
        if line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
            field, _, value = line.partition(" ")
            if field == "msgctxt" and "msgid" in current:
                entries.append(current)
                current = {}
            current[field] = json.loads(value)
        elif line.startswith('"') and field:
            current[field] += json.loads(line)
        elif not line.strip() and "msgid" in current:
            entries.append(current)
            current, field = {}, None
    return [
        f"{e['msgctxt']} | {e['msgid']}" if "msgctxt" in e else e["msgid"]
        for e in entries
        if e["msgid"]  # the header
    ]


@pytest.fixture(scope="module")
def catalogs_merged_with_the_code(tmp_path_factory):
    """``makemessages`` run over a copy of the code and catalogs (the real ones untouched):
    a string of the code that the catalog lacks comes back untranslated or fuzzy."""
    root = tmp_path_factory.mktemp("messages")
    for source in SOURCES:
        shutil.copytree(
            settings.BASE_DIR / source,
            root / source,
            ignore=shutil.ignore_patterns("__pycache__", "*.mo", "migrations"),
        )
    shutil.copy(settings.BASE_DIR / "manage.py", root / "manage.py")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fi", "-l", "sv", "--no-obsolete"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root / settings.LOCALE_PATHS[0].relative_to(settings.BASE_DIR)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_string_of_the_code_and_templates_is_translated_in_the_catalog(
    catalogs_merged_with_the_code, language
):
    merged = catalogs_merged_with_the_code / language / "LC_MESSAGES" / "django.po"
    missing = []
    for only in ("--untranslated", "--only-fuzzy"):
        result = subprocess.run(
            ["msgattrib", only, "--no-obsolete", str(merged)],
            capture_output=True,
            text=True,
            check=True,
        )
        missing += _entries(result.stdout)

    assert missing == [], (
        f"{len(missing)} strings of the code are missing from the {language} catalog "
        "(or are untranslated or fuzzy there); run `make messages` and translate:\n"
        + "\n".join(f"  {msgid!r}" for msgid in missing)
    )


@pytest.mark.parametrize("word", ["Title", "title"])
def test_a_title_is_told_apart_as_a_job_title_or_a_heading(catalogs_merged_with_the_code, word):
    """A job title ("tehtävänimike") and a heading ("otsikko") are never one msgid."""
    merged = catalogs_merged_with_the_code / "fi" / "LC_MESSAGES" / "django.po"
    msgids = _entries(merged.read_text(encoding="utf-8"))

    assert word not in msgids
    assert f"job | {word}" in msgids
    assert f"heading | {word}" in msgids
