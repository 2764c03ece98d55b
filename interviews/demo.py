"""The interview part of the demo story (idempotent), and synthetic data for benchmarks."""

import random
from datetime import timedelta

from django.utils import timezone

from interviews import lifecycle, services
from interviews.demo_rfp import lakeview_rfp
from interviews.guide_data import guide_templates_load
from interviews.models import (
    Consensus,
    Guide,
    Interview,
    LookFor,
    NonNegotiable,
    NonNegotiableResult,
    Rating,
    Scorecard,
    Selection,
    ShortlistEntry,
)
from partners.models import ContentArea, CostBand, Curriculum, GradeBand, Partner, Phase
from plpg.models import District, User

RIVERSIDE_TITLE = "K–8 math partner for the IM launch (demo)"
LAKEVIEW_TITLE = "K–5 literacy partner (demo)"

RIVERSIDE_NON_NEGOTIABLES = [
    "Coaches observe and give feedback with our IM-aligned observation tool",
    "Facilitators are trained and certified on Illustrative Mathematics",
    "Sessions fit inside our existing weekly PLC time",
]

DECISION = {
    "answer_vision": (
        "Yes. Northstar's launch and coaching plan is built on our vision of students doing the "
        "math; their sample engagement shows IM-specific practice every session."
    ),
    "answer_capacity": (
        "Yes. Year two shifts facilitation to our math coaches through a gradual release, so "
        "the work continues after the contract."
    ),
    "answer_coherence": (
        "Supports. They agreed to join a monthly call with Ember Literacy Partners and to use "
        "our observation tool."
    ),
    "answer_contract": (
        "Named facilitators with IM certification; our observation tool; monthly step-backs; "
        "materials reviewed by us before they reach teachers."
    ),
}

NOTES = {
    4: "Specific, concrete examples from districts like ours.",
    3: "Clear answer with one example.",
    2: "General answer; little evidence.",
    1: "Did not show this.",
}


TAKEAWAYS = {
    (True, 0): "Strong IM knowledge; concrete launch plan; willing to use our tools.",
    (True, 1): "Best answer on unfinished learning; ask for named facilitators in the contract.",
    (False, 0): "Leader coaching is solid but little on teacher launch.",
    (False, 1): "Generic answers on our curriculum; no planning tool for the launch logistics.",
}


def _partner(slug):
    return Partner.objects.filter(slug=slug).first()


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
                "note": "" if not_addressed else NOTES[value],
            },
        )
    if submit and scorecard.submitted_at is None and not scorecard.recommendation:
        scorecard.recommendation = (
            Scorecard.Recommendation.STRONG_YES if base >= 3 else Scorecard.Recommendation.NO
        )
        scorecard.takeaways = TAKEAWAYS[(base >= 3, seed % 2)]
        scorecard.submitted_at = scorecard.interview.scheduled_at + timedelta(days=1)
        scorecard.save()


def _interview(selection, partner, when, panel, guide, *, user=None):
    interview = Interview.objects.filter(selection=selection, partner=partner).first()
    if interview is not None:
        return interview
    interview = Interview(selection=selection, partner=partner, scheduled_at=when, guide=guide)
    sections = list(services.sections_in_scope(guide=guide, selection=selection))
    return services.interview_save(interview=interview, panel=panel, sections=sections, user=user)


def _declare_none(scorecard):
    if scorecard.conflict == Scorecard.Conflict.UNANSWERED:
        scorecard.conflict = Scorecard.Conflict.NONE
        scorecard.save(update_fields=["conflict"])


def _riverside(playbook, now):
    district = District.objects.filter(slug="riverside-unified-demo").first()
    partners = {
        slug: _partner(slug)
        for slug in (
            "northstar-math-collaborative",
            "catalyst-math-coaching",
            "summit-instructional-partners",
            "bright-path-learning",
        )
    }
    if district is None or not all(partners.values()):
        return
    lead = User.objects.get(email="leader@demo.test")
    panel = [
        User.objects.get(email="panelist@demo.test"),
        User.objects.get(email="panelist2@demo.test"),
    ]
    selection, created = Selection.objects.get_or_create(
        district=district,
        title=RIVERSIDE_TITLE,
        defaults={
            "needs": (
                "We adopted Illustrative Mathematics K–8 and launch it this fall. We need a partner "
                "for the launch and for ongoing coaching of teachers in grade-level PLCs."
            ),
            "content_area": ContentArea.objects.filter(slug="math").first(),
            "budget_band": CostBand.objects.filter(slug="100k-500k").first(),
            "guide": playbook,
            "created_by": lead,
        },
    )
    if created:
        selection.phases.set(Phase.objects.filter(slug__in=["launch", "ongoing-teachers"]))
        selection.curricula.set(Curriculum.objects.filter(slug="illustrative-mathematics"))
        selection.grade_bands.set(GradeBand.objects.filter(slug__in=["k-2", "3-5", "6-8"]))
        for position, text in enumerate(RIVERSIDE_NON_NEGOTIABLES):
            NonNegotiable.objects.create(selection=selection, text=text, position=position)
        for slug, partner in partners.items():
            status = (
                ShortlistEntry.Status.CONSIDERING
                if slug == "bright-path-learning"
                else ShortlistEntry.Status.INTERVIEWING
            )
            ShortlistEntry.objects.get_or_create(
                selection=selection, partner=partner, defaults={"status": status, "added_by": lead}
            )

    # Northstar: fully scored by both panelists, consensus on the look-fors to discuss.
    northstar = _interview(
        selection,
        partners["northstar-math-collaborative"],
        now - timedelta(days=120),
        panel,
        playbook,
        user=lead,
    )
    look_fors = _look_fors(northstar)
    for n, scorecard in enumerate(northstar.scorecards.order_by("panelist__email")):
        _declare_none(scorecard)
        _rate(scorecard, look_fors, base=3 + (n == 0), seed=10 + n, submit=True)
    if northstar.status != Interview.Status.COMPLETED:
        Interview.objects.filter(pk=northstar.pk).update(status=Interview.Status.COMPLETED)
    if look_fors and not Consensus.objects.filter(interview=northstar).exists():
        Consensus.objects.create(
            interview=northstar,
            look_for=look_fors[0],
            score=4,
            reason="Both saw concrete outcomes from two districts like ours; Quinn missed the data slide.",
            set_by=lead,
        )
    for item in selection.non_negotiables.all():
        NonNegotiableResult.objects.get_or_create(
            interview=northstar,
            non_negotiable=item,
            defaults={"status": NonNegotiableResult.Status.MET, "set_by": lead},
        )

    # Catalyst: half scored — Quinn submitted, Pat is half way through (blind to Quinn's).
    catalyst = _interview(
        selection,
        partners["catalyst-math-coaching"],
        now - timedelta(days=118),
        panel,
        playbook,
        user=lead,
    )
    look_fors = _look_fors(catalyst)
    cards = {c.panelist.email: c for c in catalyst.scorecards.select_related("panelist")}
    for card in cards.values():
        _declare_none(card)
    if "panelist2@demo.test" in cards:
        _rate(cards["panelist2@demo.test"], look_fors, base=2, seed=21, submit=True)
    if "panelist@demo.test" in cards:
        _rate(
            cards["panelist@demo.test"],
            look_fors[: len(look_fors) // 2],
            base=2,
            seed=22,
            submit=False,
        )

    # Summit: the partner pulled out before the call; the lead cancelled it.
    summit = _interview(
        selection,
        partners["summit-instructional-partners"],
        now - timedelta(days=112),
        panel,
        playbook,
        user=lead,
    )

    if not selection.is_decided:
        if summit.status == Interview.Status.SCHEDULED:
            lifecycle.interview_move(
                interview=summit,
                target=Interview.Status.CANCELLED,
                user=lead,
                note="Summit withdrew from the process.",
            )
        # The decision closes Catalyst's interview: Pat's unfinished scorecard is marked
        # missing and leaves the panel's lists.
        services.selection_decide(
            selection=selection,
            partner=partners["northstar-math-collaborative"],
            answers=DECISION,
            notes="Decided at the leadership meeting after the last call.",
            version=selection.version,
            user=lead,
            others="close",
        )
        ShortlistEntry.objects.filter(
            selection=selection,
            partner__in=[
                partners["bright-path-learning"],
                partners["summit-instructional-partners"],
            ],
        ).update(status=ShortlistEntry.Status.DECLINED)
        # The decision came two weeks after the last call (the story's spring).
        Selection.objects.filter(pk=selection.pk).update(decided_at=now - timedelta(days=100))

    # A district copy of the playbook guide, with its own non-negotiable, to edit freely.
    if not Guide.objects.filter(district=district).exists():
        copy = services.guide_copy(
            guide=playbook, district=district, user=lead, name="Riverside interview guide"
        )
        NonNegotiable.objects.create(
            guide=copy, text="Partner staff complete our district onboarding", position=0
        )


def _lakeview(playbook, now):
    district = District.objects.filter(slug="lakeview-county-schools-demo").first()
    partners = [_partner("prairie-reading-institute"), _partner("ember-literacy-partners")]
    if district is None or not all(partners):
        return
    lead = User.objects.get(email="other@demo.test")
    selection, created = Selection.objects.get_or_create(
        district=district,
        title=LAKEVIEW_TITLE,
        defaults={
            "needs": "Launch our new K–5 ELA curriculum and coach teachers in the science of reading.",
            "content_area": ContentArea.objects.filter(slug="ela").first(),
            "budget_band": CostBand.objects.filter(slug="50k-100k").first(),
            "guide": playbook,
            "created_by": lead,
        },
    )
    if created:
        selection.phases.set(Phase.objects.filter(slug__in=["launch", "ongoing-teachers"]))
        selection.grade_bands.set(GradeBand.objects.filter(slug__in=["k-2", "3-5"]))
        NonNegotiable.objects.create(
            selection=selection, text="In-person coaching at least monthly in every school"
        )
        for partner in partners:
            ShortlistEntry.objects.get_or_create(
                selection=selection, partner=partner, defaults={"added_by": lead}
            )
    # Prairie was interviewed last week by the lead and Riley (both submitted), and answered
    # the RFP with Ember: the comparison shows interview and proposal scores side by side.
    reviewer = User.objects.filter(email="reviewer@demo.test").first()
    panel = [lead, reviewer] if reviewer else [lead]
    interview = _interview(
        selection, partners[0], now - timedelta(days=7), panel, playbook, user=lead
    )
    if interview.scheduled_at < now:
        look_fors = _look_fors(interview)
        for seed, member in enumerate(panel):
            card = Scorecard.objects.get(interview=interview, panelist=member)
            _declare_none(card)
            _rate(card, look_fors, base=3 - seed, seed=seed + 3, submit=True)
        if interview.status != Interview.Status.COMPLETED:
            Interview.objects.filter(pk=interview.pk).update(status=Interview.Status.COMPLETED)
    lakeview_rfp(selection, lead, now)


def seed_demo(stdout=None):
    """Riverside's decided selection with three interviews; Lakeview's own selection."""
    guide_templates_load()
    playbook = Guide.objects.templates().get(key="playbook")
    now = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    _riverside(playbook, now)
    _lakeview(playbook, now)
