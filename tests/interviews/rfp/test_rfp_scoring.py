"""Proposals are scored by the interview machinery (issue 15): a proposal's review is an
Interview about the proposal, so the blind rule (interviews.policy), autosave, consensus and
results are the same, and the comparison shows proposal and interview scores side by side."""

import pytest
from django.urls import reverse

from interviews import policy, selectors, services
from interviews.models import Interview, LookFor, Scorecard
from tests.factories import interview_for, ready_scorecard
from tests.interviews.rfp.conftest import submit_ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(published, partner, staff):
    proposal = submit_ready(services.proposal_for(rfp=published, partner=partner), staff)
    return services.proposal_submit(proposal=proposal, user=staff)


@pytest.fixture
def review(proposal, lead, panelist, panelist2):
    return services.proposal_review_save(proposal=proposal, panel=[panelist, panelist2], user=lead)


def score_all(client, review, user, value="3"):
    card = ready_scorecard(review, user)
    client.force_login(user)
    for look_for in LookFor.objects.filter(block__section__in=review.sections.all()):
        response = client.post(
            reverse("interviews:score_rate", args=[review.pk, look_for.pk]),
            {"score": value, "note": "", "version": 0},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
    client.post(reverse("interviews:score_submit", args=[review.pk]))
    card.refresh_from_db()
    assert card.is_submitted
    return card


def test_a_submitted_proposal_gets_a_panel_review_of_the_guides_look_fors(
    client, review, proposal, selection, lead
):
    assert isinstance(review, Interview) and review.proposal == proposal
    assert review.partner == proposal.partner and review.guide == selection.guide
    assert set(review.sections.values_list("kind", flat=True)) == {
        "general",
        "launch",
        "ongoing-leaders",
    }
    assert Scorecard.objects.filter(interview=review).count() == 2
    client.force_login(lead)
    page = client.get(reverse("interviews:detail", args=[review.pk])).content.decode()
    assert "Proposal review" in page
    assert reverse("interviews:rfp_proposal", args=[selection.pk, proposal.pk]) in page


def test_a_draft_proposal_cannot_be_reviewed(published, partner, lead, panelist):
    draft = services.proposal_for(rfp=published, partner=partner)
    with pytest.raises(services.Locked):
        services.proposal_review_save(proposal=draft, panel=[panelist], user=lead)


def test_proposal_scoring_shares_the_blind_rule_with_interviews(
    client, review, selection, panelist, panelist2, lead
):
    interview = interview_for(selection, panel=[panelist])
    score_all(client, interview, panelist)
    # panelist still owes the proposal scorecard: no scores of the selection at all.
    assert policy.still_scoring(panelist, selection)
    assert not policy.scores_visible_to(panelist, interview)
    assert not policy.selection_scores_visible_to(panelist, selection)
    client.force_login(panelist)
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk]))
    assert "Scoring is blind" in page.content.decode()
    score_all(client, review, panelist)
    assert policy.scores_visible_to(panelist, review)
    assert policy.selection_scores_visible_to(panelist, selection)
    # panelist2 has scored nothing yet: blind to both.
    assert not policy.scores_visible_to(panelist2, interview)


def test_the_comparison_shows_proposal_and_interview_scores_side_by_side(
    client, review, selection, panelist, panelist2, lead, proposal
):
    interview = interview_for(selection, panel=[panelist2], partner=proposal.partner)
    score_all(client, review, panelist, "4")
    score_all(client, review, panelist2, "2")
    score_all(client, interview, panelist2, "3")
    comparison = selectors.selection_comparison(selection)
    rows = [r for r in comparison["rows"] if r["partner"] == proposal.partner]
    assert [(r["source"], r["overall"]) for r in rows] == [("Interview", 3.0), ("Proposal", 3.0)]
    assert rows[1]["submitted"] == 2 and rows[0]["submitted"] == 1
    client.force_login(lead)
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content.decode()
    assert "Scored from" in page and "Proposal" in page
    assert "(proposal)" in page  # the chart's series
