"""A partner profile as data: the snapshot a ProfileDraft holds, how it is read from and
written to a Partner, and the field-by-field diff between two snapshots.

Phases, curricula and specialties are not part of a draft: they are claims with evidence
(partners.curation), confirmed one by one.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.db import transaction

from partners.models import (
    ContentArea,
    CostBand,
    Curriculum,
    DeliveryFormat,
    GradeBand,
    Partner,
    PLType,
    SampleEngagement,
    SequenceItem,
    State,
)
from plpg.models import District

# (key, label) of the profile's text fields, in the order the form and the diff show them.
TEXT_FIELDS = [
    ("name", "Name"),
    ("summary", "Summary"),
    ("description", "About"),
    ("website", "Website"),
    ("contact_name", "Contact name"),
    ("contact_email", "Contact email"),
]
# (key, label, model): many-to-many taxonomies a draft carries, by slug (states by code).
TERM_FIELDS = [
    ("content_areas", "Content areas", ContentArea),
    ("pl_types", "Types of PL", PLType),
    ("delivery_formats", "Delivery", DeliveryFormat),
    ("grade_bands", "Grade bands", GradeBand),
    ("cost_bands", "Cost bands", CostBand),
    ("states_served", "States served", State),
]
ENGAGEMENT_TEXT = [
    ("title", "Title"),
    ("district_context", "District context"),
    ("goals", "Goals"),
    ("notes", "Notes"),
]
# (key, label, model) of a sample engagement's single taxonomy terms, by slug.
ENGAGEMENT_TERMS = [
    ("curriculum", "Curriculum", Curriculum),
    ("content_area", "Content area", ContentArea),
    ("pl_type", "Type of PL", PLType),
    ("cost_band", "Total cost", CostBand),
]
ENGAGEMENT_CHOICES = [
    ("locale", "District locale", dict(District.Locale.choices)),
    ("enrollment_band", "District size", dict(District.EnrollmentBand.choices)),
]
ITEM_FIELDS = ["timing", "participants", "name", "format", "description"]


def _slug(term):
    return term.slug if term else ""


def profile_snapshot(*, partner: Partner) -> dict:
    """The partner's published profile as draft data (a few queries)."""
    data = {key: getattr(partner, key) for key, _ in TEXT_FIELDS}
    data["hq_state"] = partner.hq_state.code if partner.hq_state_id else ""
    data["national"] = partner.national
    for key, _label, model in TERM_FIELDS:
        lookup = "code" if model is State else "slug"
        data[key] = sorted(getattr(partner, key).values_list(lookup, flat=True))
    engagements = []
    for engagement in partner.sample_engagements.select_related(
        "curriculum", "content_area", "pl_type", "cost_band"
    ).prefetch_related("items"):
        row = {"id": engagement.pk}
        row.update({key: getattr(engagement, key) for key, _ in ENGAGEMENT_TEXT})
        row.update({key: _slug(getattr(engagement, key)) for key, _, _ in ENGAGEMENT_TERMS})
        row.update({key: getattr(engagement, key) for key, _, _ in ENGAGEMENT_CHOICES})
        row["items"] = [
            {f: getattr(item, f) for f in ITEM_FIELDS} for item in engagement.items.all()
        ]
        engagements.append(row)
    data["sample_engagements"] = engagements
    return data


def _terms(model, values):
    lookup = "code" if model is State else "slug"
    return list(model.objects.filter(**{f"{lookup}__in": values}))


@transaction.atomic
def profile_apply(*, partner: Partner, data: dict) -> None:
    """Write a snapshot onto the partner: fields, taxonomies and sample engagements.

    Sample engagements keep their ids (those in the snapshot are updated in place), new
    ones are created, and those no longer in the snapshot are deleted.
    """
    for key, _ in TEXT_FIELDS:
        setattr(partner, key, data.get(key, ""))
    partner.hq_state = State.objects.filter(code=data.get("hq_state") or "").first()
    partner.national = bool(data.get("national"))
    partner.save()
    for key, _label, model in TERM_FIELDS:
        getattr(partner, key).set(_terms(model, data.get(key, [])))
    keep = []
    for position, row in enumerate(data.get("sample_engagements", [])):
        engagement = partner.sample_engagements.filter(pk=row.get("id") or 0).first()
        if engagement is None:
            engagement = SampleEngagement(partner=partner)
        for key, _ in ENGAGEMENT_TEXT:
            setattr(engagement, key, row.get(key, ""))
        for key, _, model in ENGAGEMENT_TERMS:
            setattr(engagement, key, model.objects.filter(slug=row.get(key) or "").first())
        for key, _, _ in ENGAGEMENT_CHOICES:
            setattr(engagement, key, row.get(key, ""))
        engagement.position = position
        engagement.save()
        engagement.items.all().delete()
        SequenceItem.objects.bulk_create(
            SequenceItem(
                sample_engagement=engagement,
                position=n,
                **{f: item.get(f, "") for f in ITEM_FIELDS},
            )
            for n, item in enumerate(row.get("items", []))
        )
        keep.append(engagement.pk)
    partner.sample_engagements.exclude(pk__in=keep).delete()


# The diff ---------------------------------------------------------------------------------


@dataclass
class WordOp:
    """A run of words: "same", "added" or "removed"."""

    op: str
    text: str


@dataclass
class Change:
    """One field that differs. Text fields carry words; taxonomies carry added/removed."""

    label: str
    kind: str  # "text" | "terms" | "value" | "engagement"
    words: list[WordOp] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    before: str = ""
    after: str = ""
    children: list["Change"] = field(default_factory=list)
    status: str = "changed"  # for engagements: "added" | "removed" | "changed"


TOKEN = re.compile(r"^\s+|\S+\s*")  # a word with the space after it


def words_diff(before: str, after: str) -> list[WordOp]:
    """A word diff: runs of unchanged, removed and added words (whitespace kept)."""
    a, b = TOKEN.findall(before or ""), TOKEN.findall(after or "")
    ops: list[WordOp] = []
    # Words are compared without the spaces after them, so a new paragraph after the last
    # word does not mark that word as changed.
    matcher = difflib.SequenceMatcher(
        a=[t.strip() for t in a], b=[t.strip() for t in b], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append(WordOp("removed", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("added", "".join(b[j1:j2])))
    return ops


def _names(model, values) -> dict[str, str]:
    if model is State:
        return dict(State.objects.filter(code__in=values).values_list("code", "name"))
    return dict(model.objects.filter(slug__in=values).values_list("slug", "name"))


def _terms_change(label, model, before, after) -> Change | None:
    before, after = list(before or []), list(after or [])
    if sorted(before) == sorted(after):
        return None
    names = _names(model, set(before) | set(after))
    return Change(
        label=label,
        kind="terms",
        added=[names.get(v, v) for v in after if v not in before],
        removed=[names.get(v, v) for v in before if v not in after],
        kept=[names.get(v, v) for v in after if v in before],
    )


def _text_change(label, before, after) -> Change | None:
    if (before or "") == (after or ""):
        return None
    return Change(label=label, kind="text", words=words_diff(before, after))


def _value_change(label, before, after) -> Change | None:
    if before == after:
        return None
    return Change(label=label, kind="value", before=str(before or "—"), after=str(after or "—"))


def _engagement_changes(before: dict, after: dict) -> list[Change]:
    changes = []
    for key, label in ENGAGEMENT_TEXT:
        change = _text_change(label, before.get(key, ""), after.get(key, ""))
        if change:
            changes.append(change)
    for key, label, model in ENGAGEMENT_TERMS:
        b, a = before.get(key) or "", after.get(key) or ""
        if b != a:
            names = _names(model, {b, a} - {""})
            changes.append(_value_change(label, names.get(b, b), names.get(a, a)))
    for key, label, choices in ENGAGEMENT_CHOICES:
        b, a = before.get(key) or "", after.get(key) or ""
        if b != a:
            changes.append(_value_change(label, choices.get(b, b), choices.get(a, a)))
    b_items = [[i.get(f, "") for f in ITEM_FIELDS] for i in before.get("items", [])]
    a_items = [[i.get(f, "") for f in ITEM_FIELDS] for i in after.get("items", [])]
    if b_items != a_items:
        b_text = "\n".join(" · ".join(x for x in row if x) for row in b_items)
        a_text = "\n".join(" · ".join(x for x in row if x) for row in a_items)
        changes.append(
            Change(
                label=f"Scope and sequence ({len(b_items)} → {len(a_items)} rows)",
                kind="text",
                words=words_diff(b_text, a_text),
            )
        )
    return changes


def profile_diff(before: dict | None, after: dict) -> list[Change]:
    """What changes from ``before`` (the published profile; None for a new applicant) to
    ``after``, field by field."""
    before = before or {}
    changes: list[Change | None] = []
    for key, label in TEXT_FIELDS:
        changes.append(_text_change(label, before.get(key, ""), after.get(key, "")))
    b_hq, a_hq = before.get("hq_state") or "", after.get("hq_state") or ""
    if b_hq != a_hq:
        names = _names(State, {b_hq, a_hq} - {""})
        changes.append(_value_change("Headquarters", names.get(b_hq, b_hq), names.get(a_hq, a_hq)))
    if bool(before.get("national")) != bool(after.get("national")):
        changes.append(
            _value_change(
                "Works in every state",
                "yes" if before.get("national") else "no",
                "yes" if after.get("national") else "no",
            )
        )
    for key, label, model in TERM_FIELDS:
        changes.append(_terms_change(label, model, before.get(key), after.get(key)))

    old = {row["id"]: row for row in before.get("sample_engagements", []) if row.get("id")}
    seen = set()
    for row in after.get("sample_engagements", []):
        previous = old.get(row.get("id")) if row.get("id") else None
        title = row.get("title") or "Untitled"
        if previous is None:
            children = _engagement_changes({}, row)
            changes.append(
                Change(
                    f"Sample engagement “{title}”", "engagement", children=children, status="added"
                )
            )
            continue
        seen.add(previous["id"])
        children = _engagement_changes(previous, row)
        if children:
            changes.append(Change(f"Sample engagement “{title}”", "engagement", children=children))
    for pk, row in old.items():
        if pk not in seen:
            changes.append(
                Change(
                    f"Sample engagement “{row.get('title') or 'Untitled'}”",
                    "engagement",
                    status="removed",
                )
            )
    return [c for c in changes if c]
