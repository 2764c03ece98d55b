"""Bounded work: size limits refuse with a clear 400, and the report PDF stays under 5 s at them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from engagements import services
from engagements.models import ActionItem, CheckIn, Goal, PlanItem
from plpg.limits import LimitReached
from tests.factories import CheckInFactory, GoalFactory, PlanItemFactory

pytestmark = pytest.mark.django_db

PARAGRAPH = ("Teachers practised the lesson structure with the new units; coaches observed. " * 12)[
    :900
]


def _fill_to_the_limits(engagement):
    district = engagement.district
    PlanItem.objects.bulk_create(
        PlanItemFactory.build(
            engagement=engagement,
            position=n,
            name=f"Session {n}",
            description=PARAGRAPH[:400],
        )
        for n in range(services.PLAN_ROWS_LIMIT - engagement.plan_items.count())
    )
    Goal.objects.bulk_create(
        GoalFactory.build(engagement=engagement, title=f"Goal {n}")
        for n in range(services.GOALS_LIMIT - engagement.goals.count())
    )
    today = timezone.localdate()
    for n in range(services.CHECKINS_LIMIT - engagement.checkins.count()):
        CheckInFactory(
            district=district,
            engagements=[engagement],
            date=today - dt.timedelta(days=n),
            progress=PARAGRAPH,
            challenges=PARAGRAPH,
            next_steps=PARAGRAPH,
        )
    ActionItem.objects.bulk_create(
        ActionItem(
            engagement=engagement,
            description=f"Follow up {n}",
            owner="Coach",
            due_date=today + dt.timedelta(days=n % 40),
        )
        for n in range(services.ACTION_ITEMS_LIMIT)
    )


def test_limits_refuse_with_a_clear_message(client, manager, engagement):
    _fill_to_the_limits(engagement)
    client.force_login(manager)
    response = client.post(
        reverse("engagements:plan_import", args=[engagement.pk]),
        {
            "text": "Timing\tParticipants\tName of PL and format\tDescription\nAug\tAll\tOne more\tx\n"
        },
    )
    assert response.status_code == 400
    assert b"at most 150 plan rows" in response.content
    assert engagement.plan_items.count() == services.PLAN_ROWS_LIMIT
    with pytest.raises(LimitReached, match="at most 25 goals"):
        services.goal_save(goal=Goal(engagement=engagement, title="One more"), user=manager)
    assert engagement.goals.count() == services.GOALS_LIMIT
    with pytest.raises(LimitReached, match="at most 150 check-ins"):
        services.checkin_log(
            district=engagement.district,
            engagements=[engagement],
            user=manager,
            kind=CheckIn.Kind.REGULAR,
            date=timezone.localdate(),
        )


def test_the_step_back_report_renders_at_the_limits(client, manager, engagement):
    """The report of an engagement filled to every limit still renders (its time at this
    size is a `make bench` figure, not a timed test)."""
    _fill_to_the_limits(engagement)
    client.force_login(manager)
    response = client.get(reverse("engagements:report_pdf", args=[engagement.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
