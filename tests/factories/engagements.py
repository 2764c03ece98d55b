import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from engagements.models import (
    ActionItem,
    Audience,
    CheckIn,
    Engagement,
    Goal,
    GoalUpdate,
    PlanItem,
)
from engagements.services import onboarding_items_create
from partners.models import GradeBand, Partner
from tests.factories.core import DistrictFactory

__all__ = [
    "EngagementPartnerFactory",
    "EngagementFactory",
    "GoalFactory",
    "GoalUpdateFactory",
    "PlanItemFactory",
    "CheckInFactory",
    "ActionItemFactory",
    "grade_band",
]


def grade_band(slug: str) -> GradeBand:
    names = {"k-2": "K–2", "3-5": "3–5", "6-8": "6–8", "9-12": "9–12"}
    positions = {"k-2": 0, "3-5": 1, "6-8": 2, "9-12": 3}
    band, _ = GradeBand.objects.get_or_create(
        slug=slug, defaults={"name": names.get(slug, slug), "position": positions.get(slug, 9)}
    )
    return band


class EngagementPartnerFactory(factory.django.DjangoModelFactory):
    """A published partner (engagements' own, so tests don't wait on the directory's)."""

    class Meta:
        model = Partner
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Engagement Partner {n}")
    slug = factory.Sequence(lambda n: f"engagement-partner-{n}")
    status = Partner.Status.PUBLISHED


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement
        skip_postgeneration_save = True

    district = factory.SubFactory(DistrictFactory)
    partner = factory.SubFactory(EngagementPartnerFactory)
    title = factory.Sequence(lambda n: f"Engagement {n}")
    status = Engagement.Status.ACTIVE
    audiences = factory.LazyFunction(lambda: [Audience.TEACHERS])
    contract_start = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))
    contract_end = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=300))
    checkin_cadence = "monthly"
    step_back_cadence = "quarterly"

    @factory.post_generation
    def grade_bands(self, create, extracted, **kwargs):
        if create and extracted:
            self.grade_bands.set([grade_band(slug) for slug in extracted])

    @factory.post_generation
    def onboarding(self, create, extracted, **kwargs):
        if create and extracted is not False:
            onboarding_items_create(engagement=self)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    engagement = factory.SubFactory(EngagementFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")
    measure = "% of classrooms"
    unit = "%"
    baseline = Decimal("20")
    target = Decimal("80")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=300))


class GoalUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalUpdate

    goal = factory.SubFactory(GoalFactory)
    date = factory.LazyFunction(timezone.localdate)
    value = Decimal("30")


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    engagement = factory.SubFactory(EngagementFactory)
    position = factory.Sequence(lambda n: n)
    timing = "August"
    participants = "Teachers"
    name = factory.Sequence(lambda n: f"Session {n}")
    format = "Virtual"


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn
        skip_postgeneration_save = True

    district = factory.SubFactory(DistrictFactory)
    kind = CheckIn.Kind.REGULAR
    date = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def engagements(self, create, extracted, **kwargs):
        if create and extracted:
            self.engagements.set(extracted)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    engagement = factory.SubFactory(EngagementFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner = "Morgan"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
