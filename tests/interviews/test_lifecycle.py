"""Selection and interview lifecycles (interviews.lifecycle): the state tables, scoring before
the start, the decision's rules and what it does to the other interviews."""

import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import lifecycle, selectors, services
from interviews.models import Interview, Scorecard, Selection
from tests.factories import GuidePartnerFactory, ShortlistEntryFactory, interview_for

pytestmark = pytest.mark.django_db

S, I = Selection.Status, Interview.Status  # noqa: E741
REAL = "Their coaching model fits our vision of students doing the math every day."
ANSWERS = {
    "answer_vision": REAL,
    "answer_capacity": "Year two hands facilitation to our own coaches, step by step.",
    "answer_coherence": "Supports our literacy partner; both use our observation tool.",
    "answer_contract": "Named facilitators, our observation tool, monthly step-back meetings.",
}


@pytest.mark.parametrize(("start", "target"), list(itertools.product(S.values, S.values)))
def test_selection_state_table(selection, lead, start, target):
    selection.status = start
    selection.save()
    allowed = target in lifecycle.SELECTION_TRANSITIONS[start]
    if allowed:
        lifecycle.selection_move(selection=selection, target=target, user=lead)
        selection.refresh_from_db()
        assert selection.status == target
        if start != target:
            assert selection.history.filter(history_change_reason__startswith="Status:").exists()
    else:
        with pytest.raises(lifecycle.NotAllowed):
            lifecycle.selection_move(selection=selection, target=target, user=lead)
        selection.refresh_from_db()
        assert selection.status == start


@pytest.mark.parametrize(("start", "target"), list(itertools.product(I.values, I.values)))
def test_interview_state_table(selection, panelist, lead, start, target):
    future = timezone.now() + timezone.timedelta(days=3)
    interview = Interview.objects.create(
        selection=selection,
        partner=GuidePartnerFactory(),
        guide=selection.guide,
        scheduled_at=future,
        status=start,
    )
    allowed = target in lifecycle.INTERVIEW_TRANSITIONS[start]
    if allowed:
        lifecycle.interview_move(interview=interview, target=target, user=lead)
        interview.refresh_from_db()
        assert interview.status == target
        assert interview.history.filter(history_change_reason__startswith="Status:").exists()
    else:
        with pytest.raises(lifecycle.NotAllowed):
            lifecycle.interview_move(interview=interview, target=target, user=lead)
        interview.refresh_from_db()
        assert interview.status == start


def test_scheduling_moves_an_open_selection_to_interviewing(selection, panelist):
    assert selection.status == S.OPEN
    interview_for(selection, panel=[panelist])
    selection.refresh_from_db()
    assert selection.status == S.INTERVIEWING


def test_a_scheduled_interview_is_in_progress_from_its_start():
    start = timezone.now()
    interview = Interview(status=I.SCHEDULED, scheduled_at=start)
    before, after = start - timezone.timedelta(minutes=1), start + timezone.timedelta(seconds=1)
    assert lifecycle.effective_status(interview, before) == I.SCHEDULED
    assert lifecycle.effective_status(interview, after) == I.IN_PROGRESS
    interview.status = I.CANCELLED
    assert lifecycle.effective_status(interview, after) == I.CANCELLED


def test_scoring_before_the_start_is_refused_until_the_lead_opens_it(
    client, selection, panelist, lead
):
    interview = interview_for(
        selection, panel=[panelist], when=timezone.now() + timezone.timedelta(days=2)
    )
    card = Scorecard.objects.get(interview=interview, panelist=panelist)
    card.conflict = Scorecard.Conflict.NONE
    card.save()
    look_for = interview.sections.first().blocks.first().look_fors.first()
    client.force_login(panelist)
    page = client.get(reverse("interviews:score", args=[interview.pk]))
    assert page.status_code == 409
    assert "Scoring opens when the interview starts" in page.content.decode()
    rate = client.post(
        reverse("interviews:score_rate", args=[interview.pk, look_for.pk]),
        {"score": "3", "version": 0},
        HTTP_HX_REQUEST="true",
    )
    assert rate.status_code == 423
    assert not card.ratings.exists()
    client.force_login(lead)
    client.post(reverse("interviews:status", args=[interview.pk]), {"status": I.IN_PROGRESS})
    interview.refresh_from_db()
    assert interview.status == I.IN_PROGRESS
    client.force_login(panelist)
    assert client.get(reverse("interviews:score", args=[interview.pk])).status_code == 200


def test_the_lead_closes_an_interview_marking_missing_scorecards(
    client, interview, card, card2, panelist, lead
):
    services.scorecard_submit(scorecard=card, user=panelist)
    client.force_login(lead)
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Consensus opens once every active panelist has submitted" in page
    assert "Close the interview" in page
    client.post(reverse("interviews:status", args=[interview.pk]), {"status": I.COMPLETED})
    interview.refresh_from_db()
    card2.refresh_from_db()
    assert interview.status == I.COMPLETED
    assert card2.withdrawn_at is not None and card2.progress == "Withdrawn"
    line = interview.history.filter(history_change_reason__startswith="Status:").first()
    assert "missing scorecards" in line.history_change_reason
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Choose the consensus rating" in page


def test_the_panel_table_shows_each_panelists_progress(client, interview, card, lead, panelist2):
    card.conflict = Scorecard.Conflict.NONE
    card.save()
    client.force_login(lead)
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Not started" in page and "In progress" in page


# --- The decision -------------------------------------------------------------------------


def _decide(client, selection, partner, **extra):
    data = {
        "chosen_partner": partner.pk,
        "others": "close",
        "version": selection.version,
        **ANSWERS,
        **extra,
    }
    return client.post(reverse("interviews:selection_decide", args=[selection.pk]), data)


def test_deciding_for_an_unscored_partner_needs_a_written_override(client, selection, lead):
    entry = ShortlistEntryFactory(selection=selection)
    client.force_login(lead)
    refused = _decide(client, selection, entry.partner)
    assert refused.status_code == 400
    assert "This partner has no submitted scorecard in this selection" in refused.content.decode()
    selection.refresh_from_db()
    assert not selection.is_decided
    short = _decide(client, selection, entry.partner, override_reason="ok")
    assert short.status_code == 400
    reason = "The board asked us to continue with last year's partner for the launch."
    assert _decide(client, selection, entry.partner, override_reason=reason).status_code == 302
    selection.refresh_from_db()
    assert selection.is_decided and selection.override_reason == reason
    assert selection.status == S.DECIDED


@pytest.mark.parametrize("answer", ["x", "yes", "Good fit.", "   a b c d   "])
def test_the_playbook_questions_need_real_answers(
    client, selection, interview, card, panelist, lead, answer
):
    services.scorecard_submit(scorecard=card, user=panelist)
    client.force_login(lead)
    response = _decide(client, selection, interview.partner, answer_vision=answer)
    assert response.status_code == 400
    assert "Too short to be an answer: write at least 5 words" in response.content.decode()
    selection.refresh_from_db()
    assert not selection.is_decided


@pytest.mark.parametrize("how", ["close", "cancel"])
def test_after_the_decision_the_other_interviews_end_and_open_cards_leave_the_lists(
    client, selection, interview, card, card2, panelist, panelist2, lead, how
):
    services.scorecard_submit(scorecard=card, user=panelist)
    other = interview_for(selection, panel=[panelist, panelist2], partner=GuidePartnerFactory())
    future = interview_for(
        selection,
        panel=[panelist],
        partner=GuidePartnerFactory(),
        when=timezone.now() + timezone.timedelta(days=5),
    )
    assert selectors.my_interviews(panelist2, selection.district)["to_score"]
    client.force_login(lead)
    assert _decide(client, selection, interview.partner, others=how).status_code == 302
    interview.refresh_from_db()
    other.refresh_from_db()
    future.refresh_from_db()
    assert interview.status == I.COMPLETED
    assert other.status == (I.COMPLETED if how == "close" else I.CANCELLED)
    assert future.status == I.CANCELLED  # it never took place
    assert not Scorecard.objects.filter(
        interview__selection=selection, submitted_at__isnull=True, withdrawn_at__isnull=True
    ).exists()
    for person in (panelist, panelist2):
        groups = selectors.my_interviews(person, selection.district)
        assert groups["to_score"] == [] and groups["upcoming"] == []
    # Nothing of the decided selection says "Scheduled" any more.
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content
    assert b">Scheduled<" not in page


def test_go_to_the_engagement_once_started_never_start_twice(
    client, selection, interview, card, panelist, lead
):
    from engagements.models import Engagement

    services.scorecard_submit(scorecard=card, user=panelist)
    client.force_login(lead)
    _decide(client, selection, interview.partner)
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content.decode()
    assert "Start the engagement with" in page
    engagement = Engagement.objects.create(
        district=selection.district, partner=interview.partner, selection=selection, title="E"
    )
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content.decode()
    assert "Go to the engagement" in page and "Start the engagement" not in page
    start = client.get(reverse("engagements:start_from_selection", args=[selection.pk]))
    assert start.status_code == 302 and start["Location"].endswith(f"/{engagement.pk}/")


def test_the_selection_page_shows_its_lifecycle_and_the_lead_can_close_it(client, selection, lead):
    client.force_login(lead)
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content.decode()
    assert 'aria-current="step">Open<' in page
    client.post(reverse("interviews:selection_status", args=[selection.pk]), {"status": "closed"})
    selection.refresh_from_db()
    assert selection.status == S.OPEN  # open → closed is not in the table
    client.post(
        reverse("interviews:selection_status", args=[selection.pk]), {"status": "cancelled"}
    )
    selection.refresh_from_db()
    assert selection.status == S.CANCELLED
