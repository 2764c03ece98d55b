"""Lakeview's RFP in the demo story, from fixtures/interviews/demo-rfp.json, through the
services users call: drafted from the selection, published, a question answered, two
proposals submitted, one scored by two panelists; Northstar (provider@demo.test) is invited
and has not answered yet. Idempotent: an existing RFP is left as users changed it."""

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from interviews import services
from interviews.models import RFP, Rating, RFPQuestion, Scorecard
from partners.models import Partner, PartnerStaff
from plpg.models import User

DATA = Path(settings.BASE_DIR) / "fixtures" / "interviews" / "demo-rfp.json"


def lakeview_rfp(selection, lead, now):
    """Lakeview's RFP and its proposals (once)."""
    from interviews.demo import _declare_none, _look_fors, _rate

    if RFP.all_objects.filter(selection=selection).exists():
        return
    data = json.loads(DATA.read_text(encoding="utf-8"))
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
