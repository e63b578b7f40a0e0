"""Attachments: size and type limits, and the shared shape of an attached file.

Files are stored under ``MEDIA_ROOT``, or in S3-compatible storage when ``S3_BUCKET`` is
set (``settings.STORAGES``), with
random names, and are never served directly: each app serves its attachments through
a view that first checks who may see the item they belong to.
"""

from __future__ import annotations

import logging
import mimetypes
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

#: Office documents, PDF, text and images: what working papers are made of.
ALLOWED_EXTENSIONS = {
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp",
    ".txt", ".csv", ".rtf", ".png", ".jpg", ".jpeg", ".gif",
}  # fmt: skip


def _upload_to(instance: models.Model, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def validate_attachment(upload: UploadedFile) -> None:
    """Refuse files that are too large or of a type the portal does not keep."""
    limit = settings.ATTACHMENT_MAX_BYTES
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Files of type “%(type)s” cannot be attached. Allowed: %(allowed)s.")
            % {"type": suffix or "?", "allowed": ", ".join(sorted(ALLOWED_EXTENSIONS))}
        )
    size = upload.size or 0
    if size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the largest file allowed is %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(size),
                "limit": filesizeformat(limit),
            }
        )
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": upload.name})


class Attachment(models.Model):
    """An attached file: its original name and size are kept for people to see."""

    file = models.FileField(gettext_lazy("file"), upload_to=_upload_to, max_length=300)
    original_name = models.CharField(gettext_lazy("name"), max_length=255)
    size = models.PositiveBigIntegerField(gettext_lazy("size"))
    content_type = models.CharField(max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @classmethod
    def from_upload(cls, upload: UploadedFile, *, uploaded_by, **fields):
        validate_attachment(upload)
        name = upload.name or ""
        guessed = mimetypes.guess_type(name)[0]
        content_type = guessed or upload.content_type or "application/octet-stream"
        return cls(
            file=upload,
            original_name=PurePath(name).name[:255],
            size=upload.size or 0,
            content_type=content_type,
            uploaded_by=uploaded_by,
            **fields,
        )

    def response(self) -> FileResponse:
        """The file as a download, for a view that has checked who may see it. A file
        missing from the storage answers 404 (and is logged), never a server error."""
        try:
            handle = self.file.open("rb")
        except (FileNotFoundError, OSError) as error:
            logger.warning("Attachment %s is missing from the storage: %s", self.file.name, error)
            raise Http404 from None
        return FileResponse(
            handle,
            as_attachment=True,
            filename=self.original_name,
            content_type=self.content_type,
        )
