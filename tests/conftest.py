import os

import pytest
import redis
from django.conf import settings
from django.db import connection

from network import page_cache
from network.facts import network_load_facts
from network.models import Department
from tests.factories import make_director, make_network_admin, make_user, sign_in


def pytest_configure(config):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def departments(db) -> dict[str, Department]:
    network_load_facts()
    return {d.slug: d for d in Department.objects.all()}


@pytest.fixture
def member(db):
    return make_user()


@pytest.fixture
def director(departments):
    return make_director(departments["pirkanmaa"], first_name="Minna", last_name="Virtanen")


@pytest.fixture
def network_admin(db):
    """A network admin who has already set up two-factor authentication."""
    from tests.network.mfa_helpers import enrol_totp

    admin = make_network_admin(first_name="Anna", last_name="Lindqvist")
    enrol_totp(admin)
    return admin


@pytest.fixture
def member_client(client, member):
    return sign_in(client, member)


@pytest.fixture
def admin_client_mfa(client, network_admin):
    from tests.network.mfa_helpers import SECRET

    return sign_in(client, network_admin, totp_secret=SECRET)


@pytest.fixture
def fault_figures(request):
    """Record what a fault test measured: ``fault_figures(fault, expected, sent, t0, t1)``."""
    from tests.support import fault_figures as figures

    def measured(fault: str, expected: int, sent, started: float, ended: float) -> None:
        figures.record(request.config, fault, expected, sent, started, ended)

    return measured


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    from tests.support.fault_figures import collect_from_worker

    collect_from_worker(node.config, getattr(node, "workeroutput", {}))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    from tests.support.fault_figures import summary_lines

    lines = summary_lines(config)
    if lines:
        terminalreporter.section("what the fault tests measured")
        for line in lines:
            terminalreporter.write_line(line)


# A Redis database of each pytest-xdist worker's own (gw0: 14, gw1: 15, …), flushed per test.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
PAGE_CACHE_REDIS = f"redis://127.0.0.1:6379/{(14, 15, 8, 9, 10, 11, 12, 13)[_WORKER % 8]}"


@pytest.fixture
def pages(settings, transactional_db):
    """The page cache on (as in production, where REDIS_URL is set), on a Redis database of
    its own, watching this test's database connection for writes."""
    redis.Redis.from_url(PAGE_CACHE_REDIS).flushdb()
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": PAGE_CACHE_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        },
    }
    connection.ensure_connection()
    page_cache.watch_connection(None, connection)
    yield
    connection.execute_wrappers[:] = [
        w for w in connection.execute_wrappers if not getattr(w, "verkosto_watch", False)
    ]
    page_cache._down_until = 0.0
