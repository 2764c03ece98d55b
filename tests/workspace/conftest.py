import pytest

from partners import curation
from tests.factories import (
    ActionItemFactory,
    CheckInFactory,
    EngagementFactory,
    EngagementPartnerFactory,
    GoalFactory,
    PlanItemFactory,
    UserFactory,
)

PRIVATE = "PRIVATE-MARKER-7Q2Z"
SHARED = "Shared with the partner: coaching calendar agreed"


@pytest.fixture
def engagement(district):
    engagement = EngagementFactory(district=district, title="K–8 math launch")
    GoalFactory(engagement=engagement, title="Lesson structure")
    PlanItemFactory(engagement=engagement, name="Launch institute")
    CheckInFactory(
        district=district,
        engagements=[engagement],
        shared_notes=SHARED,
        private_notes=f"{PRIVATE}: facilitation was weak",
        progress=f"{PRIVATE} progress",
        challenges=f"{PRIVATE} challenges",
        attendees=f"{PRIVATE} attendees",
    )
    CheckInFactory(district=district, engagements=[engagement], private_notes=f"{PRIVATE} only")
    ActionItemFactory(engagement=engagement, description="Send pacing", for_partner=True)
    ActionItemFactory(engagement=engagement, description=f"{PRIVATE} district to do")
    return engagement


@pytest.fixture
def staff(engagement):
    """Staff of the engagement's partner (not shared with yet)."""
    user = UserFactory(email="staff@partner.test")
    curation.staff_add(partner=engagement.partner, user=user)
    return user


@pytest.fixture
def shared_staff(engagement, staff, manager):
    from engagements.workspace.services import share_add

    share_add(engagement=engagement, staff_user=staff, user=manager)
    return staff


@pytest.fixture
def other_staff(db):
    """Staff of another partner."""
    user = UserFactory(email="staff@elsewhere.test")
    curation.staff_add(partner=EngagementPartnerFactory(), user=user)
    return user
