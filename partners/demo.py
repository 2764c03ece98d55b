"""The demo directory and provider portal, from fixtures/demo/partners.toml and portal.toml:
fictional partners (Partner.is_demo) with their sample engagements, the two seed
scope-and-sequence tables (through partners.importer), and provider@demo.test's drafts and
claims (through partners.curation, as the portal and curation pages do). Idempotent: a
partner that exists is never overwritten, so curators' edits stay."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group

from partners import curation
from partners.importer import (
    engagement_title,
    format_of,
    import_scope_sequence,
    parse_scope_sequence,
)
from partners.models import (
    Claim,
    ContentArea,
    CostBand,
    Curriculum,
    Partner,
    PLType,
    SampleEngagement,
    SequenceItem,
    State,
)
from partners.services import partner_index
from partners.taxonomy import TAXONOMIES, taxonomy_load
from plpg.apps import CURATOR_GROUP
from plpg.demo import demo_data, demo_user
from plpg.models import User

SEED_TABLES = Path(settings.BASE_DIR) / "fixtures" / "seeds"
NATIONAL = "*"


def _states(spec, regions) -> set[str]:
    """State codes of a partner's states_served: codes and region names, plus its HQ."""
    codes = {spec["hq_state"]}
    for name in spec["states_served"]:
        codes.update(regions.get(name, [name]))
    return codes


def partner_from_spec(spec, regions) -> Partner:
    """Create the demo partner of spec if it is missing; never overwrite a curator's edits."""
    slug = spec["slug"]
    partner, created = Partner.objects.get_or_create(
        slug=slug,
        defaults={
            "name": spec["name"],
            "summary": spec["summary"],
            "description": spec["description"],
            "website": f"https://{slug}.example.org",
            "contact_name": "Partnerships team",
            "contact_email": f"hello@{slug}.example.org",
            "hq_state": State.objects.get(code=spec["hq_state"]),
            "national": spec["states_served"] == NATIONAL,
            "status": Partner.Status.PUBLISHED,
            "is_demo": True,
            "last_reviewed": spec["last_reviewed"],
        },
    )
    if created:
        for taxonomy in TAXONOMIES:
            if taxonomy.field != "states_served":
                terms = taxonomy.model.objects.filter(slug__in=spec[taxonomy.field])
                getattr(partner, taxonomy.field).set(list(terms))
        if not partner.national:
            partner.states_served.set(State.objects.filter(code__in=_states(spec, regions)))
    return partner


def _sample_engagement(partner, spec, data):
    """A generated sample engagement from the partner's phases and district context."""
    locale, band = spec["context"]["locale"], spec["context"]["enrollment_band"]
    curriculum = Curriculum.objects.filter(slug__in=spec["curricula"][:1]).first()
    area = ContentArea.objects.filter(slug=spec["content_areas"][0]).first()
    subject = curriculum.name if curriculum else area.name
    words = data["locale_words"][locale]
    place = f"{'an' if words[0] in 'aeiou' else 'a'} {words} district"
    title = f"{subject} in {place}"
    # Earlier demo data said "a urban district": rename it rather than add a second one.
    SampleEngagement.objects.filter(
        partner=partner, title=f"{subject} in a {words} district"
    ).exclude(title=title).update(title=title)
    engagement, created = SampleEngagement.objects.get_or_create(
        partner=partner,
        title=title,
        defaults={
            "curriculum": curriculum,
            "content_area": curriculum.content_area if curriculum else area,
            "pl_type": PLType.objects.filter(slug__in=spec["pl_types"][:1]).first(),
            "cost_band": CostBand.objects.filter(slug=spec["cost_bands"][-1]).first(),
            "district_context": (
                f"{place.capitalize()} with {data['band_words'][band]}. "
                f"We worked with teachers and leaders in {len(spec['phases']) * 4 + 3} schools."
            ),
            "locale": locale,
            "enrollment_band": band,
            "goals": (
                f"Help every teacher use {subject} as designed so that all students, including "
                "those who have been furthest from grade-level work, do the thinking in each lesson."
            ),
            "notes": "Demo data: a fictional engagement.",
        },
    )
    if created:
        rows = [row for phase in spec["phases"] for row in data["sample_rows"][phase]][:8]
        SequenceItem.objects.bulk_create(
            SequenceItem(
                sample_engagement=engagement,
                position=n,
                timing=row["timing"],
                participants=row["participants"],
                name=row["name"],
                format=format_of(row["name"]),
                description=row["description"],
            )
            for n, row in enumerate(rows)
        )
    return engagement


def claims_from_listing(*, partner: Partner) -> None:
    """Confirmed claims for the phases, curricula and specialties a demo partner is listed
    with, so the directory (which shows confirmed claims only) keeps them."""
    if partner.claims.exists():
        return
    for kind, field in (
        ("phase", "phases"),
        ("curriculum", "curricula"),
        ("specialty", "specialties"),
    ):
        for term in getattr(partner, field).all():
            Claim.objects.create(
                partner=partner, kind=kind, status=Claim.Status.CONFIRMED,
                evidence_note="Demo data: confirmed when the demo was loaded.", **{kind: term},
            )  # fmt: skip


def seed_portal(stdout=None) -> None:
    """provider@demo.test's partner, drafts and claims (portal.toml), once."""
    portal = demo_data("portal")
    curator = User.objects.filter(email=portal["curator"]).first()
    partner = Partner.objects.filter(slug=portal["partner"]).first()
    if curator is None or partner is None:
        return  # the core's demo (users) or the demo partners were not loaded
    curator.groups.add(Group.objects.get_or_create(name=CURATOR_GROUP)[0])
    user = demo_user(**portal["provider"])
    curation.staff_add(partner=partner, user=user, added_by=curator)
    if partner.drafts.exists():
        return  # the story is there (or a user has moved it on): leave it
    for spec in portal["draft"]:
        draft = curation.draft_start(partner=partner, user=user)
        data = {**draft.data, **spec.get("fields", {})}
        for key, more in spec.get("append", {}).items():
            if isinstance(more, list):
                data[key] = sorted(set(data.get(key, [])) | set(more))
            else:
                data[key] = f"{data.get(key) or ''}\n\n{more}"
        curation.draft_save(draft=draft, data=data, revision=None, user=user)
        curation.draft_submit(draft=draft, user=user, note=spec["note"])
        if "returned" in spec:
            curation.draft_return(draft=draft, reviewer=curator, comment=spec["returned"])
    for spec in portal["claim"]:
        curation.claim_create(
            partner=partner,
            kind=spec["kind"],
            term=curation.TERM_MODELS[spec["kind"]].objects.get(slug=spec["term"]),
            user=user,
            note=spec.get("note", ""),
            url=spec.get("url", ""),
        )
    if stdout:
        stdout.write(
            f"portal: {user.email} ({partner.name.split()[0]}), {len(portal['draft'])} drafts, "
            f"{len(portal['claim'])} claims"
        )


def seed_demo(stdout=None):
    """The taxonomy, the demo partners with sample engagements, and the two seed tables."""
    taxonomy_load()
    data = demo_data("partners")
    for spec in data["partner"]:
        partner = partner_from_spec(spec, data["regions"])
        if "scope_sequence" in spec:
            text = (SEED_TABLES / spec["scope_sequence"]).read_text(encoding="utf-8")
            title = engagement_title(parse_scope_sequence(text))
            if not partner.sample_engagements.filter(title=title).exists():
                import_scope_sequence(text=text, partner=partner, title=title)
        if spec.get("sample_engagement", True):
            _sample_engagement(partner, spec, data)
        claims_from_listing(partner=partner)
        partner_index(partner=partner)
    for spec in data["unpublished"]:
        Partner.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "status": Partner.Status(spec["status"]),
                "is_demo": True,
                "summary": "Not shown in the public directory.",
            },
        )
    seed_portal(stdout=stdout)
    if stdout:
        stdout.write(f"partners: {len(data['partner'])} demo partners")
