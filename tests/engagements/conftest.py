import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import CheckInFactory, EngagementFactory, GoalFactory, PlanItemFactory


@pytest.fixture
def today():
    return timezone.localdate()


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def engagement(district):
    """An active monthly engagement whose last check-in was 45 days ago: overdue."""
    engagement = EngagementFactory(
        district=district, contract_start=days(-120), grade_bands=["k-2", "3-5"]
    )
    CheckInFactory(district=district, engagements=[engagement], date=days(-45))
    GoalFactory(engagement=engagement, title="Lesson structure")
    PlanItemFactory(engagement=engagement, name="Launch institute")
    return engagement
