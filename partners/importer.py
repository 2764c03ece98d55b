"""Read scope-and-sequence tables in the seed format into sample engagements.

The format (fixtures/seeds/scope-sequence-*.txt, from the seeds): a title line, optional
``Label<TAB>value`` header fields (curriculum or content area, type of PL, total cost range
given by a checked box, district context as HTML), free paragraphs (goals, footnotes), then
a table: a ``Timing<TAB>Participants<TAB>Name … format<TAB>Description`` header, an optional
``---`` separator and one row per line. A row broken across lines or a page break (the next
line carries the rest of each cell, e.g. ``August -`` / ``September``) is joined back.

``parse_scope_sequence`` is pure (the engagements app reuses it for plans);
``import_scope_sequence`` writes one SampleEngagement and its rows in one transaction.
"""

import html
import re
from dataclasses import dataclass, field

from django.db import transaction

COLUMNS = 4
MAX_LENGTHS = {"timing": 200, "participants": 300, "name": 300}
MAX_TEXT = 20_000
TITLE_PREFIX = "sample scope and sequence of professional learning"

# header label (lower-case prefix) -> ScopeSequence attribute
HEADER_LABELS = {
    "curriculum or content area": "curriculum",
    "curriculum": "curriculum",
    "content area": "curriculum",
    "type of professional learning": "pl_type",
    "type of pl": "pl_type",
    "total cost range": "cost",
    "cost range": "cost",
    "cost": "cost",
    "district context": "district_context",
}

CHECKED_BOX = re.compile(r"<input\b(?P<attrs>[^>]*)/?>(?P<label>[^<]*)", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
FOOTNOTE = re.compile(r"^[¹²³*†‡]\s*")
PAGE_NUMBER = re.compile(r"^\s*(page\s+)?\d+(\s+of\s+\d+)?\s*$", re.IGNORECASE)
SEPARATOR = re.compile(r"^[\s\-–—|:]+$")
DASH_END = re.compile(r"[-–—]\s*$")
MONEY = re.compile(r"\$?\s*(\d[\d,]*)")


class ScopeSequenceError(ValueError):
    """A malformed scope-and-sequence file; ``line`` is 1-based."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


@dataclass
class Row:
    timing: str
    participants: str
    name: str
    format: str
    description: str
    line: int = 0


@dataclass
class ScopeSequence:
    title: str = ""
    example: str = ""
    curriculum: str = ""
    pl_type: str = ""
    cost_band: str = ""
    cost_text: str = ""
    district_context: str = ""
    locale: str = ""
    enrollment_band: str = ""
    goals: str = ""
    notes: str = ""
    rows: list[Row] = field(default_factory=list)

    @property
    def curriculum_or_content_area(self) -> str:
        return self.curriculum or self.example


def cost_band_slug(text: str) -> str:
    """The cost band slug for a label such as "$100,001 - $500,000", or ""."""
    lowered = text.lower().replace("–", "-")
    amounts = [int(m.replace(",", "")) for m in MONEY.findall(lowered) if m.replace(",", "")]
    if not amounts:
        return ""
    low = amounts[0]
    if "less than" in lowered or "under" in lowered or "<" in lowered:
        return "under-50k" if low <= 50_000 else ""
    if "+" in lowered or "more than" in lowered or "over" in lowered:
        return "over-1m" if low >= 1_000_000 else ""
    high = amounts[1] if len(amounts) > 1 else low
    for slug, top in (("under-50k", 49_999), ("50k-100k", 100_000), ("100k-500k", 500_000)):
        if high <= top:
            return slug
    return "500k-1m" if high <= 1_000_000 else "over-1m"


def html_to_text(value: str) -> str:
    """Plain text with one paragraph or list item per line (the seed's context is HTML)."""
    # The seed's list has no <li>: its items each start "Greater than …".
    value = re.sub(
        r"<ul\b[^>]*>(?:(?!<li\b).)*?(?=</ul>|$)",
        lambda m: re.sub(r"\s+(?=(Greater|Less|More|Fewer) than \d)", "<li>", m.group(0)),
        value,
        flags=re.IGNORECASE | re.DOTALL,
    )
    value = re.sub(r"</?(p|br|div|ul|ol)\b[^>]*>", "\n", value, flags=re.IGNORECASE)
    value = re.sub(r"<li\b[^>]*>", "\n", value, flags=re.IGNORECASE)
    value = html.unescape(TAG.sub("", value)).replace("\\$", "$")
    lines = [re.sub(r"\s+", " ", line).strip() for line in value.splitlines()]
    return "\n".join(line for line in lines if line)


def context_classify(text: str) -> tuple[str, str]:
    """(locale, enrollment band) of a district-context description, "" where it doesn't say."""
    lowered = text.lower()
    locale = ""
    for word in ("suburban", "urban", "rural", "town"):
        if re.search(rf"\b{word}\b", lowered):
            locale = word
            break
    band = ""
    match = re.search(
        r"(more than|over|fewer than|less than|under)?\s*(\d[\d,]*)\s+students", lowered
    )
    if match:
        count = int(match.group(2).replace(",", ""))
        more = match.group(1) in ("more than", "over")
        if count > 100_000 or (more and count >= 100_000):
            band = "over-100000"
        elif count > 50_000 or (more and count >= 50_000):
            band = "50000-100000"
        elif count > 10_000 or (more and count >= 10_000):
            band = "10000-50000"
        elif count >= 2_500:
            band = "2500-10000"
        else:
            band = "under-2500"
    return locale, band


def format_of(name: str) -> str:
    """Virtual, In-person or Hybrid as the "Name of PL and format" cell says, or ""."""
    lowered = name.lower()
    virtual = "virtual" in lowered
    in_person = bool(re.search(r"in[- ]person|on[- ]site", lowered))
    if "hybrid" in lowered or (virtual and in_person):
        return "Hybrid"
    if virtual:
        return "Virtual"
    return "In-person" if in_person else ""


def _header_field(label: str) -> str | None:
    label = re.sub(r"[¹²³*†‡:]+", "", label).strip().lower()
    for prefix, attr in HEADER_LABELS.items():
        if label == prefix or label.startswith(prefix + " ") or label.startswith(prefix + "("):
            return attr
    return None


def _is_table_header(cells: list[str]) -> bool:
    return len(cells) >= COLUMNS and cells[0].strip().lower().startswith("timing")


def _cost(value: str, line: int) -> tuple[str, str]:
    boxes = list(CHECKED_BOX.finditer(value))
    if boxes:
        checked = [b for b in boxes if re.search(r"\bchecked\b", b.group("attrs"), re.I)]
        if len(checked) != 1:
            raise ScopeSequenceError(
                line, f"the cost range must have exactly one checked box, found {len(checked)}"
            )
        label = html.unescape(checked[0].group("label")).replace("\\$", "$").strip()
    else:
        label = html.unescape(TAG.sub("", value)).replace("\\$", "$").strip()
        label = re.sub(r"^\[[xX✓]\]\s*", "", label)
    slug = cost_band_slug(label)
    if not slug:
        raise ScopeSequenceError(line, f"unrecognised cost range {label!r}")
    return slug, label


def _continues(previous: Row, cells: list[str]) -> bool:
    """Whether a table line carries the rest of the previous row (a row broken by a page)."""
    timing, participants, _name, description = cells
    if not timing.strip():
        return True
    if DASH_END.search(previous.timing):
        return True
    first = participants.strip()[:1] or description.strip()[:1]
    return first.islower()


def _join(a: str, b: str) -> str:
    a, b = a.strip(), b.strip()
    return f"{a} {b}".strip() if a and b else a or b


def parse_scope_sequence(text: str) -> ScopeSequence:
    """Parse one scope-and-sequence file; raises ScopeSequenceError naming the line."""
    if len(text) > 1_000_000:
        raise ScopeSequenceError(1, "the file is larger than 1 MB")
    result = ScopeSequence()
    goals: list[str] = []
    notes: list[str] = []
    in_table = False
    header_line = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.replace("\x00", "").replace("\f", "").rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        if not in_table:
            if _is_table_header(cells):
                in_table, header_line = True, number
                continue
            if len(cells) >= 2 and (attr := _header_field(cells[0])):
                value = "\t".join(cells[1:]).strip()
                if attr == "cost":
                    result.cost_band, result.cost_text = _cost(value, number)
                elif attr == "district_context":
                    result.district_context = html_to_text(value)[:MAX_TEXT]
                    result.locale, result.enrollment_band = context_classify(
                        result.district_context
                    )
                else:
                    setattr(result, attr, html_to_text(value)[:200])
                continue
            if len(cells) >= 2:
                raise ScopeSequenceError(
                    number,
                    f"unknown header field {cells[0].strip()[:60]!r} before the table "
                    "(expected curriculum or content area, type of professional learning, "
                    "total cost range, district context, or the Timing header row)",
                )
            stripped = line.strip()
            if not result.title and stripped.lower().startswith(TITLE_PREFIX):
                result.title = stripped[:200]
            elif FOOTNOTE.match(stripped):
                notes.append(FOOTNOTE.sub("", stripped))
            elif re.match(r"^overall goals?\s*:", stripped, re.I):
                goals.append(re.sub(r"^overall goals?\s*:\s*", "", stripped, flags=re.I))
            elif len(stripped) < 40 and stripped.lower().endswith("example"):
                result.example = stripped[: -len("example")].strip()
            elif "goal" in stripped.lower():
                goals.append(stripped)
            else:
                notes.append(stripped)
            continue

        # In the table.
        if SEPARATOR.match(line):
            continue
        if len(cells) == 1:
            if PAGE_NUMBER.match(line):
                continue
            if not result.rows:
                raise ScopeSequenceError(number, "text without columns before the first row")
            result.rows[-1].description = _join(result.rows[-1].description, line)
            continue
        if len(cells) > COLUMNS and not any(c.strip() for c in cells[COLUMNS:]):
            cells = cells[:COLUMNS]
        if len(cells) != COLUMNS:
            raise ScopeSequenceError(
                number,
                f"expected {COLUMNS} tab-separated columns (timing, participants, name and "
                f"format, description), found {len(cells)}",
            )
        if result.rows and _continues(result.rows[-1], cells):
            previous = result.rows[-1]
            previous.timing = _join(previous.timing, cells[0])
            previous.participants = _join(previous.participants, cells[1])
            previous.name = _join(previous.name, cells[2])
            previous.description = _join(previous.description, cells[3])
            row = previous
        else:
            if not cells[0].strip():
                raise ScopeSequenceError(number, "the first row has no timing")
            row = Row(*(c.strip() for c in cells[:3]), format="", description=cells[3].strip())
            row.line = number
            result.rows.append(row)
        for attr, limit in MAX_LENGTHS.items():
            if len(getattr(row, attr)) > limit:
                raise ScopeSequenceError(number, f"the {attr} is longer than {limit} characters")
        if not row.name:
            raise ScopeSequenceError(number, "the row has no name of PL")
        row.format = format_of(row.name)

    if not in_table:
        raise ScopeSequenceError(
            max(1, len(text.splitlines())),
            "no table found: expected a header row Timing / Participants / Name and format / "
            "Description (tab-separated)",
        )
    if not result.rows:
        raise ScopeSequenceError(header_line, "the table has no rows")
    result.goals = "\n\n".join(goals)[:MAX_TEXT]
    result.notes = "\n".join(notes)[:MAX_TEXT]
    return result


def engagement_title(sequence: ScopeSequence) -> str:
    """A short title: the title's subject, or curriculum and PL type for a generic title."""
    subject = sequence.title[len(TITLE_PREFIX) :].strip() if sequence.title else ""
    if subject.lower() in ("", "engagement"):
        parts = [p for p in (sequence.curriculum, sequence.pl_type) if p]
        subject = " — ".join(parts) or "Sample engagement"
    elif sequence.example:
        subject = f"{subject} — {sequence.example}"
    return subject[:200]


def _term(model, text: str):
    """The taxonomy term named text (exactly, or as a prefix either way), or None."""
    text = text.strip().lower()
    if not text:
        return None
    terms = list(model.objects.all())
    for term in terms:
        if text in (term.name.lower(), term.slug):
            return term
    for term in terms:
        name = term.name.lower()
        if name.startswith(text) or text.startswith(name):
            return term
    return None


@transaction.atomic
def import_scope_sequence(*, text: str, partner, title: str = ""):
    """Parse text and write it as the partner's sample engagement with that title.

    An engagement of the partner with the same title is replaced, so importing a file twice
    leaves one copy. Nothing is written if the file is malformed.
    """
    from partners.models import ContentArea, CostBand, Curriculum, PLType, SampleEngagement
    from partners.services import partner_index

    sequence = parse_scope_sequence(text)
    curriculum = _term(Curriculum, sequence.curriculum)
    content_area = (
        curriculum.content_area
        if curriculum
        else _term(ContentArea, sequence.curriculum_or_content_area)
    )
    pl_type = _term(PLType, sequence.pl_type)
    notes = sequence.notes
    if sequence.pl_type and not pl_type:
        notes = _join(notes, f"Type of professional learning: {sequence.pl_type}")
    engagement, _ = SampleEngagement.objects.update_or_create(
        partner=partner,
        title=(title or engagement_title(sequence))[:200],
        defaults={
            "curriculum": curriculum,
            "content_area": content_area,
            "pl_type": pl_type,
            "cost_band": CostBand.objects.filter(slug=sequence.cost_band).first(),
            "district_context": sequence.district_context,
            "locale": sequence.locale,
            "enrollment_band": sequence.enrollment_band,
            "goals": sequence.goals,
            "notes": notes,
        },
    )
    engagement.items.all().delete()
    engagement.items.bulk_create(
        [
            engagement.items.model(
                sample_engagement=engagement,
                position=position,
                timing=row.timing,
                participants=row.participants,
                name=row.name,
                format=row.format,
                description=row.description,
            )
            for position, row in enumerate(sequence.rows)
        ]
    )
    partner_index(partner=partner)
    return engagement
