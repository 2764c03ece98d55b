"""Invoices, spend totals, outcome terms and payouts through the pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from engagements.impact.models import ContingentAmount, Invoice
from engagements.impact.selectors import spend_totals
from engagements.impact.services import invoice_add
from plpg.history import object_records
from tests.access import assert_district_private
from tests.engagements.test_report import pdf_text
from tests.factories import EngagementFactory
from tests.impact.conftest import days

pytestmark = pytest.mark.django_db


def _invoice(engagement, number, day, amount, status="paid"):
    return invoice_add(
        engagement=engagement,
        user=None,
        number=number,
        date=day,
        amount=Decimal(amount),
        period_start=day - dt.timedelta(days=30),
        period_end=day,
        status=status,
    )


def test_fiscal_year_totals_split_at_july(district, engagement):
    _invoice(engagement, "A", dt.date(2026, 6, 30), "1000")
    _invoice(engagement, "B", dt.date(2026, 7, 1), "2000")
    _invoice(engagement, "C", dt.date(2027, 6, 30), "4000", status="approved")
    _invoice(engagement, "D", dt.date(2027, 5, 1), "8000", status="received")  # not spend
    other = EngagementFactory(district=district, partner__name="Beta Partners")
    _invoice(other, "X", dt.date(2026, 12, 1), "500")
    totals = spend_totals(district=district)
    assert totals["by_year"] == [("FY 2025–26", Decimal("1000")), ("FY 2026–27", Decimal("6500"))]
    assert dict(totals["by_partner"]) == {
        engagement.partner.name: Decimal("7000"),
        "Beta Partners": Decimal("500"),
    }
    assert totals["total"] == Decimal("7500")


def test_dashboard_shows_totals(client, manager, engagement):
    _invoice(engagement, "A", dt.date(2026, 9, 1), "12345.5")
    client.force_login(manager)
    page = client.get(reverse("engagements:dashboard")).content.decode()
    assert "$12,345.50 invoiced and approved" in page and "FY 2026–27" in page


def test_record_invoice_and_warn_when_spend_runs_ahead(client, manager, engagement):
    client.force_login(manager)
    url = reverse("impact:invoice_new", args=[engagement.pk])
    data = {
        "number": "NS-1",
        "date": "2026-10-01",
        "amount": "40000",
        "period_start": "2026-09-01",
        "period_end": "2026-09-30",
        "status": "approved",
    }
    assert client.post(url, data).status_code == 302
    # The same number twice is refused with a sentence, nothing saved.
    again = client.post(url, data)
    assert again.status_code == 400 and "already recorded" in again.content.decode()
    bad = client.post(url, {**data, "number": "NS-2", "amount": "abc"})
    assert bad.status_code == 400
    assert Invoice.objects.filter(engagement=engagement).count() == 1
    page = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    # 40% spent, 0% of the one planned session delivered: 40 points ahead (margin 15).
    assert "Spend runs ahead of delivery by 40 points" in page
    invoice = Invoice.objects.get()
    response = client.post(
        reverse("impact:invoice_status", args=[engagement.pk, invoice.pk]), {"status": "paid"}
    )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert (
        object_records(Invoice, invoice.pk)[0].record.history_change_reason == "Invoice NS-1: paid"
    )
    # An invoice entered wrongly is removed (history keeps it) and recorded again.
    response = client.post(reverse("impact:invoice_remove", args=[engagement.pk, invoice.pk]))
    assert response.status_code == 302
    assert not Invoice.objects.filter(pk=invoice.pk).exists()
    assert object_records(Invoice, invoice.pk)[0].record.history_change_reason == (
        "Invoice NS-1 removed ($40,000)"
    )
    assert client.post(url, data).status_code == 302


def test_viewer_reads_but_cannot_write(client, viewer, engagement):
    client.force_login(viewer)
    assert client.get(reverse("impact:invoices", args=[engagement.pk])).status_code == 200
    assert client.get(reverse("impact:outcomes", args=[engagement.pk])).status_code == 200
    response = client.post(reverse("impact:terms_set", args=[engagement.pk]), {"base_amount": "1"})
    assert response.status_code == 403
    invoice = Invoice.objects.create(
        engagement=engagement,
        number="V-1",
        date="2026-10-01",
        amount=1,
        period_start="2026-09-01",
        period_end="2026-09-30",
    )
    remove = reverse("impact:invoice_remove", args=[engagement.pk, invoice.pk])
    assert client.post(remove).status_code == 403
    assert Invoice.objects.filter(pk=invoice.pk).exists()


@pytest.mark.parametrize("name", ["invoices", "outcomes"])
def test_pages_are_private(client, manager, outsider, staff, engagement, name):
    url = reverse(f"impact:{name}", args=[engagement.pk])
    assert_district_private(client, url, outsider=outsider, member=manager)
    client.force_login(staff)  # partner staff, even of this partner: a district page
    assert client.get(url).status_code == 404


def _terms(client, engagement, *, rule="linear", floor="40", measured=None):
    measured = measured or days(-1)
    goal = engagement.goals.get()
    assert (
        client.post(reverse("impact:terms_set", args=[engagement.pk]), {"base_amount": "60000"})
    ).status_code == 302
    response = client.post(
        reverse("impact:contingent_new", args=[engagement.pk]),
        {
            "goal": goal.pk,
            "amount": "40000",
            "rule": rule,
            "floor": floor,
            "measurement_date": measured.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    return ContingentAmount.objects.get(terms__engagement=engagement)


def test_earned_and_at_risk_from_latest_progress(client, lead, engagement):
    client.force_login(lead)
    _terms(client, engagement, measured=days(30))
    page = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    # Latest 52%, floor 40, target 80: 30% of $40,000 earned so far.
    assert "$12,000" in page and "$28,000" in page
    assert "(52% − 40%) ÷ (80% − 40%) = 30.0% of $40,000 = $12,000." in page


def test_payout_refused_before_the_measurement_date(client, lead, engagement):
    client.force_login(lead)
    contingent = _terms(client, engagement, measured=days(30))
    response = client.post(
        reverse("impact:payout_record", args=[engagement.pk, contingent.pk]), {"value": "70"}
    )
    assert response.status_code == 400 and "measurement date" in response.content.decode()
    contingent.refresh_from_db()
    assert contingent.payout is None


def test_linear_floor_must_lie_before_the_target(client, lead, engagement):
    client.force_login(lead)
    client.post(reverse("impact:terms_set", args=[engagement.pk]), {"base_amount": "1"})
    response = client.post(
        reverse("impact:contingent_new", args=[engagement.pk]),
        {
            "goal": engagement.goals.get().pk,
            "amount": "10",
            "rule": "linear",
            "floor": "90",
            "measurement_date": days(3).isoformat(),
        },
    )
    assert response.status_code == 400 and "floor" in response.content.decode()
    assert not ContingentAmount.objects.exists()


def test_payout_recorded_with_computation_in_history_and_pdf(client, lead, engagement, tmp_path):
    client.force_login(lead)
    contingent = _terms(client, engagement)
    response = client.post(
        reverse("impact:payout_record", args=[engagement.pk, contingent.pk]), {"value": "70"}
    )
    assert response.status_code == 302
    contingent.refresh_from_db()
    assert contingent.payout == Decimal("30000.00")
    assert contingent.computation == "(70% − 40%) ÷ (80% − 40%) = 75.0% of $40,000 = $30,000."
    [latest, *_older] = object_records(ContingentAmount, contingent.pk)
    assert latest.record.history_change_reason == "Verified value recorded; payout $30,000"
    assert latest.record.computation == contingent.computation
    text = pdf_text(
        client.get(reverse("engagements:report_pdf", args=[engagement.pk])).content, tmp_path
    )
    flat = " ".join(text.split())
    assert "Outcomes-based payment" in flat and "$30,000" in flat and "75.0%" in flat
    assert "Spend against the contract" in flat
