"""Uploaded files: checked by name, size and content, stored under a generated name.

A file is refused unless its content is what its name says, whatever the browser's content
type says: a PDF starts with ``%PDF-`` (within the first kilobyte), a PPTX, DOCX or XLSX is
an Office Open XML zip whose ``[Content_Types].xml`` and main part are there. The uploader's
file name is kept only for display, reduced to a safe base name; the stored name is random,
so no name can reach another path.

Claim evidence takes PDFs only (``evidence_validate``); the engagement workspace's materials
and documents take the four kinds (``upload_validate``); a delivered session's sign-in sheet
takes a PDF or a picture (JPEG, PNG: its signature is checked).
"""

import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"

# Office Open XML: the folder that holds each kind's main part.
OOXML_PARTS = {"pptx": "ppt/", "docx": "word/", "xlsx": "xl/"}
# Pictures (a photographed sign-in sheet): the signature their format starts with.
IMAGE_MAGIC = {"jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff", "png": b"\x89PNG\r\n\x1a\n"}
KIND_LABELS = {
    "jpg": "JPEG picture (.jpg)",
    "jpeg": "JPEG picture (.jpeg)",
    "png": "PNG picture (.png)",
    "pdf": "PDF",
    "pptx": "PowerPoint (.pptx)",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
}
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_display_name(name: str, *, default: str = "evidence.pdf") -> str:
    """The last part of an uploaded file name, without directories or odd characters."""
    base = (name or "").replace("\\", "/").split("/")[-1]
    base = base.replace("\x00", "").strip().lstrip(".")
    try:
        cleaned = get_valid_filename(base)
    except Exception:  # SuspiciousFileOperation for names that clean to nothing
        cleaned = ""
    return (cleaned or default)[:200]


def _names(kinds) -> str:
    exts = [f".{k}" for k in kinds]
    return exts[0] if len(exts) == 1 else ", ".join(exts[:-1]) + " or " + exts[-1]


def upload_validate(upload, *, kinds=("pdf",), max_bytes: int) -> str:
    """The upload's kind (one of ``kinds``: pdf, pptx, docx, xlsx, jpg, jpeg, png);
    ValidationError unless its name, size and content agree."""
    name = upload.name or ""
    if "/" in name or "\\" in name or "\x00" in name:
        raise ValidationError("The file name must not contain a path.")
    kind = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if kind not in kinds:
        if kinds == ("pdf",):
            raise ValidationError("Upload a PDF file (a name ending in .pdf).")
        labels = ", ".join(KIND_LABELS[k] for k in kinds)
        raise ValidationError(f"Upload one of: {labels} (a name ending in {_names(kinds)}).")
    if upload.size > max_bytes:
        raise ValidationError(
            f"The file is {upload.size / 1_048_576:.1f} MB; the limit is "
            f"{max_bytes / 1_048_576:.0f} MB."
        )
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if kind == "pdf":
        # PDF readers accept the header within the first kilobyte.
        if PDF_MAGIC not in head:
            raise ValidationError("This file is not a PDF (its content does not start like one).")
    elif kind in IMAGE_MAGIC:
        if not head.startswith(IMAGE_MAGIC[kind]):
            raise ValidationError(
                f"This file is not a real {KIND_LABELS[kind]} (its content does not start like one)."
            )
    elif not _is_ooxml(upload, head, OOXML_PARTS[kind]):
        raise ValidationError(
            f"This file is not a real {KIND_LABELS[kind]} file (its content is not one)."
        )
    return kind


def _is_ooxml(upload, head: bytes, main_folder: str) -> bool:
    """A zip whose directory lists [Content_Types].xml and a part under ``main_folder``
    (reads only the zip's directory, never inflates the parts)."""
    if not head.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(n.startswith(main_folder) for n in names)


def evidence_validate(upload) -> None:
    """Raise ValidationError unless the upload is a PDF of an allowed size."""
    upload_validate(upload, kinds=("pdf",), max_bytes=settings.EVIDENCE_MAX_BYTES)


def evidence_storage_name(*, partner_id: int) -> str:
    """A fresh, unguessable name for a partner's evidence file (Claim.evidence_file puts it
    under evidence/)."""
    return f"{int(partner_id)}/{uuid.uuid4().hex}.pdf"


def storage_name(*, owner_id: int, kind: str) -> str:
    """A fresh, unguessable name ``<owner id>/<random>.<kind>`` (the FileField adds its folder)."""
    return f"{int(owner_id)}/{uuid.uuid4().hex}.{kind}"
