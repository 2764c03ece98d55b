"""Demo data of the provider portal and curation (demo only): provider@demo.test works for
Northstar Math Collaborative (Riverside's partner), with one draft returned with comments,
one waiting in the curation queue, a claim awaiting evidence and one waiting for review.
Written through the same services the pages call."""

from django.contrib.auth.models import Group

from partners import curation
from partners.models import Claim, Partner, Phase, Specialty
from plpg.apps import CURATOR_GROUP
from plpg.models import User

PROVIDER = ("provider@demo.test", "Nora", "Provider")
PARTNER = "northstar-math-collaborative"


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


def seed_portal(*, password: str, stdout=None) -> None:
    curator = User.objects.filter(email="curator@demo.test").first()
    partner = Partner.objects.filter(slug=PARTNER).first()
    if curator is None or partner is None:
        return  # the core's demo (users) or the demo partners were not loaded
    group, _ = Group.objects.get_or_create(name=CURATOR_GROUP)
    curator.groups.add(group)
    email, first, last = PROVIDER
    user, _ = User.objects.update_or_create(
        email=email, defaults={"first_name": first, "last_name": last}
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    curation.staff_add(partner=partner, user=user, added_by=curator)
    if partner.drafts.exists():
        return  # the story is there (or a user has moved it on): leave it

    returned = curation.draft_start(partner=partner, user=user)
    data = dict(returned.data)
    data["summary"] = "The best math coaching in the West — guaranteed results in every school!"
    curation.draft_save(draft=returned, data=data, revision=None, user=user)
    curation.draft_submit(draft=returned, user=user, note="New summary for the fall.")
    curation.draft_return(
        draft=returned,
        reviewer=curator,
        comment=(
            "Please describe what you do rather than promise results: districts compare "
            "summaries side by side. Something like “Coaching and planning support for "
            "Illustrative Mathematics in K–8” works well."
        ),
    )

    waiting = curation.draft_start(partner=partner, user=user)
    data = dict(waiting.data)
    data["summary"] = (
        "Coaching, collaborative planning and leader walkthroughs for K–8 teams using "
        "Illustrative Mathematics."
    )
    data["description"] = (data.get("description") or "") + (
        "\n\nSince 2025 we also run a summer institute for new math coaches, with monthly "
        "virtual follow-up during the school year."
    )
    data["states_served"] = sorted(set(data.get("states_served", [])) | {"NV"})
    curation.draft_save(draft=waiting, data=data, revision=None, user=user)
    curation.draft_submit(
        draft=waiting,
        user=user,
        note="Summary rewritten as asked; added the coach institute and Nevada.",
    )

    swd = Specialty.objects.get(slug="students-with-disabilities")
    curation.claim_create(partner=partner, kind="specialty", term=swd, user=user)
    curation.claim_create(
        partner=partner,
        kind="phase",
        term=Phase.objects.get(slug="adoption"),
        user=user,
        note="We facilitated the K–8 math adoption committee of a demo district in 2025.",
        url="https://northstar-math-collaborative.example.org/adoption-case-study",
    )
    if stdout:
        stdout.write("portal: provider@demo.test (Northstar), 2 drafts, 2 claims")
