"""The RFP's generated sections and the one reading of section text (docs/rfp.md).

``sections_generate`` is pure: ``selectors.rfp_source`` gathers what the district entered
(district context and north star, the selection's needs, phases, content area, curricula,
grade bands, budget band, non-negotiables, the guide's sections and look-fors with their
weights, the RFP's dates) and this module writes the starting text of every section.

Section text is plain text a lead edits in a textarea. ``text_blocks`` reads it the same
way for the page, the PDF and the DOCX: blank lines separate blocks; a block of ``- `` lines
is a list; a block whose lines all hold tabs is a table (first line the header, as in the
seeds' scope-and-sequence tables); a line starting ``## `` is a sub-heading.
"""

from dataclasses import dataclass
from decimal import Decimal

from partners.audiences import Audience
from plpg import formats

# The seeds' scope-and-sequence table header, word for word (scope-sequence-engagement-im).
SEQUENCE_HEADER = [
    "Timing (you may choose to use specific days/months or frequency)",
    "Participants",
    "Name of PL (either specific workshop title, coaching, etc) and format (Virtual, "
    "in-person, hybrid)",
    "Description",
]
SCALE_TEXT = (
    "Each look-for is rated on four points: 1 not evident, 2 partially evident, 3 evident, "
    "4 strong evidence; a look-for the proposal does not address is not scored."
)
PLAYBOOK_STEP = (
    "Draft a Request for Proposals for professional learning services and encourage providers "
    "to apply."
)

SECTION_TITLES = [
    ("background", "Background"),
    ("scope", "Scope of services"),
    ("non-negotiables", "Non-negotiables"),
    ("timeline", "Timeline"),
    ("budget", "Budget"),
    ("requirements", "Submission requirements"),
    ("criteria", "Evaluation criteria"),
]


@dataclass
class Source:
    """What the district entered, as plain values (selectors.rfp_source fills it)."""

    district_name: str
    state: str = ""
    locale: str = ""
    enrollment: str = ""
    student_context: list = None  # lines such as "32% multilingual learners"
    vision: str = ""
    priorities: list = None
    strategy: str = ""
    needs: str = ""
    phases: list = None
    content_area: str = ""
    curricula: list = None
    grade_bands: list = None
    audiences: list = None  # Audience values
    budget_band: str = ""
    non_negotiables: list = None
    criteria: list = None  # [(section title, weight, [(look-for lead, points, weight)])]
    guide_name: str = ""
    questions_due: object = None
    proposals_due: object = None
    interviews_on: object = None
    decision_on: object = None
    services_start: object = None


def _weight(value) -> str:
    return format(Decimal(value).normalize(), "f")


def _list(items) -> str:
    return "\n".join(f"- {item}" for item in items)


def _join(items, empty="not specified") -> str:
    items = [str(i) for i in items or [] if str(i).strip()]
    return ", ".join(items) if items else empty


def _background(s: Source) -> str:
    context = [f"{s.district_name} is a"]
    described = " ".join(p for p in (s.locale.lower(), "district") if p)
    context.append(described)
    if s.state:
        context.append(f"in {s.state}")
    if s.enrollment:
        context.append(f"with {s.enrollment[0].lower()}{s.enrollment[1:]}")
    parts = [" ".join(context) + "."]
    if s.student_context:
        parts.append("Our students:\n" + _list(s.student_context))
    if s.vision:
        parts.append(f"## Our north star\n{s.vision}")
    if s.priorities:
        parts.append("Our priorities:\n" + _list(s.priorities))
    if s.strategy:
        parts.append(f"Our strategy: {s.strategy}")
    if s.needs:
        parts.append(f"## What we need support with\n{s.needs}")
    return "\n\n".join(parts)


def _scope(s: Source) -> str:
    labels = dict(Audience.choices)
    return _list(
        [
            f"Phases of support: {_join(s.phases)}",
            f"Content area: {s.content_area or 'not specified'}",
            f"Curricula (high-quality instructional materials): {_join(s.curricula)}",
            f"Grade bands: {_join(s.grade_bands)}",
            f"Audiences: {_join(labels.get(a, a) for a in s.audiences or [])}",
        ]
    )


def _non_negotiables(s: Source) -> str:
    if not s.non_negotiables:
        return "The district has set no non-negotiables for this search."
    return (
        "Proposals must show how the provider meets each of the district's non-negotiables "
        "for professional learning services, materials or communications:\n\n"
        + _list(s.non_negotiables)
    )


def _timeline(s: Source) -> str:
    rows = [
        ("Questions due", s.questions_due and formats.day(s.questions_due)),
        ("Proposals due", s.proposals_due and formats.when(s.proposals_due)),
        ("Finalist interviews", s.interviews_on and formats.day(s.interviews_on)),
        ("Decision", s.decision_on and formats.day(s.decision_on)),
        ("Services start", s.services_start and formats.day(s.services_start)),
    ]
    return (
        _list(f"{label}: {value}" for label, value in rows if value)
        + "\n\nProposals received after the deadline are not accepted. Answers to providers' "
        "questions are published to every invited provider."
    )


def _budget(s: Source) -> str:
    if not s.budget_band:
        return "The district has not set a budget range; state the total cost of the proposal."
    return (
        f"The district expects a total cost in the range {s.budget_band}, including any "
        "travel related expenses. State the total cost of the proposal."
    )


def _requirements(s: Source) -> str:
    references = "districts like ours"
    if s.locale or s.enrollment:
        references = " ".join(
            p
            for p in (s.locale.lower(), "districts", s.enrollment and f"of {s.enrollment.lower()}")
            if p
        )
    return "\n\n".join(
        [
            "Each proposal includes:",
            _list(
                [
                    "Proposed services and approach: how the provider will meet the scope "
                    "and the non-negotiables above.",
                    "A sample scope and sequence of professional learning, in the table "
                    "format below (a CSV or Excel file with these columns is accepted too).",
                    f"References from {references}: two or three, with a contact each.",
                    "Facilitator qualifications: who will facilitate, how they are trained to "
                    "be experts on the curriculum, and how they are evaluated.",
                    "Evaluation approach: how the provider measures whether its services "
                    "improve teacher practice and student learning, and reports to the district.",
                    "The total cost.",
                ]
            ),
            "\t".join(SEQUENCE_HEADER),
        ]
    )


def _criteria(s: Source) -> str:
    parts = [
        "Proposals are scored by the district's panel against the same things to look for as "
        f"its interviews (from {s.guide_name or 'the district guide'}). {SCALE_TEXT} "
        "Section scores are weighted means of their look-fors; the overall score is the "
        "weighted mean of the sections."
    ]
    if not s.criteria:
        parts.append("The evaluation criteria will be published with the interview guide.")
    for title, weight, look_fors in s.criteria or []:
        lines = []
        for lead, points, lf_weight in look_fors:
            line = f"{lead} (weight {_weight(lf_weight)})"
            if points:
                line += ": " + "; ".join(points)
            lines.append(line)
        parts.append(f"## {title} (weight {_weight(weight)})\n" + _list(lines))
    return "\n\n".join(parts)


GENERATORS = {
    "background": _background,
    "scope": _scope,
    "non-negotiables": _non_negotiables,
    "timeline": _timeline,
    "budget": _budget,
    "requirements": _requirements,
    "criteria": _criteria,
}


def section_generate(key: str, source: Source) -> str:
    """The generated starting text of one section."""
    return GENERATORS[key](source)


def sections_generate(source: Source) -> list[tuple[str, str, str]]:
    """(key, title, text) of every section, in order."""
    return [(key, title, section_generate(key, source)) for key, title in SECTION_TITLES]


@dataclass
class Block:
    kind: str  # "p", "ul", "h", "table"
    lines: list


def text_blocks(text: str) -> list[Block]:
    """Section text as blocks for the page, the PDF and the DOCX (see the module docstring)."""
    blocks = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        while lines:
            line = lines[0]
            if line.startswith("## "):
                blocks.append(Block("h", [line[3:].strip()]))
                lines = lines[1:]
            elif line.startswith("- "):
                n = next((i for i, x in enumerate(lines) if not x.startswith("- ")), len(lines))
                blocks.append(Block("ul", [x[2:].strip() for x in lines[:n]]))
                lines = lines[n:]
            elif "\t" in line:
                n = next((i for i, x in enumerate(lines) if "\t" not in x), len(lines))
                blocks.append(Block("table", [x.split("\t") for x in lines[:n]]))
                lines = lines[n:]
            else:
                n = next(
                    (i for i, x in enumerate(lines) if x.startswith(("## ", "- ")) or "\t" in x),
                    len(lines),
                )
                blocks.append(Block("p", lines[:n]))
                lines = lines[n:]
    return blocks
