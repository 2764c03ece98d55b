"""Smoke: the demo loads and every main page of interviews renders (SQLite too)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from interviews.models import Guide, Interview, Selection
from plpg.models import User

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]


def test_main_pages_render_for_the_demo_users(client):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    selection = Selection.objects.get(title="K–8 math partner for the IM launch (demo)")
    northstar = Interview.objects.get(
        selection=selection, partner__slug="northstar-math-collaborative"
    )
    catalyst = Interview.objects.get(selection=selection, partner__slug="catalyst-math-coaching")
    guide = Guide.objects.get(district=selection.district)
    pages = {
        "leader@demo.test": [
            reverse("interviews:selection_list"),
            reverse("interviews:selection_create"),
            reverse("interviews:selection_detail", args=[selection.pk]),
            reverse("interviews:selection_decide", args=[selection.pk]),
            reverse("interviews:interview_create", args=[selection.pk]),
            reverse("interviews:detail", args=[northstar.pk]),
            reverse("interviews:edit", args=[northstar.pk]),
            reverse("interviews:history", args=[northstar.pk]),
            reverse("interviews:guide_list"),
            reverse("interviews:guide_detail", args=[guide.pk]),
        ],
        "panelist@demo.test": [
            reverse("interviews:selection_list"),
            reverse("interviews:score", args=[northstar.pk]),
            reverse("interviews:detail", args=[catalyst.pk]),
        ],
        "manager@demo.test": [reverse("interviews:selection_detail", args=[selection.pk])],
    }
    for email, urls in pages.items():
        client.force_login(User.objects.get(email=email))
        for url in urls:
            assert client.get(url).status_code == 200, (email, url)


def test_seed_demo_twice_creates_no_duplicates_and_keeps_changes():
    call_command("seed_demo", force=True, stdout=io.StringIO())
    from interviews.models import Rating

    rating = Rating.objects.filter(scorecard__panelist__email="panelist@demo.test").first()
    rating.note = "Changed by a user"
    rating.save()
    counts = (Selection.objects.count(), Interview.objects.count(), Rating.objects.count())
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert (Selection.objects.count(), Interview.objects.count(), Rating.objects.count()) == counts
    rating.refresh_from_db()
    assert rating.note == "Changed by a user"
