"""Demo and scale data of the directory."""

import pytest

from partners import demo
from partners.models import (
    ContentArea,
    CostBand,
    DeliveryFormat,
    GradeBand,
    Partner,
    Phase,
    SampleEngagement,
    SequenceItem,
    State,
)

pytestmark = pytest.mark.django_db


def test_taxonomy_as_the_design_says(taxonomy):
    assert list(Phase.objects.values_list("slug", flat=True)) == [
        "adoption", "launch", "ongoing-teachers", "ongoing-leaders",
    ]  # fmt: skip
    assert Phase.objects.get(slug="launch").alias == "Initial Implementation"
    assert list(CostBand.objects.values_list("name", flat=True)) == [
        "Less than $50,000", "$50,000 - $100,000", "$100,001 - $500,000",
        "$500,001 - $1,000,000", "$1,000,000+",
    ]  # fmt: skip
    assert State.objects.count() == 51
    assert State.objects.get(code="DC").slug == "dc"
    from partners.models import Curriculum

    assert Curriculum.objects.count() >= 20
    assert set(Curriculum.objects.values_list("content_area__slug", flat=True)) >= {
        "ela", "math", "science",
    }  # fmt: skip


def test_seed_demo_is_idempotent_and_keeps_curator_edits(taxonomy):
    demo.seed_demo()
    counts = (
        Partner.objects.count(),
        SampleEngagement.objects.count(),
        SequenceItem.objects.count(),
    )
    Partner.objects.filter(slug="bright-path-learning").update(summary="Edited by a curator")
    demo.seed_demo()
    assert counts == (
        Partner.objects.count(),
        SampleEngagement.objects.count(),
        SequenceItem.objects.count(),
    )
    assert Partner.objects.get(slug="bright-path-learning").summary == "Edited by a curator"


def test_demo_directory_covers_every_term(taxonomy):
    demo.seed_demo()
    published = Partner.objects.published()
    assert published.count() >= 40
    assert all(p.is_demo for p in published)
    assert all(p.sample_engagements.exists() for p in published)
    for model, field in [(Phase, "phases"), (ContentArea, "content_areas"),
                         (CostBand, "cost_bands"), (DeliveryFormat, "delivery_formats"),
                         (GradeBand, "grade_bands")]:  # fmt: skip
        for term in model.objects.all():
            assert published.filter(**{field: term}).exists(), (field, term.slug)
    assert published.filter(national=True).exists() and published.filter(national=False).exists()
    locales = set(SampleEngagement.objects.values_list("locale", flat=True))
    assert {"urban", "suburban", "town", "rural"} <= locales
    northstar = Partner.objects.get(slug="northstar-math-collaborative")
    assert set(northstar.phases.values_list("slug", flat=True)) == {
        "launch", "ongoing-teachers", "ongoing-leaders",
    }  # fmt: skip
    assert northstar.sample_engagements.filter(pl_type__slug="systems-design-and-leadership")
    catalyst = Partner.objects.get(slug="catalyst-math-coaching")
    assert catalyst.sample_engagements.get().items.count() == 12
