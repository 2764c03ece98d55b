"""Scope-and-sequence rows for a draft's sample engagement: from the seed-format text
(partners.importer) or from a CSV/XLSX upload whose columns match the template."""

import csv
import io

import tablib

from partners.importer import _term, format_of, parse_scope_sequence
from partners.models import ContentArea, Curriculum, PLType

TEMPLATE_COLUMNS = ["timing", "participants", "name", "format", "description"]
TEMPLATE_EXAMPLE = [
    [
        "August",
        "All K-5 teachers",
        "Curriculum launch institute (in-person)",
        "in-person",
        "Two days: the curriculum's structure, routines and first units.",
    ],  # fmt: skip
    [
        "September - May",
        "Grade-level teams",
        "Collaborative planning (virtual)",
        "virtual",
        "Monthly planning of upcoming lessons with a coach.",
    ],  # fmt: skip
]
MAX_ROWS = 200
MAX_BYTES = 1_000_000
LIMITS = {"timing": 200, "participants": 300, "name": 300, "format": 100, "description": 5000}


class SequenceFileError(ValueError):
    """A file that cannot be read as a scope and sequence; the message is for the user."""


def template_csv() -> str:
    """The downloadable CSV template: the columns and two example rows."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerows(TEMPLATE_EXAMPLE)
    return out.getvalue()


def template_xlsx() -> bytes:
    data = tablib.Dataset(*TEMPLATE_EXAMPLE, headers=TEMPLATE_COLUMNS, title="Scope and sequence")
    return data.export("xlsx")


def rows_from_upload(upload) -> list[dict]:
    """The rows of an uploaded CSV or XLSX file with the template's columns."""
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise SequenceFileError("The file is larger than 1 MB.")
    raw = upload.read()
    try:
        if name.endswith(".xlsx"):
            if not raw.startswith(b"PK"):
                raise SequenceFileError("This file is not an Excel workbook (.xlsx).")
            data = tablib.Dataset().load(io.BytesIO(raw), format="xlsx")
        elif name.endswith(".csv"):
            data = tablib.Dataset().load(raw.decode("utf-8-sig"), format="csv")
        else:
            raise SequenceFileError("Upload a .csv or .xlsx file (see the template).")
    except SequenceFileError:
        raise
    except Exception as exc:  # tablib/openpyxl raise many kinds for a broken file
        raise SequenceFileError(f"The file could not be read: {str(exc)[:120]}") from exc
    headers = [str(h or "").strip().lower() for h in (data.headers or [])]
    missing = [c for c in ("timing", "participants", "name") if c not in headers]
    if missing:
        raise SequenceFileError(
            "The first row must name the columns " + ", ".join(TEMPLATE_COLUMNS)
            + f" (missing: {', '.join(missing)})."
        )  # fmt: skip
    rows = []
    for number, values in enumerate(data, start=2):
        cells = {
            h: str(v if v is not None else "").strip()
            for h, v in zip(headers, values, strict=False)
        }
        if not any(cells.get(c) for c in TEMPLATE_COLUMNS):
            continue
        if not (cells.get("timing") and cells.get("name")):
            raise SequenceFileError(f"Row {number}: timing and name are required.")
        row = {c: cells.get(c, "")[: LIMITS[c]] for c in TEMPLATE_COLUMNS}
        row["format"] = row["format"] or format_of(row["name"])
        rows.append(row)
    if len(rows) > MAX_ROWS:
        raise SequenceFileError(f"At most {MAX_ROWS} rows, please.")
    if not rows:
        raise SequenceFileError("The file has no rows under its header.")
    return rows


def engagement_from_text(text: str) -> dict:
    """A draft's sample engagement from seed-format text (ScopeSequenceError if malformed)."""
    from partners.importer import engagement_title

    sequence = parse_scope_sequence(text)
    curriculum = _term(Curriculum, sequence.curriculum)
    area = (
        curriculum.content_area
        if curriculum
        else _term(ContentArea, sequence.curriculum_or_content_area)
    )
    pl_type = _term(PLType, sequence.pl_type)
    return {
        "id": None,
        "title": engagement_title(sequence),
        "curriculum": curriculum.slug if curriculum else "",
        "content_area": area.slug if area else "",
        "pl_type": pl_type.slug if pl_type else "",
        "cost_band": sequence.cost_band,
        "district_context": sequence.district_context,
        "locale": sequence.locale,
        "enrollment_band": sequence.enrollment_band,
        "goals": sequence.goals,
        "notes": sequence.notes,
        "items": [
            {
                "timing": r.timing,
                "participants": r.participants,
                "name": r.name,
                "format": r.format,
                "description": r.description,
            }
            for r in sequence.rows
        ],
    }
