"""seed_scale: realistic shapes, one large district, idempotent per seed."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from engagements.models import CheckIn, Engagement
from interviews.models import Interview, Rating, Selection
from partners.models import Partner
from partners.selectors import directory_search
from plpg.models import District

pytestmark = pytest.mark.django_db

ARGS = {"partners": 80, "districts": 6, "interviews": 60, "checkins": 6300, "seed": 5}


def _counts():
    return (
        Partner.objects.count(),
        District.objects.count(),
        Interview.objects.count(),
        Rating.objects.count(),
        Engagement.objects.count(),
        CheckIn.objects.count(),
    )


def test_seed_scale_has_one_large_district_and_is_idempotent_per_seed():
    call_command("seed_scale", **ARGS, stdout=io.StringIO())
    large = District.objects.get(slug="s5-district-0")
    assert large.engagements.count() == 150
    assert CheckIn.objects.filter(district=large).count() == 6000
    biggest = Selection.objects.filter(district=large).annotate(n=Count("interviews")).get()
    assert biggest.n == 40
    assert Interview.objects.filter(selection__district__slug__startswith="s5-").count() == 60
    small = Engagement.objects.exclude(district=large).values("district").annotate(n=Count("pk"))
    assert small and all(1 <= row["n"] <= 30 for row in small)
    partners = Partner.objects.filter(slug__startswith="s5-partner-")
    assert partners.count() == 80
    assert partners.filter(national=True).exists() and partners.filter(national=False).exists()
    assert directory_search(params={"phase": ["launch"]}).total > 0
    before = _counts()
    call_command("seed_scale", **ARGS, stdout=io.StringIO())
    assert _counts() == before  # same seed: nothing added
    call_command("seed_scale", **{**ARGS, "partners": 90}, stdout=io.StringIO())
    assert Partner.objects.filter(slug__startswith="s5-partner-").count() == 90
