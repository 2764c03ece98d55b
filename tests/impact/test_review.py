"""The year-end review: offered from 60 days before the end; renewal carries exactly the
role, protocol, scope, goals re-baselined and unfinished plan rows; close closes."""

from decimal import Decimal

import pytest
from django.urls import reverse

from engagements.impact.models import YearEndReview
from engagements.impact.review import review_offered
from engagements.models import Engagement, PlanItem
from engagements.services import plan_rows_add
from tests.factories import EngagementFactory, GoalFactory, GoalUpdateFactory
from tests.impact.conftest import days

pytestmark = pytest.mark.django_db

ANSWERS = {
    "vision": "Yes: writing scores rose.",
    "capacity": "Chairs now run walkthroughs.",
    "coherence": "Supports the literacy partner.",
    "next_contract": "Grade 10 and a coaching cycle per teacher.",
    "evidence": "Common assessments.",
}


class Row:
    def __init__(self, name, timing="Spring"):
        self.name, self.timing = name, timing
        self.participants, self.format, self.description = "Teachers", "In-person", "x"


@pytest.fixture
def ending(district, manager):
    engagement = EngagementFactory(
        district=district,
        title="HS ELA",
        amount=Decimal("118000"),
        contract_start=days(-315),
        contract_end=days(50),
        role_statement="Beacon launches Amplify ELA.",
        protocol_escalation="Within two school days.",
        required_language_tools="Our walkthrough tool.",
        grade_bands=["9-12"],
    )
    unmet = GoalFactory(
        engagement=engagement, title="Arguments", baseline=Decimal("30"), target=Decimal("60"),
        start_date=days(-315), due_date=days(50), unit="%",
    )  # fmt: skip
    GoalUpdateFactory(goal=unmet, date=days(-30), value=Decimal("47"))
    met = GoalFactory(
        engagement=engagement, title="Discussion", baseline=Decimal("15"),
        target=Decimal("50"), start_date=days(-315), due_date=days(50),
    )  # fmt: skip
    GoalUpdateFactory(goal=met, date=days(-20), value=Decimal("52"))
    GoalFactory(engagement=engagement, title="No data yet", baseline=Decimal("0"),
                target=Decimal("10"), start_date=days(-315), due_date=days(50))  # fmt: skip
    plan_rows_add(
        engagement=engagement, user=manager,
        rows=[Row("Launch institute", "August"), Row("Walkthroughs"), Row("Writing workshop")],
        source="test",
    )  # fmt: skip
    items = {item.name: item for item in engagement.plan_items.all()}
    for name, status in (("Launch institute", "delivered"), ("Writing workshop", "cancelled")):
        item = items[name]
        item.status = status
        item.save()
    return engagement


def test_offered_from_sixty_days_before_the_end(district):
    e = EngagementFactory(district=district, contract_end=days(60))
    assert review_offered(e, days(0))
    e.contract_end = days(61)
    assert not review_offered(e, days(0))
    e.status = Engagement.Status.CLOSED
    e.contract_end = days(10)
    assert not review_offered(e, days(0))
    assert not review_offered(EngagementFactory(district=district, contract_end=None), days(0))


def test_review_refused_before_it_is_offered(client, lead, district):
    early = EngagementFactory(district=district, contract_end=days(120))
    client.force_login(lead)
    response = client.post(
        reverse("impact:review", args=[early.pk]), {**ANSWERS, "decision": "close"}
    )
    assert response.status_code == 409 and "60 days" in response.content.decode()
    assert not YearEndReview.objects.exists()
    early.refresh_from_db()
    assert early.status != Engagement.Status.CLOSED


def test_renewal_carries_exactly_what_it_says(client, lead, ending):
    client.force_login(lead)
    page = client.get(reverse("engagements:detail", args=[ending.pk])).content.decode()
    assert "Start the year-end review" in page
    response = client.post(
        reverse("impact:review", args=[ending.pk]), {**ANSWERS, "decision": "renew"}
    )
    assert response.status_code == 302
    review = YearEndReview.objects.get(engagement=ending)
    renewed = review.next_engagement
    assert response["Location"] == renewed.get_absolute_url()
    # The role, scope, protocol and terms.
    assert renewed.partner_id == ending.partner_id and renewed.district_id == ending.district_id
    assert renewed.role_statement == ending.role_statement
    assert renewed.protocol_escalation == ending.protocol_escalation
    assert renewed.required_language_tools == ending.required_language_tools
    assert [g.slug for g in renewed.grade_bands.all()] == ["9-12"]
    assert renewed.status == Engagement.Status.ONBOARDING
    assert renewed.contract_start == ending.contract_end + (days(1) - days(0))
    assert (
        renewed.contract_end - renewed.contract_start == ending.contract_end - ending.contract_start
    )
    assert renewed.onboarding_items.count() == ending.onboarding_items.count()
    # Goals re-baselined from this year's results (a met goal is kept at its target).
    goals = {g.title: (g.baseline, g.target, g.start_date, g.due_date) for g in renewed.goals.all()}
    assert goals == {
        "Arguments": (Decimal("47"), Decimal("60"), renewed.contract_start, renewed.contract_end),
        "Discussion": (Decimal("50"), Decimal("50"), renewed.contract_start, renewed.contract_end),
        "No data yet": (Decimal("0"), Decimal("10"), renewed.contract_start, renewed.contract_end),
    }
    assert not any(g.updates.exists() for g in renewed.goals.all())
    # Only the unfinished plan rows: not the delivered one, not the cancelled one.
    assert [i.name for i in renewed.plan_items.all()] == ["Walkthroughs"]
    assert renewed.plan_items.get().status == PlanItem.Status.PLANNED
    # This year's engagement is untouched; the review is kept and shown both ways.
    ending.refresh_from_db()
    assert ending.status == Engagement.Status.ACTIVE
    assert [i.name for i in ending.plan_items.all()] == [
        "Launch institute", "Walkthroughs", "Writing workshop"
    ]  # fmt: skip
    assert "Renewed from" in client.get(renewed.get_absolute_url()).content.decode()
    again = client.post(
        reverse("impact:review", args=[ending.pk]), {**ANSWERS, "decision": "renew"}
    )
    assert again.status_code == 409
    assert Engagement.objects.filter(partner=ending.partner).count() == 2
    years = client.get(reverse("impact:years", args=[renewed.pk])).content.decode()
    assert years.index(ending.title) < years.index(renewed.title) and "Renew" in years


def test_renew_with_changes_needs_the_changes(client, lead, ending):
    client.force_login(lead)
    url = reverse("impact:review", args=[ending.pk])
    response = client.post(url, {**ANSWERS, "decision": "renew-with-changes"})
    assert response.status_code == 409 and "which changes" in response.content.decode()
    response = client.post(
        url, {**ANSWERS, "decision": "renew-with-changes", "changes": "Add grade 10."}
    )
    assert response.status_code == 302
    assert YearEndReview.objects.get().changes == "Add grade 10."


def test_close_closes_and_creates_nothing(client, lead, ending):
    client.force_login(lead)
    response = client.post(
        reverse("impact:review", args=[ending.pk]), {**ANSWERS, "decision": "close"}
    )
    assert response.status_code == 302
    ending.refresh_from_db()
    assert ending.status == Engagement.Status.CLOSED
    assert Engagement.objects.filter(partner=ending.partner).count() == 1


def test_bad_input_and_roles(client, viewer, outsider, lead, ending):
    client.force_login(lead)
    response = client.post(reverse("impact:review", args=[ending.pk]), {"decision": "maybe"})
    assert response.status_code == 400 and not YearEndReview.objects.exists()
    client.force_login(viewer)
    assert client.get(reverse("impact:review", args=[ending.pk])).status_code == 200
    response = client.post(
        reverse("impact:review", args=[ending.pk]), {**ANSWERS, "decision": "close"}
    )
    assert response.status_code == 403
    client.force_login(outsider)
    assert client.get(reverse("impact:review", args=[ending.pk])).status_code == 404
    assert client.get(reverse("impact:years", args=[ending.pk])).status_code == 404
