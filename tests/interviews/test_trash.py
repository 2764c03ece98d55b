"""Trash: no-JS confirmation, gone from every page and queryset, restored intact by a lead."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from interviews import services
from interviews.models import Interview, Rating, Scorecard

pytestmark = pytest.mark.django_db


def _rate_all(card, look_fors, score):
    for look_for in look_fors[:3]:
        services.rating_save(
            scorecard_id=card.pk,
            look_for=look_for,
            score=score,
            not_addressed=False,
            note=f"evidence {score}",
            version=0,
            user=card.panelist,
        )


def test_a_restored_interview_has_its_scorecards_and_ratings_intact(
    client, lead, viewer, panelist, interview, card, card2, look_fors
):
    _rate_all(card, look_fors, 3)
    _rate_all(card2, look_fors, 2)
    services.scorecard_submit(scorecard=card, user=panelist)
    before = sorted(
        Rating.objects.filter(scorecard__interview=interview).values_list(
            "scorecard__panelist__email", "look_for_id", "score", "note"
        )
    )
    confirm = reverse("trash:confirm", args=["interviews.interview", interview.pk])
    client.force_login(viewer)
    assert client.get(confirm).status_code == 403
    assert client.post(confirm).status_code == 403
    client.force_login(lead)
    page = client.get(confirm)
    assert page.status_code == 200 and b"Move to the trash" in page.content
    assert Interview.objects.filter(pk=interview.pk).exists()  # GET changes nothing
    assert client.post(confirm).status_code == 302
    # Gone from every page and queryset, and so are its scorecards.
    assert not Interview.objects.filter(pk=interview.pk).exists()
    assert not Interview.objects.for_user(lead).filter(pk=interview.pk).exists()
    assert not Scorecard.objects.filter(interview_id=interview.pk).exists()
    assert client.get(reverse("interviews:detail", args=[interview.pk])).status_code == 404
    selection_page = client.get(
        reverse("interviews:selection_detail", args=[interview.selection_id])
    )
    assert reverse("interviews:detail", args=[interview.pk]).encode() not in selection_page.content
    client.force_login(panelist)
    assert client.get(reverse("interviews:score", args=[interview.pk])).status_code == 404
    # The lead finds it in the trash and restores it.
    client.force_login(lead)
    trash = client.get(reverse("trash:list"))
    assert trash.status_code == 200 and str(interview.partner).encode() in trash.content
    restore = reverse("trash:restore", args=["interviews.interview", interview.pk])
    client.force_login(viewer)
    assert client.post(restore).status_code == 403
    client.force_login(lead)
    assert client.post(restore).status_code == 302
    assert Interview.objects.filter(pk=interview.pk).exists()
    assert Scorecard.objects.filter(interview=interview).count() == 2
    assert Scorecard.objects.get(pk=card.pk).is_submitted
    after = sorted(
        Rating.objects.filter(scorecard__interview=interview).values_list(
            "scorecard__panelist__email", "look_for_id", "score", "note"
        )
    )
    assert after == before and len(after) == 6
    reasons = list(interview.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["Restored from the trash", "Moved to the trash"]


def test_other_districts_get_404_and_purge_keeps_30_days(
    client, outsider, lead, interview, selection
):
    client.force_login(outsider)
    confirm = reverse("trash:confirm", args=["interviews.interview", interview.pk])
    assert client.get(confirm).status_code == 404
    assert client.post(confirm).status_code == 404
    assert client.get(reverse("trash:confirm", args=["plpg.user", 1])).status_code == 404
    client.force_login(lead)
    client.post(confirm)
    client.post(reverse("trash:confirm", args=["interviews.selection", selection.pk]))
    client.force_login(outsider)
    restore = reverse("trash:restore", args=["interviews.interview", interview.pk])
    assert client.post(restore).status_code == 404
    call_command("purge_trash")
    assert Interview.all_objects.filter(pk=interview.pk).exists()  # not 30 days yet
    Interview.all_objects.filter(pk=interview.pk).update(
        deleted_at=timezone.now() - dt.timedelta(days=31)
    )
    call_command("purge_trash")
    assert not Interview.all_objects.filter(pk=interview.pk).exists()
    assert not Scorecard.all_objects.filter(interview_id=interview.pk).exists()
    # Its history stays, ending with the purge.
    assert interview.history.first().history_type == "-"
