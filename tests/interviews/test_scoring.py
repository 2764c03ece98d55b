"""The scoring page: declaration, autosave with versions, blind results, lock, reopen."""

import html

import pytest
from django.urls import reverse

from interviews.models import Consensus, Interview, Rating, Scorecard

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_HX_REQUEST": "true"}


def rate(client, interview, look_for, score, version, note=""):
    url = reverse("interviews:score_rate", args=[interview.pk, look_for.pk])
    return client.post(url, {"score": score, "note": note, "version": version}, **AUTOSAVE)


def test_declaration_comes_first_and_no_conflict_opens_scoring(client, interview, panelist):
    client.force_login(panelist)
    url = reverse("interviews:score", args=[interview.pk])
    response = client.get(url)
    assert "conflict of interest" in response.content.decode()
    assert b"data-scoring" not in response.content
    client.post(reverse("interviews:score_declare", args=[interview.pk]), {"has_conflict": "no"})
    response = client.get(url)
    assert b"data-scoring" in response.content
    page = html.unescape(response.content.decode())
    # Every question of the sections in scope is on the page.
    for section in interview.sections.all():
        for block in section.blocks.all():
            for question in block.questions.all():
                assert question.text in page


def test_declared_conflict_blocks_until_the_lead_resolves_it(
    client, interview, panelist, lead, look_fors
):
    client.force_login(panelist)
    client.post(
        reverse("interviews:score_declare", args=[interview.pk]),
        {"has_conflict": "yes", "note": "I used to work there"},
    )
    page = client.get(reverse("interviews:score", args=[interview.pk])).content.decode()
    assert "Scoring paused" in page
    assert rate(client, interview, look_fors[0], "3", 0).status_code == 423
    # The lead sees it and clears the panelist.
    client.force_login(lead)
    detail = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "I used to work there" in detail
    card = Scorecard.objects.get(interview=interview, panelist=panelist)
    client.post(
        reverse("interviews:conflict_resolve", args=[interview.pk, card.pk]), {"decision": "allow"}
    )
    client.force_login(panelist)
    assert rate(client, interview, look_fors[0], "3", 0).status_code == 200


def test_a_saved_rating_is_there_after_a_reload(client, card, panelist, interview, look_fors):
    client.force_login(panelist)
    response = rate(client, interview, look_fors[0], "3", 0, note="Named two districts")
    assert response.status_code == 200
    assert response["X-Version"] == "1"
    # For htmx: the form's save state and new version, swapped in out of band.
    fragment = response.content.decode()
    lf = f"lf-{look_fors[0].pk}"
    assert (
        f'<span id="{lf}-state" data-hx-swap-oob="innerHTML"><span data-state="saved">Saved'
        in fragment
    )
    assert f'id="{lf}-version" name="version" value="1" data-hx-swap-oob="true"' in fragment
    page = client.get(reverse("interviews:score", args=[interview.pk])).content.decode()
    assert f'id="lf-{look_fors[0].pk}-3" value="3" checked' in page
    assert "Named two districts" in page
    assert 'name="version" value="1"' in page


def test_not_addressed_and_clearing(client, card, panelist, interview, look_fors):
    client.force_login(panelist)
    rate(client, interview, look_fors[0], "na", 0)
    rating = Rating.objects.get(scorecard=card, look_for=look_fors[0])
    assert rating.not_addressed and rating.score is None
    rate(client, interview, look_fors[0], "", 1)
    rating.refresh_from_db()
    assert not rating.not_addressed and rating.score is None


@pytest.mark.parametrize(
    "data",
    [
        {"score": "5", "version": 0},
        {"score": "x", "version": 0},
        {"score": "2", "version": "abc"},
        {"score": "2"},
        {"score": "2", "version": 0, "note": "x" * 5001},
    ],
)
def test_bad_autosave_input_is_a_400_with_a_message(
    client, card, panelist, interview, look_fors, data
):
    client.force_login(panelist)
    url = reverse("interviews:score_rate", args=[interview.pk, look_fors[0].pk])
    response = client.post(url, data, **AUTOSAVE)
    assert response.status_code == 400
    assert b"Not saved" in response.content


def test_unknown_look_for_is_a_404(client, card, panelist, interview):
    client.force_login(panelist)
    response = client.post(
        reverse("interviews:score_rate", args=[interview.pk, 999999]),
        {"score": "2", "version": 0},
        **AUTOSAVE,
    )
    assert response.status_code == 404


def test_stale_tab_gets_a_conflict_not_a_silent_overwrite(
    client, card, panelist, interview, look_fors
):
    client.force_login(panelist)
    assert rate(client, interview, look_fors[0], "2", 0).status_code == 200  # tab A
    response = rate(client, interview, look_fors[0], "4", 0)  # tab B, loaded before
    assert response.status_code == 409
    assert (
        b'<span data-state="conflict">Not saved: this rating was changed elsewhere'
        in response.content
    )
    assert b"-version" not in response.content  # the stale form keeps its version
    assert Rating.objects.get(scorecard=card, look_for=look_fors[0]).score == 2


def test_no_js_save_redirects_back_with_a_message(client, card, panelist, interview, look_fors):
    client.force_login(panelist)
    url = reverse("interviews:score_rate", args=[interview.pk, look_fors[0].pk])
    response = client.post(url, {"score": "3", "version": 0})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#lf-{look_fors[0].pk}")


def test_blind_until_submitted(client, card, card2, panelist, panelist2, interview, look_fors):
    client.force_login(panelist2)
    rate(client, interview, look_fors[0], "1", 0, note="PANELIST-TWO-NOTE")
    client.post(reverse("interviews:score_submit", args=[interview.pk]))
    client.force_login(panelist)
    rate(client, interview, look_fors[0], "4", 0)
    for url in (
        reverse("interviews:score", args=[interview.pk]),
        reverse("interviews:detail", args=[interview.pk]),
    ):
        page = client.get(url).content.decode()
        assert "PANELIST-TWO-NOTE" not in page
        assert "panel-ratings" not in page
        assert "Mean" not in page
    assert client.get(reverse("interviews:report", args=[interview.pk])).status_code == 403
    client.post(reverse("interviews:score_submit", args=[interview.pk]))
    page = client.get(reverse("interviews:score", args=[interview.pk])).content.decode()
    assert "panel-ratings" in page
    assert "mean 2.50" in page
    assert "Discuss" in page
    detail = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Mean" in detail


def test_submit_locks_and_the_lead_reopens(client, card, panelist, lead, interview, look_fors):
    client.force_login(panelist)
    rate(client, interview, look_fors[0], "3", 0)
    client.post(reverse("interviews:score_submit", args=[interview.pk]))
    card.refresh_from_db()
    assert card.is_submitted
    response = rate(client, interview, look_fors[0], "4", 1)
    assert response.status_code == 423
    assert b"locked" in response.content
    # Only the lead may reopen.
    reopen = reverse("interviews:scorecard_reopen", args=[interview.pk, card.pk])
    assert client.post(reopen).status_code == 403
    client.force_login(lead)
    client.post(reopen)
    card.refresh_from_db()
    assert not card.is_submitted
    client.force_login(panelist)
    assert rate(client, interview, look_fors[0], "4", 1).status_code == 200
    reasons = set(card.history.values_list("history_change_reason", flat=True))
    assert {"Submitted the scorecard", "Reopened the scorecard"} <= reasons
    rating = Rating.objects.get(scorecard=card, look_for=look_fors[0])
    new, old = rating.history.order_by("-history_date")[:2]
    assert new.history_user == panelist and (old.score, new.score) == (3, 4)


def test_consensus_needs_a_reason_and_locks_individual_scores(
    client, card, panelist, lead, interview, look_fors
):
    url = reverse("interviews:consensus_set", args=[interview.pk, look_fors[0].pk])
    client.force_login(panelist)
    assert client.post(url, {"score": "3", "reason": "x", "version": 0}).status_code == 403
    client.force_login(lead)
    client.post(url, {"score": "3", "reason": "We agreed after discussion", "version": 0})
    assert not Consensus.objects.exists()  # panelists are still scoring
    interview.status = Interview.Status.COMPLETED  # the lead closed it
    interview.save()
    client.post(url, {"score": "3", "reason": "", "version": 0})
    assert not Consensus.objects.exists()
    client.post(url, {"score": "3", "reason": "We agreed after discussion", "version": 0})
    consensus = Consensus.objects.get()
    assert consensus.score == 3 and consensus.set_by == lead
    # A stale consensus form is refused.
    client.post(url, {"score": "1", "reason": "stale", "version": 0})
    consensus.refresh_from_db()
    assert consensus.score == 3
    client.force_login(panelist)
    response = rate(client, interview, look_fors[0], "1", 0)
    assert response.status_code == 423
    assert b"consensus" in response.content
    assert rate(client, interview, look_fors[1], "1", 0).status_code == 200


def test_recommendation_and_takeaways_autosave(client, card, panelist, interview):
    client.force_login(panelist)
    url = reverse("interviews:score_summary", args=[interview.pk])
    response = client.post(
        url, {"recommendation": "yes", "takeaways": "Solid launch plan", "version": 1}, **AUTOSAVE
    )
    assert response.status_code == 200
    card.refresh_from_db()
    assert card.recommendation == "yes" and card.takeaways == "Solid launch plan"
    stale = client.post(url, {"recommendation": "no", "takeaways": "", "version": 1}, **AUTOSAVE)
    assert stale.status_code == 409


def test_only_the_panel_scores(client, interview, viewer, lead):
    for user in (viewer, lead):
        client.force_login(user)
        assert client.get(reverse("interviews:score", args=[interview.pk])).status_code == 403


def test_autosave_runs_at_most_six_queries(client, card, panelist, interview, look_fors):
    """Session, user, the scorecard with its access checks, the locked read, the write and
    its history line (transaction control statements aside)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(panelist)
    rate(client, interview, look_fors[0], "2", 0)
    with CaptureQueriesContext(connection) as captured:
        response = rate(client, interview, look_fors[0], "3", 1, note="changed")
    assert response.status_code == 200 and response["X-Version"] == "2"
    statements = [
        q["sql"]
        for q in captured.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT"))
    ]
    assert len(statements) <= 6, "\n".join(s[:100] for s in statements)
    assert Rating.objects.get(scorecard=card, look_for=look_fors[0]).score == 3


def test_scoring_page_query_count(client, card, panelist, interview, django_assert_max_num_queries):
    client.force_login(panelist)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("interviews:score", args=[interview.pk])).status_code == 200


def test_a_declared_conflict_emails_the_leads(client, interview, panelist, lead):
    from django.core import mail

    client.force_login(panelist)
    client.post(
        reverse("interviews:score_declare", args=[interview.pk]),
        {"has_conflict": "yes", "note": "My sister works there"},
    )
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert "My sister works there" in mail.outbox[0].body


def test_history_is_blind_for_a_lead_on_the_panel_until_they_submit(
    client, selection, lead, panelist
):
    from tests.factories import interview_for

    interview = interview_for(selection, panel=[lead, panelist])
    Scorecard.objects.filter(interview=interview).update(conflict=Scorecard.Conflict.NONE)
    look_for = interview.sections.first().blocks.first().look_fors.first()
    client.force_login(panelist)
    rate_url = reverse("interviews:score_rate", args=[interview.pk, look_for.pk])
    client.post(rate_url, {"score": "2", "note": "PANEL-NOTE", "version": 0})
    client.post(reverse("interviews:score_submit", args=[interview.pk]))
    client.force_login(lead)
    url = reverse("interviews:history", args=[interview.pk])
    assert "PANEL-NOTE" not in client.get(url).content.decode()
    client.post(reverse("interviews:score_submit", args=[interview.pk]))
    assert "PANEL-NOTE" in client.get(url).content.decode()


def test_interview_completes_when_the_last_panelist_submits(
    client, card, card2, panelist, panelist2, interview, look_fors
):
    client.force_login(panelist)
    rate(client, interview, look_fors[0], "3", 0)
    client.post(reverse("interviews:score_submit", args=[interview.pk]))
    interview.refresh_from_db()
    assert interview.status == "scheduled"  # panelist2 has not submitted yet
    client.force_login(panelist2)
    rate(client, interview, look_fors[0], "2", 0)
    client.post(reverse("interviews:score_submit", args=[interview.pk]))
    interview.refresh_from_db()
    assert interview.status == "completed"
    assert interview.history.filter(
        history_change_reason="Every panelist still scoring has submitted"
    ).exists()


def test_panel_line_says_so_when_a_look_for_has_no_scores(
    client, card, panelist, interview, look_fors
):
    client.force_login(panelist)
    rate(client, interview, look_fors[0], "3", 0)
    client.post(reverse("interviews:score_submit", args=[interview.pk]))
    page = client.get(reverse("interviews:score", args=[interview.pk])).content.decode()
    assert "mean 3.00" in page
    assert "no scores yet" in page  # the look-fors left unrated
    assert "mean —" not in page
