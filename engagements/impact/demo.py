"""The demo's evidence of impact (seed_demo runs this after engagements and the workspace,
through the services people use; idempotent). Dates are relative to today, as elsewhere."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from engagements.impact import feedback_services, services
from engagements.models import Engagement, PlanSession
from plpg.models import User

RIVERSIDE = "riverside-unified-demo"
NORTHSTAR = "northstar-math-collaborative"

# (number, days from today, amount, status): monthly invoices of the Northstar contract.
NORTHSTAR_INVOICES = [
    ("NMC-2026-081", -95, "48000", "paid"),
    ("NMC-2026-094", -65, "36500", "paid"),
    ("NMC-2026-107", -35, "24750", "approved"),
    ("NMC-2026-118", -4, "21300", "received"),
]


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _northstar_money(engagement, manager, today):
    for number, offset, amount, status in NORTHSTAR_INVOICES:
        day = today + dt.timedelta(days=offset)
        services.invoice_add(
            engagement=engagement,
            user=manager,
            number=number,
            date=day,
            amount=Decimal(amount),
            period_start=day - dt.timedelta(days=30),
            period_end=day - dt.timedelta(days=1),
            status=status,
        )
    # 60% base, 40% contingent on two goals (the share outcomes-based contracts often use).
    contract = engagement.amount or Decimal("303000")
    contingent = (contract * Decimal("0.4")).quantize(Decimal("1"))
    terms = services.terms_set(engagement=engagement, base_amount=contract - contingent)
    goals = {goal.title: goal for goal in engagement.goals.all()}
    structure = goals.get("IM lesson structure in every classroom")
    coaches = goals.get("Coaches lead IM-aligned coaching cycles")
    if structure is not None:  # on track: 52% of the way to 80%, paid linearly from 40%
        services.contingent_add(
            terms=terms,
            goal=structure,
            amount=(contingent * Decimal("0.6")).quantize(Decimal("1")),
            rule="linear",
            floor=Decimal("40"),
            measurement_date=structure.due_date,
        )
    if coaches is not None:  # at risk: 2 of 12 coaches, all or nothing
        services.contingent_add(
            terms=terms,
            goal=coaches,
            amount=contingent - (contingent * Decimal("0.6")).quantize(Decimal("1")),
            rule="all-or-nothing",
            floor=None,
            measurement_date=coaches.due_date,
        )
    for text, status in (
        ("Coaches released for weekly planning with Northstar", "on-track"),
        ("Substitute coverage so coaching cycles are not cancelled", "slipping"),
    ):
        commitment = services.commitment_add(terms=terms, text=text)
        services.commitment_status_set(commitment=commitment, status=status)


# (plan row, "I can" statement, answers as relevance/facilitation/learning/intended use
# digits, comments): three delivered sessions with enough responses to show.
NORTHSTAR_FEEDBACK = [
    (
        "Summer launch institute",
        "I can walk through an IM lesson's warm-up, activities, synthesis and cool-down.",
        ["4434", "3333", "4443", "3232", "4344", "3334", "2322"],
        ["More time to practise the cool-down, please.", "Loved teaching the warm-up as students."],
    ),
    (
        "Unit 2 internalization",
        "I can plan unit 2's lessons from the unit's big ideas.",
        ["3333", "4444", "3343", "2332", "3433", "4344"],
        ["Planning with my grade-level team was the most useful part."],
    ),
    (
        "Instructional rounds",
        "I can name what I saw in a lesson using the walkthrough tool's look-fors.",
        ["4444", "4344", "3443", "4434", "3444", "4343", "4444", "3334"],
        ["Seeing real classrooms beat any slide deck.", "Rounds felt rushed at the second school."],
    ),
]


def _northstar_feedback(engagement, manager, today):
    sessions = PlanSession.objects.filter(plan_item__engagement=engagement).select_related(
        "plan_item"
    )
    for name, statement, answers, comments in NORTHSTAR_FEEDBACK:
        session = sessions.filter(plan_item__name=name, date__lt=today).order_by("-date").first()
        if session is None:
            continue
        # Opened on the day of the session, answered the same day (closed since).
        link = feedback_services.feedback_link_create(
            session=session, user=manager, can_statement=statement, today=session.date
        )
        for n, digits in enumerate(answers):
            feedback_services.feedback_answer(
                link=link,
                answers={
                    "relevance": int(digits[0]),
                    "facilitation": int(digits[1]),
                    "learning": int(digits[2]),
                    "intended_use": int(digits[3]),
                    "comment": comments[n] if n < len(comments) else "",
                },
                today=session.date,
            )
    # The session the partner reported and the district confirmed with its attendance
    # (engagements.workspace's demo): its rate is responses over attendance.
    confirmed = (
        sessions.filter(
            confirmation=PlanSession.Confirmation.CONFIRMED,
            attendance__isnull=False,
            feedback_link__isnull=True,
        )
        .order_by("-date")
        .first()
    )
    if confirmed is not None:
        link = feedback_services.feedback_link_create(
            session=confirmed,
            user=manager,
            can_statement="I can plan a coaching cycle around one IM lesson.",
            today=confirmed.date,
        )
        for digits in ("4433", "3343", "4444", "3333", "4344", "3433", "4443", "3344", "2333"):
            feedback_services.feedback_answer(
                link=link,
                answers=dict(zip(("relevance", "facilitation", "learning", "intended_use"),
                                 map(int, digits), strict=True)),
                today=confirmed.date,
            )  # fmt: skip
    upcoming = sessions.filter(date__gte=today).order_by("date").first()
    if upcoming is not None:  # the next session's link is open: the demo can answer it
        feedback_services.feedback_link_create(
            session=upcoming,
            user=manager,
            can_statement="I can run a coaching cycle with the IM-aligned cycle tool.",
            today=today,
        )


BEACON = {
    "partner": "beacon-ela-institute",
    "title": "9–12 ELA: Amplify ELA launch and discussion coaching",
    "role_statement": (
        "Beacon launches Amplify ELA in our four high schools and coaches ELA teams on "
        "discussion and writing about complex texts; it does not run our walkthroughs."
    ),
    "audiences": ["teachers"],
    "content_areas": ["ela"],
    "grade_bands": ["9-12"],
    "curricula": ["amplify-ela"],
    "start": -315,
    "end": 50,  # 50 days from its end: the year-end review is offered
    "amount": Decimal("118000"),
    "cost_band": "100k-500k",
    "language": "Use the district's ELA walkthrough tool and Amplify's unit language.",
    "review": "Session materials go to the ELA coordinator a week ahead.",
    "escalation": "Concerns to the PL manager within two school days.",
    "checkins": "Monthly, 30 minutes, with the ELA coordinator and department chairs.",
}


def _seed_beacon(today, manager):
    """Riverside's high-school ELA engagement with Beacon, in its last 50 days."""
    from engagements.demo import _create, _goal, _meeting, _plan
    from engagements.models import CheckIn
    from plpg.models import District

    riverside = District.objects.filter(slug=RIVERSIDE).first()
    if riverside is None:
        return
    engagement, created = _create(
        riverside,
        BEACON,
        user=manager,
        today=today,
        status=Engagement.Status.ACTIVE,
        cadence="monthly",
    )
    if not created:
        return
    _goal(
        engagement,
        today,
        title="Grade 9 students write text-based arguments",
        measure="% of grade 9 essays scoring 3 or more on the district's argument rubric",
        unit="%",
        baseline="30",
        target="60",
        start=-315,
        due=50,
        updates=[(-200, "36", "Fall common assessment."), (-30, "47", "Winter common assessment.")],
        user=manager,
    )
    _goal(
        engagement,
        today,
        title="Student-led discussion in ELA lessons",
        measure="% of observed ELA lessons with a student-led discussion protocol",
        unit="%",
        baseline="15",
        target="50",
        start=-315,
        due=50,
        updates=[(-150, "34", "Walkthroughs, 4 schools."), (-20, "52", "Spring walkthroughs.")],
        user=manager,
    )
    _plan(
        engagement,
        today,
        [
            ("August", "Grades 9–12 ELA teachers", "Amplify ELA launch institute", "In-person",
             "Two days: the unit structure, first-unit internalization, discussion routines.",
             -300, "delivered"),
            ("Monthly", "High school ELA teams", "Unit internalization PLC", "Virtual",
             "Teams plan the next unit from its big ideas and writing tasks.", -290, "planned"),
            ("Winter", "Grades 9–12 ELA teachers", "Writing about complex texts", "In-person",
             "Modelled feedback on argument writing with student samples.", -120, "delivered"),
            ("Spring", "ELA department chairs", "Discussion walkthroughs", "In-person",
             "Chairs and Beacon coaches observe discussions with the walkthrough tool.", 20,
             "planned"),
        ],
    )  # fmt: skip
    for number, offset, amount in (("BEI-1101", -280, "29500"), ("BEI-1188", -180, "29500"),
                                   ("BEI-1247", -60, "29500")):  # fmt: skip
        day = today + dt.timedelta(days=offset)
        services.invoice_add(
            engagement=engagement, user=manager, number=number, date=day, amount=Decimal(amount),
            period_start=day - dt.timedelta(days=90), period_end=day - dt.timedelta(days=1),
            status="paid",
        )  # fmt: skip
    _meeting(riverside, [engagement], today, manager, kind=CheckIn.Kind.STEP_BACK, days=-20,
             minutes=60, progress="Writing scores up 11 points; discussion goal met.")  # fmt: skip
    _meeting(riverside, [engagement], today, manager, kind=CheckIn.Kind.REGULAR, days=-6,
             minutes=30, progress="Spring walkthroughs scheduled.")  # fmt: skip


def seed_demo(stdout=None):
    today = timezone.localdate()
    manager = User.objects.filter(email="manager@demo.test").first()
    northstar = Engagement.objects.filter(district__slug=RIVERSIDE, partner__slug=NORTHSTAR).first()
    if northstar is None or manager is None:
        _say(stdout, "impact: the demo engagements are missing; skipped.")
        return
    if not northstar.invoices.exists():
        _northstar_money(northstar, manager, today)
    from engagements.impact.models import FeedbackLink

    if not FeedbackLink.objects.filter(session__plan_item__engagement=northstar).exists():
        _northstar_feedback(northstar, manager, today)
    _seed_beacon(today, manager)
