"""Playwright with Debian's Chromium against a live server of the portal."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# inside one unless told that the test code is deliberately synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: install Debian's chromium package (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Run axe-core on the current page; fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert serious == [], f"{page.url}: {serious}"
        assert page.console_errors == [], f"{page.url}: {page.console_errors}"

    return check


def sign_in_as(page, email: str) -> None:
    """Sign in through the real form as a demo person (clearing any earlier session).

    Someone who must use two-factor authentication (by role or board seat) has an
    authenticator, as after their first sign-in; the second step takes one of their
    recovery codes (a TOTP code works only once in its 30 seconds).
    """
    import re

    from playwright.sync_api import expect

    from network.demo import DEMO_PASSWORD
    from network.models import User
    from network.permissions import requires_mfa
    from tests.network.mfa_helpers import enrol_totp, has_totp, unused_recovery_code

    person = User.objects.get(email=email)
    if requires_mfa(person) and not has_totp(person):
        enrol_totp(person)
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/(dashboard|accounts/2fa/authenticate)/$"))
    if "/accounts/2fa/" in page.url:
        page.locator("input[name=code]").fill(unused_recovery_code(person))
        page.locator("main button[type=submit]:not([form])").click()  # not "cancel"
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
