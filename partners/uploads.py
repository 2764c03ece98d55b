"""Uploaded evidence files: checked by name, size and content, stored under a generated name.

A file is refused unless it is a PDF by its first bytes (``%PDF-``), whatever its name or
the browser's content type say. The uploader's file name is kept only for display, reduced
to a safe base name; the stored name is random, so no name can reach another path.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename

PDF_MAGIC = b"%PDF-"


def safe_display_name(name: str) -> str:
    """The last part of an uploaded file name, without directories or odd characters."""
    base = (name or "").replace("\\", "/").split("/")[-1]
    base = base.replace("\x00", "").strip().lstrip(".")
    try:
        cleaned = get_valid_filename(base)
    except Exception:  # SuspiciousFileOperation for names that clean to nothing
        cleaned = ""
    return (cleaned or "evidence.pdf")[:200]


def evidence_validate(upload) -> None:
    """Raise ValidationError unless the upload is a PDF of an allowed size."""
    name = upload.name or ""
    if "/" in name or "\\" in name or "\x00" in name:
        raise ValidationError("The file name must not contain a path.")
    if not name.lower().endswith(".pdf"):
        raise ValidationError("Upload a PDF file (a name ending in .pdf).")
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The file is {upload.size / 1_048_576:.1f} MB; the limit is "
            f"{limit / 1_048_576:.0f} MB."
        )
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    # PDF readers accept the header within the first kilobyte.
    if PDF_MAGIC not in head:
        raise ValidationError("This file is not a PDF (its content does not start like one).")


def evidence_storage_name(*, partner_id: int) -> str:
    """A fresh, unguessable name for a partner's evidence file (Claim.evidence_file puts it
    under evidence/)."""
    return f"{int(partner_id)}/{uuid.uuid4().hex}.pdf"
