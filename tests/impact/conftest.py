import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from partners import curation
from tests.factories import (
    EngagementFactory,
    GoalFactory,
    GoalUpdateFactory,
    PlanItemFactory,
    UserFactory,
)


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def engagement(district):
    engagement = EngagementFactory(
        district=district,
        title="K–8 math launch",
        amount=Decimal("100000"),
        contract_start=days(-120),
        contract_end=days(245),
    )
    goal = GoalFactory(
        engagement=engagement,
        title="Lesson structure",
        unit="%",
        baseline=Decimal("20"),
        target=Decimal("80"),
        start_date=days(-120),
        due_date=days(245),
    )
    GoalUpdateFactory(goal=goal, date=days(-10), value=Decimal("52"))
    PlanItemFactory(engagement=engagement, name="Launch institute")
    return engagement


@pytest.fixture
def staff(engagement):
    user = UserFactory(email="staff@partner.test")
    curation.staff_add(partner=engagement.partner, user=user)
    return user
