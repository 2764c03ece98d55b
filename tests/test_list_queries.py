"""Every list page reads the same number of queries for 1 row as for many ("1 row = N rows").

django-zeal (tests/settings.py) fails any request that loads related rows one by one; these
tests also catch the repeated queries zeal does not see (a filter or count per row).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActionItemFactory,
    CheckInFactory,
    EngagementFactory,
    MembershipFactory,
    PlanItemFactory,
    SelectionFactory,
    ShortlistEntryFactory,
    interview_for,
)

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    client.get(url)  # the session's first stamp and any first-request work
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _same_for_one_and_many(client, url, add_row, many=10):
    add_row()
    one = _count(client, url)
    for _ in range(many - 1):
        add_row()
    assert _count(client, url) == one


def test_selection_list(client, lead, panelist, district):
    def add():
        selection = SelectionFactory(district=district)
        ShortlistEntryFactory(selection=selection)
        interview_for(selection, panel=[panelist])

    client.force_login(lead)
    _same_for_one_and_many(client, reverse("interviews:selection_list"), add)


def test_selection_page_interviews_and_shortlist(client, lead, panelist, district):
    selection = SelectionFactory(district=district)

    def add():
        entry = ShortlistEntryFactory(selection=selection)
        interview_for(selection, panel=[panelist, lead], partner=entry.partner)

    client.force_login(lead)
    url = reverse("interviews:selection_detail", args=[selection.pk])
    _same_for_one_and_many(client, url, add)


def test_dashboard_engagements(client, manager, district):
    def add():
        engagement = EngagementFactory(district=district, grade_bands=["k-2", "3-5"])
        PlanItemFactory(engagement=engagement)
        ActionItemFactory(engagement=engagement)
        CheckInFactory(district=district, engagements=[engagement])

    client.force_login(manager)
    _same_for_one_and_many(client, reverse("engagements:dashboard"), add)


def test_coherence_engagements(client, manager, district):
    def add():
        engagement = EngagementFactory(district=district, grade_bands=["k-2"])
        CheckInFactory(district=district, engagements=[engagement], kind="joint")

    client.force_login(manager)
    _same_for_one_and_many(client, reverse("engagements:coherence"), add)


def test_team_members(client, lead, district):
    client.force_login(lead)
    add = lambda: MembershipFactory(district=district, role="viewer")  # noqa: E731
    _same_for_one_and_many(client, reverse("team"), add)
