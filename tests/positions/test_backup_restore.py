"""A backup restores everything: every position, vote and audit row, and every attachment
byte for byte, into an empty database and storage."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from governance import services as governance_services
from governance.models import Body, BodyKind, Role
from governance.positions import services
from governance.positions.models import AuditEntry, Position, Vote, VoteChoice
from tests.governance.conftest import seat

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def restore_target():
    """An empty database next to the test database, dropped afterwards."""
    params = connection.get_connection_params()
    admin = {k: v for k, v in params.items() if k in ("host", "port", "user", "password")}
    name = f"restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    yield name, admin
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_every_position_vote_audit_row_and_attachment(
    in_vote, cast, settings, tmp_path, restore_target
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    for key in ("chair", "vice", "m1"):
        services.vote_cast(user=cast[key], position=in_vote, choice=VoteChoice.APPROVE)
    group = Body.objects.create(
        kind=BodyKind.WORKING_GROUP,
        slug="ict",
        name_fi="ICT",
        parent=cast["board"],
        term_start=timezone.localdate(),
    )
    seat(group, cast["m1"], Role.MEMBER)
    content = os.urandom(5000)
    update = governance_services.status_update_post(
        actor=cast["m1"],
        group=group,
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        status="on_track",
        progress="Etenee.",
        attachments=[SimpleUploadedFile("raportti.pdf", content, "application/pdf")],
    )
    expected = {
        "positions": Position.objects.count(),
        "votes": Vote.objects.count(),
        "audit": AuditEntry.objects.count(),
    }
    backup = tmp_path / "backup"

    call_command("backup", str(backup))

    name, admin = restore_target
    target_media = tmp_path / "restored-media"
    url = (
        f"postgres://{admin.get('user') or 'postgres'}"
        f"{':' + admin['password'] if admin.get('password') else ''}"
        f"@{admin.get('host') or '127.0.0.1'}:{admin.get('port') or 5432}/{name}"
    )
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(target_media)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    restored = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert restored.returncode == 0, restored.stderr

    with psycopg.connect(dbname=name, **admin) as db:
        counts = {
            "positions": db.execute("SELECT count(*) FROM governance_position").fetchone()[0],
            "votes": db.execute("SELECT count(*) FROM governance_vote").fetchone()[0],
            "audit": db.execute("SELECT count(*) FROM governance_auditentry").fetchone()[0],
        }
        (stored_name,) = db.execute("SELECT file FROM governance_statusattachment").fetchone()
    assert counts == expected
    assert (target_media / stored_name).read_bytes() == content
    assert stored_name == update.attachments.get().file.name

    again = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert again.returncode != 0
    assert "not empty" in again.stderr


def test_a_damaged_backup_is_refused_before_anything_is_restored(in_vote, tmp_path, settings):
    from network.backup import BackupError, backup_verify

    settings.MEDIA_ROOT = str(tmp_path / "media")
    backup = tmp_path / "backup"
    call_command("backup", str(backup))
    with (backup / "database.dump").open("ab") as dump:
        dump.write(b"x")

    with pytest.raises(BackupError, match="checksum"):
        backup_verify(backup)


def test_a_restore_into_a_storage_that_is_not_empty_restores_nothing(
    in_vote, cast, settings, tmp_path, restore_target
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    group = Body.objects.create(
        kind=BodyKind.WORKING_GROUP,
        slug="ict",
        name_fi="ICT",
        parent=cast["board"],
        term_start=timezone.localdate(),
    )
    seat(group, cast["m1"], Role.MEMBER)
    update = governance_services.status_update_post(
        actor=cast["m1"],
        group=group,
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        status="on_track",
        progress="Etenee.",
        attachments=[SimpleUploadedFile("raportti.pdf", b"%PDF-1.4 x", "application/pdf")],
    )
    backup = tmp_path / "backup"
    call_command("backup", str(backup))
    # The target storage already holds one of the backup's files.
    target_media = tmp_path / "restored-media"
    occupied = target_media / update.attachments.get().file.name
    occupied.parent.mkdir(parents=True)
    occupied.write_bytes(b"older")

    name, admin = restore_target
    url = (
        f"postgres://{admin.get('user') or 'postgres'}"
        f"{':' + admin['password'] if admin.get('password') else ''}"
        f"@{admin.get('host') or '127.0.0.1'}:{admin.get('port') or 5432}/{name}"
    )
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(target_media)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    restored = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert restored.returncode != 0
    assert "storage is not empty" in restored.stderr
    with psycopg.connect(dbname=name, **admin) as db:
        tables = db.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()[0]
    assert tables == 0  # the database was left untouched
