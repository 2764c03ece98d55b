"""The portfolio page: every engagement side by side, sortable, CSV, query-constant."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from engagements.impact.services import invoice_add
from tests.factories import EngagementFactory, GoalFactory
from tests.impact.conftest import days

pytestmark = pytest.mark.django_db


def _add(district, name, amount, spent):
    engagement = EngagementFactory(
        district=district, partner__name=name, amount=Decimal(amount), title=f"{name} work"
    )
    GoalFactory(engagement=engagement)
    if spent:
        invoice_add(
            engagement=engagement, user=None, number="1", date=days(-3), amount=Decimal(spent),
            period_start=days(-30), period_end=days(-3), status="paid",
        )  # fmt: skip
    return engagement


def test_sorted_by_spend_both_ways(client, manager, district):
    _add(district, "Alpha", "100000", "5000")
    _add(district, "Beta", "100000", "90000")
    _add(district, "Gamma", "100000", None)
    client.force_login(manager)
    page = client.get(reverse("impact:portfolio") + "?sort=-spent").content.decode()
    assert page.index("Beta") < page.index("Alpha") < page.index("Gamma")
    assert 'aria-sort="descending"' in page
    page = client.get(reverse("impact:portfolio") + "?sort=spent").content.decode()
    assert page.index("Gamma") < page.index("Alpha") < page.index("Beta")
    # An unknown sort is the default (by partner), not an error.
    response = client.get(reverse("impact:portfolio") + "?sort=%27;drop")
    assert response.status_code == 200
    assert response.content.decode().index("Alpha") < response.content.decode().index("Beta")


def test_csv_has_one_row_per_engagement(client, manager, district, outsider):
    _add(district, "Alpha", "100000", "5000")
    EngagementFactory(district=outsider.memberships.first().district, partner__name="Elsewhere")
    client.force_login(manager)
    response = client.get(reverse("impact:portfolio_csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["partner"] for row in rows] == ["Alpha"]
    assert rows[0]["spent"] == "5000.00" and rows[0]["spent_percent"] == "5"


def test_query_count_does_not_grow_with_engagements(
    client, manager, district, django_assert_max_num_queries
):
    _add(district, "Alpha", "100000", "5000")
    client.force_login(manager)
    client.get(reverse("impact:portfolio"))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("impact:portfolio"))
    for n in range(6):
        _add(district, f"Partner {n}", "50000", "1000")
    with CaptureQueriesContext(connection) as seven:
        assert client.get(reverse("impact:portfolio")).status_code == 200
    assert len(seven) == len(one), [q["sql"][:120] for q in seven.captured_queries]


def test_roles(client, viewer, panelist, outsider, district):
    _add(district, "Alpha", "1", None)
    client.force_login(viewer)
    assert "Alpha" in client.get(reverse("impact:portfolio")).content.decode()
    client.force_login(panelist)
    assert client.get(reverse("impact:portfolio")).status_code == 403
    client.force_login(outsider)
    assert "Alpha" not in client.get(reverse("impact:portfolio")).content.decode()
    client.logout()
    assert client.get(reverse("impact:portfolio")).status_code == 302
