"""The interview part of the demo story, from fixtures/demo/interviews.toml (the file says
what each record holds) and Lakeview's RFP from fixtures/demo/rfp.json, through the
services users call. Idempotent: a selection, interview, scorecard or RFP that exists is
left as users changed it."""

import json
import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from interviews import lifecycle, services
from interviews.guide_data import guide_templates_load
from interviews.models import (
    RFP,
    Consensus,
    Guide,
    Interview,
    LookFor,
    NonNegotiable,
    NonNegotiableResult,
    Rating,
    RFPQuestion,
    Scorecard,
    Selection,
    ShortlistEntry,
)
from partners.models import (
    ContentArea,
    CostBand,
    Curriculum,
    GradeBand,
    Partner,
    PartnerStaff,
    Phase,
)
from plpg.demo import DEMO_FILES, demo_data
from plpg.models import District, User


def _look_fors(interview):
    return list(
        LookFor.objects.filter(block__section__in=interview.sections.all()).order_by(
            "block__section__position", "block__position", "position"
        )
    )


def _score(rng, base):
    return max(1, min(4, base + rng.choice([-1, 0, 0, 1])))


def _rate(scorecard, look_fors, *, base, seed, submit):
    """Ratings for a demo scorecard; existing ratings are left as users changed them."""
    data = demo_data("interviews")
    rng = random.Random(seed)
    for index, look_for in enumerate(look_fors):
        value = _score(rng, base)
        not_addressed = index % 11 == 7
        Rating.objects.get_or_create(
            scorecard=scorecard,
            look_for=look_for,
            defaults={
                "score": None if not_addressed else value,
                "not_addressed": not_addressed,
                "note": "" if not_addressed else data["notes"][str(value)],
            },
        )
    if submit and scorecard.submitted_at is None and not scorecard.recommendation:
        strong = base >= 3
        scorecard.recommendation = (
            Scorecard.Recommendation.STRONG_YES if strong else Scorecard.Recommendation.NO
        )
        key = f"{'strong' if strong else 'weak'}_{'odd' if seed % 2 else 'even'}"
        scorecard.takeaways = data["takeaways"][key]
        scorecard.submitted_at = scorecard.interview.scheduled_at + timedelta(days=1)
        scorecard.save()


def _declare_none(scorecard):
    if scorecard.conflict == Scorecard.Conflict.UNANSWERED:
        scorecard.conflict = Scorecard.Conflict.NONE
        scorecard.save(update_fields=["conflict"])


def _interview(selection, partner, when, panel, guide, *, user=None):
    interview = Interview.objects.filter(selection=selection, partner=partner).first()
    if interview is not None:
        return interview
    interview = Interview(selection=selection, partner=partner, scheduled_at=when, guide=guide)
    sections = list(services.sections_in_scope(guide=guide, selection=selection))
    return services.interview_save(interview=interview, panel=panel, sections=sections, user=user)


def _selection(spec, district, lead, guide, partners):
    """The selection of a record, with its terms, non-negotiables and shortlist when new."""
    selection, created = Selection.objects.get_or_create(
        district=district,
        title=spec["title"],
        defaults={
            "needs": spec["needs"],
            "content_area": ContentArea.objects.filter(slug=spec["content_area"]).first(),
            "budget_band": CostBand.objects.filter(slug=spec["budget_band"]).first(),
            "guide": guide,
            "created_by": lead,
        },
    )
    if created:
        selection.phases.set(Phase.objects.filter(slug__in=spec["phases"]))
        if spec["curricula"]:
            selection.curricula.set(Curriculum.objects.filter(slug__in=spec["curricula"]))
        selection.grade_bands.set(GradeBand.objects.filter(slug__in=spec["grade_bands"]))
        for position, text in enumerate(spec["non_negotiables"]):
            NonNegotiable.objects.create(selection=selection, text=text, position=position)
        for entry in spec["shortlist"]:
            defaults = {"added_by": lead}
            if "status" in entry:
                defaults["status"] = ShortlistEntry.Status(entry["status"])
            ShortlistEntry.objects.get_or_create(
                selection=selection, partner=partners[entry["partner"]], defaults=defaults
            )
    return selection


def _interviews(selection, spec, *, lead, panel, guide, partners, now):
    """Each interview of the record, its scorecards, and what the panel settled."""
    interviews = {}
    for item in spec.get("interview", []):
        interview = _interview(
            selection,
            partners[item["partner"]],
            now + timedelta(days=item["days"]),
            panel,
            guide,
            user=lead,
        )
        interviews[item["partner"]] = interview
        if interview.scheduled_at >= now:
            continue
        look_fors = _look_fors(interview)
        cards = {c.panelist.email: c for c in interview.scorecards.select_related("panelist")}
        for card_spec in item.get("scorecards", []):
            card = cards.get(card_spec["panelist"])
            if card is None:
                continue
            _declare_none(card)
            rated = look_fors[: int(len(look_fors) * card_spec.get("part", 1))]
            _rate(
                card,
                rated,
                base=card_spec["base"],
                seed=card_spec["seed"],
                submit=card_spec.get("submit", False),
            )
        if item.get("completed") and interview.status != Interview.Status.COMPLETED:
            Interview.objects.filter(pk=interview.pk).update(status=Interview.Status.COMPLETED)
        consensus = item.get("consensus")
        if consensus and look_fors and not Consensus.objects.filter(interview=interview).exists():
            Consensus.objects.create(
                interview=interview,
                look_for=look_fors[0],
                score=consensus["score"],
                reason=consensus["reason"],
                set_by=lead,
            )
        if "non_negotiables" in item:
            for nn in selection.non_negotiables.all():
                NonNegotiableResult.objects.get_or_create(
                    interview=interview,
                    non_negotiable=nn,
                    defaults={
                        "status": NonNegotiableResult.Status(item["non_negotiables"]),
                        "set_by": lead,
                    },
                )
    return interviews


def _decide(selection, spec, interviews, *, lead, partners, now):
    """Cancelled interviews and the decision, once."""
    if selection.is_decided:
        return
    for item in spec.get("interview", []):
        interview = interviews[item["partner"]]
        if "cancelled" in item and interview.status == Interview.Status.SCHEDULED:
            lifecycle.interview_move(
                interview=interview,
                target=Interview.Status.CANCELLED,
                user=lead,
                note=item["cancelled"],
            )
    decision = spec.get("decision")
    if decision is None:
        return
    services.selection_decide(
        selection=selection,
        partner=partners[decision["partner"]],
        answers={k: v for k, v in decision.items() if k.startswith("answer_")},
        notes=decision["notes"],
        version=selection.version,
        user=lead,
        others="close",
    )
    ShortlistEntry.objects.filter(
        selection=selection, partner__in=[partners[slug] for slug in decision["declined"]]
    ).update(status=ShortlistEntry.Status.DECLINED)
    Selection.objects.filter(pk=selection.pk).update(
        decided_at=now + timedelta(days=decision["days"])
    )


def _guide_copy(district, spec, *, guide, lead):
    if Guide.objects.filter(district=district).exists():
        return
    copy = services.guide_copy(guide=guide, district=district, user=lead, name=spec["name"])
    for position, text in enumerate(spec["non_negotiables"]):
        NonNegotiable.objects.create(guide=copy, text=text, position=position)


def _rfp(selection, lead, now, name):
    """The selection's RFP and its proposals (once)."""
    if RFP.all_objects.filter(selection=selection).exists():
        return
    data = json.loads((DEMO_FILES / name).read_text(encoding="utf-8"))
    partners = {p.slug: p for p in Partner.objects.filter(slug__in=data["invite"])}
    if len(partners) != len(data["invite"]):
        return
    rfp = services.rfp_create(
        selection=selection,
        user=lead,
        title=data["title"],
        questions_due=(now + timedelta(days=data["questions_due_days"])).date(),
        proposals_due=now + timedelta(days=data["proposals_due_days"]),
        decision_on=(now + timedelta(days=data["decision_due_days"])).date(),
        services_start=(now + timedelta(days=data["services_start_days"])).date(),
    )
    services.rfp_invite(rfp=rfp, partners=[partners[s] for s in data["invite"]], user=lead)
    services.rfp_publish(rfp=rfp, user=lead, to_all=False, notify=False)
    for item in data["questions"]:
        question = RFPQuestion.objects.create(
            rfp=rfp, partner=partners[item["partner"]], text=item["text"]
        )
        question.answer, question.answered_by, question.answered_at = item["answer"], lead, now
        question.save()
    for spec in data["proposals"]:
        partner = partners[spec["partner"]]
        staff = PartnerStaff.objects.filter(partner=partner).select_related("user").first()
        author = staff.user if staff else None
        proposal = services.proposal_for(rfp=rfp, partner=partner)
        proposal = services.proposal_save(
            proposal_id=proposal.pk,
            answers=spec["answers"],
            cost=Decimal(spec["cost"]),
            version=proposal.version,
            user=author,
        )
        proposal = services.proposal_sequence_set(
            proposal=proposal, text=spec["sequence"], user=author
        )
        proposal = services.proposal_submit(proposal=proposal, user=author, notify=False)
        review = spec.get("review")
        if not review:
            continue
        panel = [User.objects.get(email=email) for email in review["panel"]]
        interview = services.proposal_review_save(proposal=proposal, panel=panel, user=lead)
        look_fors = _look_fors(interview)
        for seed, (user, base) in enumerate(zip(panel, review["bases"], strict=True)):
            card = Scorecard.objects.get(interview=interview, panelist=user)
            _declare_none(card)
            _rate(card, look_fors, base=base, seed=seed + 7, submit=False)
            if not Rating.objects.filter(scorecard=card).exists():
                continue
            services.scorecard_submit(scorecard=card, user=user)


def seed_demo(stdout=None):
    """Riverside's decided selection with three interviews; Lakeview's own selection."""
    guide_templates_load()
    data = demo_data("interviews")
    guide = Guide.objects.templates().get(key=data["guide"])
    now = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    for spec in data["selection"]:
        district = District.objects.filter(slug=spec["district"]).first()
        slugs = [entry["partner"] for entry in spec["shortlist"]]
        partners = {p.slug: p for p in Partner.objects.filter(slug__in=slugs)}
        if district is None or len(partners) < len(slugs):
            continue
        lead = User.objects.get(email=spec["created_by"])
        panel = list(filter(None, (User.objects.filter(email=e).first() for e in spec["panel"])))
        selection = _selection(spec, district, lead, guide, partners)
        interviews = _interviews(
            selection, spec, lead=lead, panel=panel, guide=guide, partners=partners, now=now
        )
        _decide(selection, spec, interviews, lead=lead, partners=partners, now=now)
        if "guide_copy" in spec:
            _guide_copy(district, spec["guide_copy"], guide=guide, lead=lead)
        if "rfp" in spec:
            _rfp(selection, lead, now, spec["rfp"])
