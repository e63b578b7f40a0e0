"""Attachments in S3-compatible object storage, so that several web nodes see the same
files; a file missing from the storage answers 404, never a server error."""

import socket
import uuid

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from moto.server import ThreadedMotoServer

from governance import services
from governance.models import StatusAttachment

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def s3(settings):
    """A real S3 protocol server (moto's server mode) on a free local port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-north-1", **credentials)
    bucket = f"liitteet-{uuid.uuid4().hex[:12]}"  # moto's state outlives one server
    client.create_bucket(
        Bucket=bucket,
        CreateBucketConfiguration={"LocationConstraint": "eu-north-1"},
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": "eu-north-1",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    client.bucket = bucket
    yield client
    server.stop()


def post_update(working_group, people, content: bytes):
    return services.status_update_post(
        actor=people["member"],
        group=working_group,
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        status="on_track",
        progress="Etenee.",
        attachments=[SimpleUploadedFile("raportti.pdf", content, "application/pdf")],
    )


def test_an_attachment_is_stored_in_s3_and_served_after_the_check(
    s3, working_group, people, as_person
):
    content = b"%PDF-1.4 raportti " * 100
    update = post_update(working_group, people, content)
    attachment = update.attachments.get()

    stored = s3.get_object(Bucket=s3.bucket, Key=attachment.file.name)["Body"].read()
    response = as_person(people["member2"]).get(
        reverse("governance:status_attachment", args=[attachment.pk])
    )

    assert stored == content
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content


def test_a_file_missing_from_s3_answers_404(s3, working_group, people, as_person):
    attachment = post_update(working_group, people, b"%PDF-1.4 x").attachments.get()
    s3.delete_object(Bucket=s3.bucket, Key=attachment.file.name)

    response = as_person(people["member2"]).get(
        reverse("governance:status_attachment", args=[attachment.pk])
    )

    assert response.status_code == 404


def test_a_file_missing_from_the_local_disk_answers_404(
    working_group, people, as_person, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    attachment = post_update(working_group, people, b"%PDF-1.4 x").attachments.get()
    (tmp_path / attachment.file.name).unlink()

    response = as_person(people["member2"]).get(
        reverse("governance:status_attachment", args=[attachment.pk])
    )

    assert response.status_code == 404
    assert StatusAttachment.objects.filter(pk=attachment.pk).exists()
