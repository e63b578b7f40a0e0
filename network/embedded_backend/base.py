"""Django's PostgreSQL backend, with host and port found when the first connection opens."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.db.backends.postgresql import base


@cache
def _server() -> dict[str, str]:
    from network.embedded_db import embedded_database

    return embedded_database(settings.BASE_DIR)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        server = _server()
        # NAME stays as given: Django's "no database" connections (creating the test
        # database) set it to None on purpose.
        for key in ("HOST", "PORT", "USER"):
            if not self.settings_dict.get(key):
                self.settings_dict[key] = server[key]
        return super().get_connection_params()
