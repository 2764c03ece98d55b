"""The demo tells the impact story, and the issue's "Done when" checks hold on it."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from engagements.impact.feedback import MIN_RESPONSES
from engagements.impact.feedback_selectors import feedback_of
from engagements.impact.models import FeedbackLink
from engagements.impact.review import review_offered
from engagements.impact.selectors import outcome_terms_of
from engagements.models import Engagement
from engagements.progress import AT_RISK, ON_TRACK
from plpg.models import User
from tests.engagements.test_report import pdf_text

pytestmark = pytest.mark.django_db

ANSWER = {"relevance": "4", "facilitation": "4", "learning": "3", "intended_use": "3"}


def test_northstar_has_feedback_invoices_and_outcome_terms(demo):
    northstar = Engagement.objects.get(partner__slug="northstar-math-collaborative")
    feedback = feedback_of(northstar)
    shown = [link for link in feedback["links"] if link.summary.count >= MIN_RESPONSES]
    assert len(shown) >= 3 and all(link.summary.shown for link in shown)
    # The session whose delivery the district confirmed with its attendance has a rate.
    assert any(link.summary.rate is not None for link in shown)
    assert northstar.invoices.count() >= 3
    terms = outcome_terms_of(northstar, today=timezone.localdate())
    assert sorted(c.progress.status for c in terms.rows) == sorted([ON_TRACK, AT_RISK])
    assert terms.contingent_percent == 40


def test_beacon_is_fifty_days_from_its_end_with_the_review_offered(demo):
    beacon = Engagement.objects.get(partner__slug="beacon-ela-institute")
    assert (beacon.contract_end - timezone.localdate()).days == 50
    assert review_offered(beacon, timezone.localdate())


def test_done_when_a_feedback_link_accepts_one_response_per_browser(client, demo):
    northstar = Engagement.objects.get(partner__slug="northstar-math-collaborative")
    link = FeedbackLink.objects.get(
        session__plan_item__engagement=northstar, closes_on__gte=timezone.localdate()
    )
    manager = Client()
    manager.force_login(User.objects.get(email="manager@demo.test"))
    detail = reverse("engagements:detail", args=[northstar.pk])
    before = manager.get(detail).context["feedback_total"]
    url = reverse("impact:answer", args=[link.token])
    assert client.post(url, ANSWER).status_code == 200
    assert client.post(url, ANSWER).status_code == 409
    assert manager.get(detail).context["feedback_total"] == before + 1


def test_done_when_the_northstar_report_shows_feedback_spend_and_payout(client, demo, tmp_path):
    northstar = Engagement.objects.get(partner__slug="northstar-math-collaborative")
    client.force_login(User.objects.get(email="manager@demo.test"))
    response = client.get(reverse("engagements:report_pdf", args=[northstar.pk]))
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Participant feedback" in text and "Instructional rounds" in text
    assert "Spend against the contract" in text and "$109,250 spent" in text
    assert "Outcomes-based payment" in text
    assert "(52% − 40%) ÷ (80% − 40%) = 30.0% of $72,720 = $21,816." in text


def test_done_when_renewing_beacon_carries_goals_and_unfinished_rows(client, demo):
    beacon = Engagement.objects.get(partner__slug="beacon-ela-institute")
    client.force_login(User.objects.get(email="leader@demo.test"))
    response = client.post(
        reverse("impact:review", args=[beacon.pk]),
        {
            "vision": "Yes.", "capacity": "Chairs lead walkthroughs.", "coherence": "Supports.",
            "next_contract": "Grade 10.", "decision": "renew",
        },
    )  # fmt: skip
    assert response.status_code == 302
    renewed = beacon.year_end_review.next_engagement
    assert renewed.contract_start > beacon.contract_end
    assert {g.title for g in renewed.goals.all()} == {g.title for g in beacon.goals.all()}
    assert {i.name for i in renewed.plan_items.all()} == {
        "Unit internalization PLC", "Discussion walkthroughs"
    }  # fmt: skip
