"""The README's production start, as an operator runs it, on this machine's PostgreSQL and
a private Redis: migrate, the load commands, collectstatic, the deploy check, gunicorn with
its config file, a Celery worker and beat. Then a rescue director signs in over HTTP,
answers a consultation, and the consultation's e-mail has arrived."""

import http.client
import os
import re
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from communications.local_processes import RedisServer, free_port
from tests.communications.test_mail_outage import Collector

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]

SETUP = """
from datetime import timedelta
from django.utils import timezone
from governance.positions import services
from network.models import Department, DepartmentRole, NetworkRole, User

lappi = Department.objects.get(slug="lappi")
director = User.objects.create_user(
    email="johtaja@lappi.example", password="Tuotanto-salasana-2026", first_name="Arto",
    last_name="Rovanperä", department=lappi, department_role=DepartmentRole.DIRECTOR)
official = User.objects.create_user(
    email="virka@verkosto.example", password="Tuotanto-salasana-2026", first_name="Sanna",
    last_name="Toimihenkilö", roles=[NetworkRole.OFFICIAL])
position = services.position_create(
    actor=official, title="Savutuuletuksen kanta", summary="Tiivistelmä.", text="Teksti.")
services.consultation_open(
    actor=official, position=position, deadline=timezone.now() + timedelta(days=14))
from allauth.account.models import EmailAddress
EmailAddress.objects.create(user=director, email=director.email, verified=True, primary=True)
print("POSITION", position.pk)
"""


class Browser:
    """Plain HTTP with the cookies kept by hand: production cookies are marked Secure,
    which a standard cookie jar would not send over the loopback's plain HTTP."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1", "Origin": f"http://127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location", ""), response.read().decode()


#: The README's ``RUN="python -m uv run --frozen --no-dev"``. The test gives uv its own
#: environment (``UV_PROJECT_ENVIRONMENT``), so that installing without the development
#: packages, as an operator does, leaves the checkout's own environment alone.
def _uv() -> list[str]:
    """The README's ``python -m uv``. Under ``uv run`` (``make test``) the ``python`` first
    on the path is the project's, which has no uv, and uv names itself in ``UV``."""
    if os.environ.get("UV"):
        return [os.environ["UV"]]
    return [shutil.which("python") or "python", "-m", "uv"]


UV = _uv()
RUN = [*UV, "run", "--frozen", "--no-dev"]


def run(env, *args, timeout=300):
    result = subprocess.run(
        [*RUN, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"{args}: {result.stderr}"
    return result.stdout


def start(env, *command, log: Path):
    with log.open("ab") as handle:
        return subprocess.Popen(
            [*RUN, *command],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@pytest.fixture
def database():
    params = connection.get_connection_params()
    server = {k: v for k, v in params.items() if k in ("host", "port", "user", "password")}
    name = f"smoke_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    user = server.get("user") or "postgres"
    auth = f"{user}:{server['password']}" if server.get("password") else user
    url = f"postgres://{auth}@{server.get('host') or '127.0.0.1'}:{server.get('port') or 5432}"
    yield f"{url}/{name}", name, server
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_documented_production_start_serves_a_director_and_delivers_e_mail(database, tmp_path):
    url, name, server = database
    redis = RedisServer().start()
    port = free_port()
    collector = Collector()
    smtp = Controller(collector, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "smoke-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": url,
        "REDIS_URL": redis.url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "false",
        # Loopback speaks plain HTTP; behind the real load balancer this stays on.
        "SECURE_SSL_REDIRECT": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("VIRTUAL_ENV", None)
    env["UV_PROJECT_ENVIRONMENT"] = str(tmp_path / "venv")
    processes = []
    try:
        installed = subprocess.run(
            [*UV, "sync", "--frozen", "--no-dev", "--quiet"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert installed.returncode == 0, installed.stderr
        run(env, "compilemessages", "--ignore=.venv", "--ignore=node_modules")
        run(env, "collectstatic", "--noinput")
        run(env, "migrate", "--noinput")
        for command in ("load_network", "load_bodies", "load_preparation"):
            run(env, command)
        # As documented, with the HTTPS redirect on (loopback turns it off for serving).
        run({**env, "SECURE_SSL_REDIRECT": "true"}, "check", "--deploy", "--fail-level", "WARNING")
        position = re.search(r"POSITION (\d+)", run(env, "shell", "-c", SETUP)).group(1)

        logs = tmp_path / "logs"
        logs.mkdir()
        processes.append(
            start(env, "gunicorn", "-c", "gunicorn.conf.py", "network.wsgi", log=logs / "web")
        )
        processes.append(
            start(env, "celery", "-A", "network", "worker", "--pool", "solo", log=logs / "worker")
        )
        processes.append(
            start(
                env,
                *("celery", "-A", "network", "beat"),
                *("--schedule", str(tmp_path / "beat-schedule")),
                log=logs / "beat",
            )
        )
        browser = Browser(port)
        deadline = time.monotonic() + 60
        while True:
            try:
                if browser.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (logs / "web").read_text()
            time.sleep(0.5)

        browser.request("GET", "/accounts/login/")
        status, location, _body = browser.request(
            "POST",
            "/accounts/login/",
            {"login": "johtaja@lappi.example", "password": "Tuotanto-salasana-2026"},
        )
        assert (status, location) == (302, "/dashboard/")
        status, _location, page = browser.request("GET", f"/positions/{position}/")
        assert status == 200
        assert "Savutuuletuksen kanta" in page
        status, _location, _body = browser.request(
            "POST",
            f"/positions/{position}/consultation/answer/",
            {"stance": "supports", "comment": "Kannatamme."},
        )
        assert status == 302

        with psycopg.connect(dbname=name, **server) as db:
            (stance,) = db.execute(
                "SELECT stance FROM governance_consultationanswer WHERE position_id = %s",
                [int(position)],
            ).fetchone()
        assert stance == "supports"
        deadline = time.monotonic() + 60
        while not any("johtaja@lappi.example" in to for to, _text in collector.messages):
            assert time.monotonic() < deadline, (logs / "worker").read_text()[-3000:]
            time.sleep(0.5)
    finally:
        # Each runs in its own session: uv and the server it started stop together.
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        redis.stop()
        smtp.stop()
