"""A private Redis server and Celery workers on this machine, for fault tests and the
delivery benchmark: each run gets its own, so stopping or killing them disturbs
nothing else (not the machine's Redis, not a developer's worker).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the database this process uses (the test database during tests)."""
    params = connection.settings_dict
    host = quote(params.get("HOST") or "127.0.0.1", safe="")
    user = quote(params.get("USER") or "", safe="")
    password = params.get("PASSWORD") or ""
    auth = f"{user}:{quote(password, safe='')}@" if password else f"{user}@"
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{params['NAME']}"


class RedisServer:
    """``redis-server`` on a free loopback port, keeping nothing on disk."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None
        binary = os.environ.get("REDIS_TEST_SERVER") or shutil.which("redis-server")
        if not binary:
            raise RuntimeError("redis-server is not installed")
        self.binary = binary

    def start(self) -> RedisServer:
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


class Worker:
    """One Celery worker process (solo pool: one process, so killing it kills the work)."""

    def __init__(self, *, broker_url: str, env: dict[str, str] | None = None) -> None:
        self.broker_url = broker_url
        self.env = env or {}
        self.log = Path(tempfile.mkstemp(prefix="verkosto-worker-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> Worker:
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": self.broker_url,
            **self.env,
        }
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.log.write_text("")
        with self.log.open("ab") as log:
            command = [sys.executable, "-m", "celery", "-A", "network", "worker"]
            command += ["--pool", "solo", "--loglevel", "INFO"]
            command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
            command += ["--hostname", f"verkosto-local-{os.getpid()}-{time.monotonic_ns()}@%h"]
            self.process = subprocess.Popen(  # noqa: S603 - our own command line
                command,
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log.read_text(errors="replace"):
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited:\n{self.log.read_text(errors='replace')}")
            time.sleep(0.1)
        raise RuntimeError(f"worker did not start:\n{self.log.read_text(errors='replace')}")

    def kill(self) -> None:
        """SIGKILL, as when a machine dies: no clean shutdown, no acknowledgement."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.unlink(missing_ok=True)


def use_broker(url: str | None):
    """Point this process's Celery app at a broker (or back to in-process when None)."""
    from communications import outbox
    from network.celery import app

    outbox._broker_unavailable_until = 0.0  # a new broker deserves a fresh try
    # Celery's private connection pools (not in its stubs): dropped so the new URL is used.
    if app._pool is not None:  # type: ignore[attr-defined]
        app._pool.force_close_all()  # type: ignore[attr-defined]
    app._pool = None  # type: ignore[attr-defined]
    app.amqp._producer_pool = None  # type: ignore[attr-defined]
    if url:
        app.conf.update(broker_url=url, task_always_eager=False)
    else:
        app.conf.update(broker_url="memory://", task_always_eager=True)
