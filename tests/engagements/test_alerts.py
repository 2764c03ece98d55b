import pytest

from engagements import services
from engagements.models import CheckIn, Engagement
from engagements.selectors import dashboard_for
from tests.engagements.conftest import days
from tests.factories import ActionItemFactory, CheckInFactory, EngagementFactory

pytestmark = pytest.mark.django_db


def kinds(data):
    return [(a.kind, a.engagement.pk if a.engagement else None) for a in data["alerts"]]


def test_overdue_checkin_shows_and_logging_one_clears_it(engagement, manager, today):
    data = dashboard_for(user=manager, district=engagement.district, today=today)
    assert ("checkin-overdue", engagement.pk) in kinds(data)
    assert data["counts"]["checkin"] == 1

    services.checkin_log(
        district=engagement.district,
        engagements=[engagement],
        user=manager,
        kind=CheckIn.Kind.REGULAR,
        date=today,
    )
    data = dashboard_for(user=manager, district=engagement.district, today=today)
    assert ("checkin-overdue", engagement.pk) not in kinds(data)
    assert data["counts"]["checkin"] == 0


def test_a_coherence_meeting_does_not_count_as_a_checkin(engagement, manager, today):
    CheckInFactory(
        district=engagement.district,
        engagements=[engagement],
        kind=CheckIn.Kind.COHERENCE,
        date=today,
    )
    data = dashboard_for(user=manager, district=engagement.district, today=today)
    assert ("checkin-overdue", engagement.pk) in kinds(data)


def test_paused_and_closed_engagements_raise_no_meeting_alerts(engagement, manager, today):
    for status in (Engagement.Status.PAUSED, Engagement.Status.CLOSED):
        Engagement.objects.filter(pk=engagement.pk).update(status=status)
        data = dashboard_for(user=manager, district=engagement.district, today=today)
        assert not [k for k in kinds(data) if k[0] in ("checkin-overdue", "step-back-due")]


def test_step_back_due_quarterly(district, manager, today):
    engagement = EngagementFactory(district=district, contract_start=days(-85))
    CheckInFactory(district=district, engagements=[engagement], date=days(-2))
    data = dashboard_for(user=manager, district=district, today=today)
    assert ("step-back-due", engagement.pk) in kinds(data)
    CheckInFactory(
        district=district, engagements=[engagement], date=today, kind=CheckIn.Kind.STEP_BACK
    )
    data = dashboard_for(user=manager, district=district, today=today)
    assert ("step-back-due", engagement.pk) not in kinds(data)


def test_contract_ending_within_60_days(district, manager, today):
    ending = EngagementFactory(district=district, contract_end=days(60))
    later = EngagementFactory(district=district, contract_end=days(61))
    found = kinds(dashboard_for(user=manager, district=district, today=today))
    assert ("contract-ending", ending.pk) in found
    assert ("contract-ending", later.pk) not in found


def test_overdue_action_items(engagement, manager, today):
    late = ActionItemFactory(engagement=engagement, due_date=days(-1))
    ActionItemFactory(engagement=engagement, due_date=today)
    ActionItemFactory(engagement=engagement, due_date=days(-9), done=True)
    data = dashboard_for(user=manager, district=engagement.district, today=today)
    overdue = [a.action_item for a in data["alerts"] if a.kind == "action-overdue"]
    assert overdue == [late]


def test_coherence_meeting_due_with_two_open_engagements(engagement, manager, today):
    data = dashboard_for(user=manager, district=engagement.district, today=today)
    assert "coherence-due" not in [a.kind for a in data["alerts"]]
    other = EngagementFactory(district=engagement.district)
    data = dashboard_for(user=manager, district=engagement.district, today=today)
    assert "coherence-due" in [a.kind for a in data["alerts"]]
    CheckInFactory(
        district=engagement.district,
        engagements=[engagement, other],
        kind=CheckIn.Kind.COHERENCE,
        date=days(-30),
    )
    data = dashboard_for(user=manager, district=engagement.district, today=today)
    assert "coherence-due" not in [a.kind for a in data["alerts"]]


def test_another_districts_engagements_never_show(engagement, outsider, other_district, today):
    data = dashboard_for(user=outsider, district=other_district, today=today)
    assert data["engagements"] == [] and data["alerts"] == []
