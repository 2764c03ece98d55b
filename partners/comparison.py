"""Reads for the compare page: partners side by side, differences marked."""

from dataclasses import dataclass

from partners.models import Partner, Phase
from partners.selectors import HINTS
from plpg import formats


@dataclass
class CompareCell:
    values: list[tuple[str, bool]]  # (text, shared by every partner compared)


@dataclass
class CompareRow:
    label: str
    cells: list[CompareCell]
    differs: bool
    inline: bool = False  # short values (state codes) read better on one line


COMPARE_FIELDS = [
    ("Phases", "phases"),
    ("Content areas", "content_areas"),
    ("Curricula", "curricula"),
    ("Grade bands", "grade_bands"),
    ("Total cost", "cost_bands"),
    ("Delivery", "delivery_formats"),
    ("Types of PL", "pl_types"),
    ("Specialties", "specialties"),
]


def partners_for_compare(*, slugs: list[str], user) -> list[Partner]:
    """The visible partners of slugs, in the order given, with their taxonomies."""
    found = {
        p.slug: p
        for p in Partner.objects.visible_to(user)
        .filter(slug__in=slugs)
        .select_related("hq_state")
        .prefetch_related(*[f for _, f in COMPARE_FIELDS], "states_served", "sample_engagements")
    }
    return [found[s] for s in slugs if s in found]


def _where(partner: Partner) -> list[str]:
    if partner.national:
        return ["National"]
    return [s.code for s in partner.states_served.all()]


def _contexts(partner: Partner) -> list[str]:
    from plpg.models import District

    labels = []
    for engagement in partner.sample_engagements.all():
        parts = []
        if engagement.locale in District.Locale.values:
            parts.append(District.Locale(engagement.locale).label)
        if engagement.enrollment_band in District.EnrollmentBand.values:
            parts.append(District.EnrollmentBand(engagement.enrollment_band).label.lower())
        if parts:
            labels.append(", ".join(parts))
    return list(dict.fromkeys(labels))


def _term_label(term) -> str:
    hint = HINTS.get(("phase", term.slug)) if isinstance(term, Phase) else None
    return f"{term.name} ({hint})" if hint else term.name


def partners_compare(*, partners: list[Partner]) -> list[CompareRow]:
    """Rows of a side-by-side comparison; values not shared by all partners are marked."""
    getters = [
        (label, lambda p, f=f: [_term_label(t) for t in getattr(p, f).all()])
        for label, f in COMPARE_FIELDS
    ]
    getters += [
        ("Works in", _where),
        ("Headquarters", lambda p: [p.hq_state.name] if p.hq_state else []),
        ("Sample engagements in districts like", _contexts),
        (
            "Last reviewed",
            lambda p: [formats.day(p.last_reviewed)] if p.last_reviewed else [],
        ),
    ]
    rows = []
    for label, get in getters:
        values = [get(p) for p in partners]
        if label == "Works in":
            # A national partner works in every state: a state is shared when every
            # regional partner lists it; "National" only when every partner is national.
            regional = [set(v) for v in values if v != ["National"]]
            shared = set.intersection(*regional) if regional else {"National"}
        else:
            shared = set(values[0]).intersection(*map(set, values[1:])) if values else set()
        cells = [CompareCell([(v, v in shared) for v in vs]) for vs in values]
        differs = any(set(vs) != set(values[0]) for vs in values[1:])
        rows.append(CompareRow(label, cells, differs, inline=label == "Works in"))
    return rows
