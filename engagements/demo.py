"""The engagements part of the demo story, dated relative to the day it is seeded.

Riverside runs two engagements that reach the same K–5 teachers (so the coherence flag
shows): Northstar Math Collaborative (from the decided selection; on schedule, step-back
coming up, one action item late) and Ember Literacy Partners (by hand; its monthly check-in
is OVERDUE and its contract ends within 60 days). Lakeview runs its own with Prairie Reading
Institute. An engagement's goals, plan and meetings are seeded only when the engagement is
first created, so running seed_demo again adds nothing and keeps what users changed.
"""

import calendar
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from engagements import services, sessions
from engagements.models import (
    ActionItem,
    Audience,
    CheckIn,
    Engagement,
    Goal,
    GoalUpdate,
    OnboardingItem,
    PlanItem,
)
from engagements.timing import timing_parse
from partners.models import ContentArea, CostBand, Curriculum, GradeBand, Partner
from plpg import history
from plpg.models import District, User

RIVERSIDE = "riverside-unified-demo"
LAKEVIEW = "lakeview-county-schools-demo"
SELECTION_TITLE = "K–8 math partner for the IM launch (demo)"


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _days(today, n) -> dt.date:
    return today + dt.timedelta(days=n)


NORTHSTAR = {
    "partner": "northstar-math-collaborative",
    "title": "K–8 math: Illustrative Mathematics launch and coaching",
    "role_statement": (
        "Northstar owns the launch of Illustrative Mathematics in grades K–8: summer launch "
        "institutes, unit internalization with teachers, and a monthly PLC that builds our math "
        "coaches' capacity to run IM-aligned coaching cycles. Northstar does not coach "
        "principals and does not introduce its own walkthrough tool."
    ),
    "audiences": [Audience.TEACHERS, Audience.COACHES],
    "content_areas": ["math"],
    "grade_bands": ["k-2", "3-5", "6-8"],
    "curricula": ["illustrative-mathematics"],
    "start": -120,
    "end": 245,
    "amount": Decimal("285000"),
    "cost_band": "100k-500k",
    "language": (
        "Use the district's IPG-based math walkthrough tool for every classroom observation; "
        "use IM's own language for the lesson structure (warm-up, activities, lesson synthesis, "
        "cool-down)."
    ),
    "review": "Session materials go to the math director five school days before they reach teachers.",
    "escalation": (
        "Issues seen in classrooms go to the PL manager within two school days; anything about "
        "an individual teacher goes to the principal, never in a group session."
    ),
    "checkins": "Monthly, 45 minutes: goals first, then plan delivery, challenges, next steps.",
}

EMBER = {
    "partner": "ember-literacy-partners",
    "title": "K–5 ELA: CKLA knowledge and skills coaching",
    "role_statement": (
        "Ember coaches K–5 teachers on CKLA Skills and Knowledge strands in 12 focus schools and "
        "models lessons; it supports literacy coaches' walkthroughs but does not run them."
    ),
    "audiences": [Audience.TEACHERS],
    "content_areas": ["ela"],
    "grade_bands": ["k-2", "3-5"],
    "curricula": ["amplify-ckla"],
    "start": -100,
    "end": 50,
    "amount": Decimal("92000"),
    "cost_band": "50k-100k",
    "language": "Use the district's literacy walkthrough tool and CKLA's strand names.",
    "review": "Coaching handouts are reviewed by the ELA coordinator before use.",
    "escalation": "Urgent concerns by phone to the PL manager the same day.",
    "checkins": "Monthly, 30 minutes, with the ELA coordinator.",
}

PRAIRIE = {
    "partner": "prairie-reading-institute",
    "title": "K–5 reading: science of reading within the adopted curriculum",
    "role_statement": (
        "Prairie coaches K–5 teachers in the science of reading inside our adopted ELA curriculum, "
        "with a focus on small rural schools."
    ),
    "audiences": [Audience.TEACHERS, Audience.SCHOOL_LEADERS],
    "content_areas": ["ela"],
    "grade_bands": ["k-2", "3-5"],
    "curricula": [],
    "start": -60,
    "end": 300,
    "amount": Decimal("64000"),
    "cost_band": "50k-100k",
    "language": "Use our reading walkthrough tool.",
    "review": "Materials reviewed by the curriculum director.",
    "escalation": "Email the district lead within a week.",
    "checkins": "Every two weeks, 30 minutes.",
}


def _create(district, spec, *, user, today, status, cadence, selection=None):
    """Get or create the engagement of (district, partner); True when it is new."""
    partner = Partner.objects.filter(slug=spec["partner"]).first()
    if partner is None:
        return None, False
    existing = Engagement.objects.filter(district=district, partner=partner).first()
    if existing:
        # The selection may have been seeded after the engagement (apps seed in order).
        if selection is not None and existing.selection_id is None:
            Engagement.objects.filter(pk=existing.pk).update(selection=selection)
        return existing, False
    engagement = services.engagement_create(
        district=district,
        user=user,
        partner=partner,
        selection=selection,
        title=spec["title"],
        role_statement=spec["role_statement"],
        audiences=spec["audiences"],
        contract_start=_days(today, spec["start"]),
        contract_end=_days(today, spec["end"]),
        amount=spec["amount"],
        cost_band=CostBand.objects.filter(slug=spec["cost_band"]).first(),
        status=status,
        checkin_cadence=cadence,
        required_language_tools=spec["language"],
        protocol_materials_review=spec["review"],
        protocol_escalation=spec["escalation"],
        protocol_checkins=spec["checkins"],
        m2m={
            "content_areas": ContentArea.objects.filter(slug__in=spec["content_areas"]),
            "grade_bands": GradeBand.objects.filter(slug__in=spec["grade_bands"]),
            "curricula": Curriculum.objects.filter(slug__in=spec["curricula"]),
        },
    )
    return engagement, True


def _onboarding(engagement, user, done_keys, notes):
    for item in OnboardingItem.objects.filter(engagement=engagement):
        if item.key in done_keys:
            item.done, item.done_at, item.done_by = True, timezone.now(), user
        item.notes = notes.get(item.key, "")
        item.save()


def _goal(engagement, today, *, title, measure, unit, baseline, target, start, due, updates, user):
    goal = Goal.objects.create(
        engagement=engagement,
        title=title,
        measure=measure,
        unit=unit,
        baseline=Decimal(baseline),
        target=Decimal(target),
        start_date=_days(today, start),
        due_date=_days(today, due),
        position=Goal.objects.filter(engagement=engagement).count(),
    )
    for days, value, note in updates:
        GoalUpdate.objects.create(
            goal=goal, date=_days(today, days), value=Decimal(value), note=note, created_by=user
        )
    return goal


def _plan(engagement, today, rows):
    """The plan's rows. The demo is dated from today, so a month-timed row is named after the
        month of its date (timing and date agree); a recurring row's sessions come from the
        contract, and all its past ones but the last two were delivered (the shared workspace's
    demo has the partner report those two: one confirmed, one awaiting the district)."""
    holidays = sessions.holidays_of(engagement)
    items = []
    for n, (timing, participants, name, format_, description, day, status) in enumerate(rows):
        date = _days(today, day) if day is not None else None
        if date and timing_parse(timing).months:
            timing = calendar.month_name[date.month]
        item = PlanItem(
            engagement=engagement,
            position=n,
            timing=timing,
            participants=participants,
            name=name,
            format=format_,
            description=description,
            planned_date=date,
            status=status,
            delivered_on=date if status == "delivered" else None,
        )
        sessions.plan_row_date_fill(item=item, holidays=holidays)
        items.append(item)
    history.bulk_create(items, reason="Demo data")
    for item in items:
        sessions.plan_sessions_sync(item=item, previous_status=None, holidays=holidays)
        if item.recurring:
            past = list(item.sessions.filter(date__lt=today))
            sessions.sessions_move(past[:-2], status=PlanItem.Status.DELIVERED, reason="Demo data")
            sessions.row_status_refresh(item)


def _meeting(district, engagements, today, user, *, kind, days, minutes, **text):
    checkin = CheckIn.objects.create(
        district=district,
        kind=kind,
        date=_days(today, days),
        duration_minutes=minutes,
        created_by=user,
        **text,
    )
    checkin.engagements.set(engagements)
    return checkin


def _seed_northstar(engagement, today, user):
    district = engagement.district
    _onboarding(
        engagement,
        user,
        {"vision", "practices", "cohesion", "non-negotiables", "monitoring"},
        {
            "vision": "Shared the north star and Northstar's role in the IM launch.",
            "practices": "Stop: pacing-guide-only PLCs. Start: unit internalization. Continue: coach PLC.",
            "cohesion": "Northstar uses our walkthrough tool; joint planning with Ember on shared K–5 teachers.",
            "non-negotiables": "All sessions K–8; facilitators with IM certification; measured by sign-ins and walkthroughs.",
            "monitoring": "Exit tickets after each session, quarterly step-back with data.",
        },
    )
    _goal(
        engagement,
        today,
        title="IM lesson structure in every classroom",
        measure="% of observed K–8 math lessons with the full IM lesson structure (district walkthrough tool)",
        unit="%",
        baseline="20",
        target="80",
        start=-120,
        due=245,
        updates=[
            (-100, "26", "Baseline walkthroughs in 14 schools."),
            (-42, "41", "Strong gains in grades 3–5."),
            (-12, "52", "Middle schools catching up after unit 2 planning."),
        ],
        user=user,
    )
    _goal(
        engagement,
        today,
        title="Coaches lead IM-aligned coaching cycles",
        measure="Math coaches who completed at least one full IM-aligned coaching cycle",
        unit=" coaches",
        baseline="0",
        target="12",
        start=-120,
        due=245,
        updates=[(-42, "1", "First cycles started late."), (-12, "2", "Scheduling conflicts.")],
        user=user,
    )
    _plan(
        engagement,
        today,
        [
            (
                "August",
                "K–8 math teachers",
                "Summer launch institute",
                "In-person",
                "Two days: IM structure, first unit internalization, classroom routines.",
                -110,
                "delivered",
            ),
            (
                "August",
                "Math coaches",
                "Coach PLC kick-off",
                "Virtual",
                "Launch the monthly coach PLC; norms and the coaching-cycle tool.",
                -95,
                "delivered",
            ),
            (
                "September",
                "K–8 math teachers",
                "Unit 2 internalization",
                "Hybrid",
                "Grade-level teams plan unit 2 with Northstar facilitators.",
                -60,
                "delivered",
            ),
            (
                "Monthly",
                "Math coaches",
                "Coach PLC",
                "Virtual",
                "Key instructional strategies and analyzing student work.",
                None,
                "planned",
            ),
            (
                "October",
                "Teachers, site leaders, district leaders",
                "Instructional rounds",
                "In-person",
                "Observe and collect evidence with the district walkthrough tool.",
                -20,
                "delivered",
            ),
            (
                "Next month",
                "Teachers, site leaders, district leaders",
                "Instructional rounds #2",
                "In-person",
                "Second round; compare with October's evidence.",
                15,
                "planned",
            ),
            (
                "Mid-year",
                "Implementation team",
                "Mid-year data dive",
                "In-person",
                "Reflect on student and teacher data; refine the action plan.",
                45,
                "planned",
            ),
            (
                "Spring",
                "Families",
                "Family math night",
                "In-person",
                "Replaced by school-run events.",
                None,
                "cancelled",
            ),
        ],
    )
    kick_off = dict(
        attendees="Morgan Manager, Dana Leader, Northstar team lead",
        progress="Agreed the year's plan and goals.",
        next_steps="Finalize the launch institute agenda.",
    )
    _meeting(
        district,
        [engagement],
        today,
        user,
        kind=CheckIn.Kind.KICK_OFF,
        days=-118,
        minutes=90,
        **kick_off,
    )
    _meeting(
        district,
        [engagement],
        today,
        user,
        kind=CheckIn.Kind.REGULAR,
        days=-88,
        minutes=45,
        attendees="Morgan Manager, Northstar team lead",
        progress="Launch institute went well: 94% attendance.",
        challenges="Two middle schools missing materials.",
        next_steps="Escalate materials to purchasing.",
    )
    _meeting(
        district,
        [engagement],
        today,
        user,
        kind=CheckIn.Kind.STEP_BACK,
        days=-80,
        minutes=100,
        attendees="Morgan Manager, Dana Leader, Northstar leadership",
        progress="First-quarter review: on track on lesson structure.",
        challenges="Coach PLC attendance uneven.",
        next_steps="Principals to protect coach PLC time.",
    )
    _meeting(
        district,
        [engagement],
        today,
        user,
        kind=CheckIn.Kind.REGULAR,
        days=-42,
        minutes=45,
        attendees="Morgan Manager, Northstar team lead",
        progress="Unit 2 internalization delivered in all schools.",
        challenges="Coaching cycles not started in most schools.",
        next_steps="Schedule coaching cycles with each coach.",
        shared_notes="Unit 2 internalization reached every school. Next: a coaching-cycle "
        "calendar agreed with each coach before the unit 3 launch.",
        private_notes="Private to the district: the team lead's facilitation at Lincoln MS "
        "was weak; if it does not improve by January, ask Northstar for another facilitator.",
    )
    last = _meeting(
        district,
        [engagement],
        today,
        user,
        kind=CheckIn.Kind.REGULAR,
        days=-12,
        minutes=45,
        attendees="Morgan Manager, Northstar team lead",
        progress="Instructional rounds done; 52% of lessons show the full structure.",
        challenges="Coach scheduling conflicts.",
        next_steps="Send unit 3 pacing adjustments; share the walkthrough calendar.",
        shared_notes="Instructional rounds done: 52% of lessons show the full structure. "
        "Northstar sends the unit 3 pacing adjustments; the district shares the walkthrough "
        "calendar.",
    )
    ActionItem.objects.create(
        engagement=engagement,
        checkin=last,
        description="Send unit 3 pacing adjustments to grade-level leads",
        owner="Northstar team lead",
        for_partner=True,
        due_date=_days(today, -3),
    )
    ActionItem.objects.create(
        engagement=engagement,
        checkin=last,
        description="Share the walkthrough calendar with coaches",
        owner="Morgan Manager",
        due_date=_days(today, 5),
    )
    ActionItem.objects.create(
        engagement=engagement,
        description="Order missing middle-school materials",
        owner="Dana Leader",
        due_date=_days(today, -80),
        done=True,
        done_at=timezone.now(),
    )


def _seed_ember(engagement, today, user):
    district = engagement.district
    _onboarding(
        engagement,
        user,
        {"vision", "practices", "cohesion"},
        {
            "vision": "Shared the north star.",
            "cohesion": "Same K–5 teachers as Northstar: plan a joint check-in.",
        },
    )
    _goal(
        engagement,
        today,
        title="K–2 students at benchmark in foundational skills",
        measure="% of K–2 students at or above benchmark on the district's reading screener",
        unit="%",
        baseline="38",
        target="60",
        start=-100,
        due=50,
        updates=[
            (-70, "41", "Fall screener."),
            (-45, "44", "Winter screener is the next data point."),
        ],
        user=user,
    )
    _plan(
        engagement,
        today,
        [
            (
                "August",
                "K–5 teachers",
                "CKLA launch day",
                "In-person",
                "Skills and Knowledge strands, first domain planning.",
                -92,
                "delivered",
            ),
            (
                "Every other week",
                "K–5 teachers in focus schools",
                "Classroom coaching",
                "In-person",
                "Model lessons and debriefs in 12 focus schools.",
                None,
                "planned",
            ),
            (
                "October",
                "Literacy coaches",
                "Walkthrough norming",
                "Virtual",
                "Norm the district literacy walkthrough tool.",
                -50,
                "delivered",
            ),
            (
                "Next month",
                "K–5 teachers",
                "Domain internalization",
                "Virtual",
                "Plan the next knowledge domains.",
                20,
                "planned",
            ),
        ],
    )
    _meeting(
        district,
        [engagement],
        today,
        user,
        kind=CheckIn.Kind.KICK_OFF,
        days=-95,
        minutes=60,
        attendees="Morgan Manager, ELA coordinator, Ember lead coach",
        progress="Agreed coaching schedule and focus schools.",
        next_steps="Confirm focus-school list.",
    )
    _meeting(
        district,
        [engagement],
        today,
        user,
        kind=CheckIn.Kind.REGULAR,
        days=-70,
        minutes=30,
        attendees="Morgan Manager, Ember lead coach",
        progress="Launch day delivered; coaching started in 9 of 12 schools.",
        challenges="Substitute coverage for debriefs.",
        next_steps="Principals to arrange coverage.",
    )
    last = _meeting(
        district,
        [engagement],
        today,
        user,
        kind=CheckIn.Kind.REGULAR,
        days=-45,
        minutes=30,
        attendees="Morgan Manager, Ember lead coach",
        progress="Walkthrough norming done.",
        challenges="Screener gains slower than planned.",
        next_steps="Adjust coaching focus to phonics routines.",
    )
    ActionItem.objects.create(
        engagement=engagement,
        checkin=last,
        description="Share phonics routine look-fors with coaches",
        owner="Ember lead coach",
        due_date=_days(today, -20),
    )


def _seed_prairie(engagement, today, user):
    district = engagement.district
    _onboarding(
        engagement, user, {"vision", "practices", "cohesion", "non-negotiables", "monitoring"}, {}
    )
    _goal(
        engagement,
        today,
        title="Teachers using explicit phonics routines",
        measure="% of K–2 classrooms observed using the explicit phonics routine",
        unit="%",
        baseline="15",
        target="70",
        start=-60,
        due=300,
        updates=[(-5, "30", "Good start in the two largest schools.")],
        user=user,
    )
    _plan(
        engagement,
        today,
        [
            (
                "September",
                "K–5 teachers",
                "Science of reading foundations",
                "Hybrid",
                "Two sessions on the reading rope and phonics routines.",
                -40,
                "delivered",
            ),
            (
                "Every two weeks",
                "K–2 teachers",
                "Coaching visits",
                "In-person",
                "Rural schools visited in rotation.",
                None,
                "planned",
            ),
        ],
    )
    _meeting(
        district,
        [engagement],
        today,
        user,
        kind=CheckIn.Kind.KICK_OFF,
        days=-58,
        minutes=60,
        attendees="Olive Other, Prairie coach",
        progress="Plan agreed.",
    )
    _meeting(
        district,
        [engagement],
        today,
        user,
        kind=CheckIn.Kind.REGULAR,
        days=-5,
        minutes=30,
        attendees="Olive Other, Prairie coach",
        progress="Coaching visits on schedule.",
    )


def seed_demo(stdout=None):
    """Riverside's two overlapping engagements and Lakeview's own (idempotent)."""
    today = timezone.localdate()
    riverside = District.objects.filter(slug=RIVERSIDE).first()
    lakeview = District.objects.filter(slug=LAKEVIEW).first()
    manager = User.objects.filter(email="manager@demo.test").first()
    other = User.objects.filter(email="other@demo.test").first()
    if riverside is None or lakeview is None:
        _say(stdout, "engagements: demo districts missing; skipped.")
        return
    from interviews.models import Selection

    def decided(district, slug, title=None):
        """The district's selection that chose this partner (or, before the decision, by title)."""
        found = Selection.objects.filter(district=district, chosen_partner__slug=slug)
        if title and not found.exists():
            found = Selection.objects.filter(district=district, title=title)
        return found.order_by("-pk").first()

    for district, spec, user, seed, cadence, source in (
        (
            riverside,
            NORTHSTAR,
            manager,
            _seed_northstar,
            "monthly",
            decided(riverside, NORTHSTAR["partner"], SELECTION_TITLE),
        ),
        (riverside, EMBER, manager, _seed_ember, "monthly", None),  # started by hand
        (
            lakeview,
            PRAIRIE,
            other,
            _seed_prairie,
            "biweekly",
            decided(lakeview, PRAIRIE["partner"]),
        ),
    ):
        engagement, created = _create(
            district,
            spec,
            user=user,
            today=today,
            status=Engagement.Status.ACTIVE,
            cadence=cadence,
            selection=source,
        )
        if engagement is None:
            _say(stdout, f"engagements: partner {spec['partner']} missing; skipped.")
        elif created:
            seed(engagement, today, user)
