"""Blind scoring in the history pages (plpg.history + interviews.history.score_filter)."""

import pytest
from django.urls import reverse

from interviews import services
from interviews.models import Rating

pytestmark = pytest.mark.django_db


def test_unsubmitted_ratings_show_in_history_only_to_their_author(
    client, interview, card, card2, panelist, panelist2, lead, look_fors
):
    for scorecard in (card, card2):
        scorecard.conflict = scorecard.Conflict.NONE
        scorecard.save()
    services.rating_save(
        scorecard_id=card.pk,
        look_for=look_fors[0],
        score=4,
        not_addressed=False,
        note="SECRET-EVIDENCE",
        version=0,
        user=panelist,
    )
    rating = Rating.objects.get(scorecard=card)
    url = reverse("history:object", args=["interviews.rating", rating.pk])
    client.force_login(panelist)
    assert b"SECRET-EVIDENCE" in client.get(url).content
    for reader in (lead, panelist2):
        client.force_login(reader)
        assert client.get(url).status_code == 404
        page = client.get(reverse("interviews:history", args=[interview.pk]))
        assert b"SECRET-EVIDENCE" not in page.content
    client.force_login(lead)
    assert b"SECRET-EVIDENCE" not in client.get(reverse("history:activity")).content
    services.scorecard_submit(scorecard=card, user=panelist)
    assert b"SECRET-EVIDENCE" in client.get(url).content
