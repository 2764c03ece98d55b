"""Selection history, cancelled interviews, htmx results saves, absolute email links."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from interviews import services
from interviews.models import (
    Consensus,
    Interview,
    NonNegotiable,
    NonNegotiableResult,
    Rating,
    Scorecard,
)
from tests.factories import GuidePartnerFactory, ShortlistEntryFactory, interview_for

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _cancel(interview):
    Interview.objects.filter(pk=interview.pk).update(status=Interview.Status.CANCELLED)
    interview.refresh_from_db()


# --- Selection history -------------------------------------------------------------------


def test_selection_history_shows_shortlist_needs_non_negotiables_and_decision(
    client, lead, selection, interview, card, card2, look_fors
):
    client.force_login(lead)
    partner = GuidePartnerFactory(name="Harbor Learning")
    client.post(reverse("interviews:shortlist_add", args=[selection.pk]), {"partner": partner.pk})
    entry = selection.shortlist.get(partner=partner)
    client.post(
        reverse("interviews:shortlist_status", args=[selection.pk, entry.pk]),
        {"status": "declined"},
    )
    client.post(
        reverse("interviews:non_negotiable_add", args=[selection.pk]), {"text": "Our PLC time"}
    )
    client.post(
        reverse("interviews:selection_edit", args=[selection.pk]),
        {"title": "Renamed search", "phases": list(selection.phases.values_list("pk", flat=True))},
    )
    for scorecard in (card, card2):
        services.scorecard_submit(scorecard=scorecard, user=scorecard.panelist)
    services.selection_decide(
        selection=selection,
        partner=interview.partner,
        answers={},
        notes="",
        version=selection.version,
        user=lead,
    )
    page = client.get(reverse("interviews:selection_history", args=[selection.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for expected in (
        "Shortlist entry",
        "Harbor Learning",
        "Declined",
        "Non-negotiable",
        "Our PLC time",
        "Edited Title",
        "Decided: ",
        "Submitted the scorecard",
    ):
        assert expected in text, expected
    detail = client.get(reverse("interviews:selection_detail", args=[selection.pk]))
    assert reverse("interviews:selection_history", args=[selection.pk]) in detail.content.decode()


def test_selection_history_is_blind_for_a_lead_with_an_open_scorecard(
    client, lead, selection, panelist2, look_fors
):
    interview = interview_for(selection, panel=[lead, panelist2])
    theirs = Scorecard.objects.get(interview=interview, panelist=panelist2)
    theirs.conflict = Scorecard.Conflict.NONE
    theirs.save()
    services.rating_save(
        scorecard_id=theirs.pk,
        look_for=look_fors[0],
        score=4,
        not_addressed=False,
        note="SECRET-EVIDENCE",
        version=0,
        user=panelist2,
    )
    services.shortlist_set_status(
        entry=ShortlistEntryFactory(selection=selection), status="declined", user=lead
    )
    client.force_login(lead)
    text = client.get(reverse("interviews:selection_history", args=[selection.pk])).content
    assert b"Declined" in text
    assert b"SECRET-EVIDENCE" not in text


def test_selection_history_refuses_panelists_and_pages_cleanly(
    client, panelist, manager, selection, django_assert_max_num_queries
):
    url = reverse("interviews:selection_history", args=[selection.pk])
    client.force_login(panelist)
    assert client.get(url).status_code == 403
    for n in range(30):
        selection.needs = f"note {n}"
        selection.save()
    client.force_login(manager)
    # 10, and one per kind of object the changes name (plpg.history._reference_names).
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    assert client.get(url + "?page=99999999999999999999").status_code == 200
    assert client.get(url + "?page=abc").status_code == 200


# --- Cancelled interviews ------------------------------------------------------------------


def test_a_cancelled_interview_cannot_be_scored(client, panelist, interview, card, look_fors):
    _cancel(interview)
    client.force_login(panelist)
    page = client.get(reverse("interviews:score", args=[interview.pk]))
    assert page.status_code == 409
    assert b"This interview was cancelled" in page.content
    rate = client.post(
        reverse("interviews:score_rate", args=[interview.pk, look_fors[0].pk]),
        {"score": "3", "version": 0},
        HTTP_HX_REQUEST="true",
    )
    assert rate.status_code == 423 and b"cancelled" in rate.content
    summary = client.post(
        reverse("interviews:score_summary", args=[interview.pk]),
        {"recommendation": "yes", "version": card.version},
        HTTP_HX_REQUEST="true",
    )
    assert summary.status_code == 423
    submit = client.post(reverse("interviews:score_submit", args=[interview.pk]), follow=True)
    assert b"cancelled, so it cannot be scored" in submit.content
    assert not Rating.objects.exists()
    card.refresh_from_db()
    assert card.submitted_at is None


def test_declaring_on_a_cancelled_interview_is_refused(client, panelist, interview):
    _cancel(interview)
    client.force_login(panelist)
    response = client.post(
        reverse("interviews:score_declare", args=[interview.pk]), {"has_conflict": "no"}
    )
    assert response["Location"] == reverse("interviews:detail", args=[interview.pk])
    assert Scorecard.objects.get(interview=interview, panelist=panelist).conflict == "unanswered"


def test_a_cancelled_interview_stays_blind_until_its_card_is_withdrawn(
    client, panelist, selection, interview, card
):
    """Issue #9: cancelling (and reinstating) never unblinds; withdrawing the card ends it."""
    services.scorecard_submit(scorecard=card, user=panelist)
    cancelled = interview_for(selection, panel=[panelist])
    _cancel(cancelled)
    client.force_login(panelist)
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content
    assert b"Scoring is blind" in page
    report = reverse("interviews:selection_report", args=[selection.pk])
    assert client.get(report).status_code == 403
    listing = client.get(reverse("interviews:selection_list")).content.decode()
    assert "(cancelled)" in listing
    Scorecard.objects.filter(interview=cancelled).update(withdrawn_at=timezone.now())
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content
    assert b"Scoring is blind" not in page


def test_reminders_skip_cancelled_but_include_completed_interviews(
    selection, panelist, panelist2, settings
):
    settings.SITE_URL = "https://plpg.example"
    long_ago = timezone.now() - timezone.timedelta(days=3)
    completed = interview_for(selection, panel=[panelist], when=long_ago)
    Interview.objects.filter(pk=completed.pk).update(status=Interview.Status.COMPLETED)
    cancelled = interview_for(selection, panel=[panelist2], when=long_ago)
    _cancel(cancelled)
    assert services.reminders_send() == 1
    assert mail.outbox[0].to == [panelist.email]
    link = "https://plpg.example" + reverse("interviews:score", args=[completed.pk])
    assert link in mail.outbox[0].body


def test_conflict_email_links_absolutely_to_the_panel(lead, panelist, interview, settings):
    settings.SITE_URL = "https://plpg.example/"
    card = Scorecard.objects.get(interview=interview, panelist=panelist)
    services.scorecard_declare(scorecard=card, has_conflict=True, note="My sister", user=panelist)
    body = mail.outbox[0].body
    assert "https://plpg.example" + reverse("interviews:detail", args=[interview.pk]) in body
    assert "https://plpg.example//" not in body


# --- Consensus and non-negotiable results through htmx --------------------------------------


def test_consensus_saves_through_htmx_without_a_reload(
    client, lead, interview, card, card2, look_fors
):
    for scorecard in (card, card2):
        services.scorecard_submit(scorecard=scorecard, user=scorecard.panelist)
    url = reverse("interviews:consensus_set", args=[interview.pk, look_fors[0].pk])
    client.force_login(lead)
    response = client.post(url, {"score": "3", "reason": "Agreed", "version": 0}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="consensus-{look_fors[0].pk}"' in html
    assert 'id="results-summary" data-hx-swap-oob="true"' in html
    assert "Consensus saved" in html and "<html" not in html
    assert Consensus.objects.get().reason == "Agreed"
    stale = client.post(url, {"score": "2", "reason": "Again", "version": 0}, **HTMX)
    assert stale.status_code == 409 and b"someone else changed this consensus" in stale.content
    bad = client.post(url, {"score": "7", "reason": "", "version": 1}, **HTMX)
    assert bad.status_code == 400 and b"Not saved" in bad.content
    assert Consensus.objects.get().score == 3
    # Without JavaScript the form still posts and redirects back to the row.
    plain = client.post(url, {"score": "4", "reason": "Changed", "version": 1})
    assert plain.status_code == 302 and plain["Location"].endswith(f"#lf-{look_fors[0].pk}")


def test_non_negotiable_result_saves_through_htmx(client, lead, viewer, selection, interview):
    item = NonNegotiable.objects.create(selection=selection, text="Use our observation tool")
    url = reverse("interviews:non_negotiable_result", args=[interview.pk, item.pk])
    client.force_login(lead)
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    # Nothing recorded yet: the form starts at "Unclear", not at the first choice.
    assert '<option value="unclear" selected>' in page
    response = client.post(url, {"status": "not_met", "note": "No"}, **HTMX)
    assert response.status_code == 200
    assert b'id="nn-' in response.content and b"Not met" in response.content
    assert NonNegotiableResult.objects.get().status == "not_met"
    bad = client.post(url, {"status": "maybe"}, **HTMX)
    assert bad.status_code == 400 and b"Not saved" in bad.content
    assert client.post(url, {"status": "met"})["Location"].endswith(f"#nn-{item.pk}")
    client.force_login(viewer)
    assert client.post(url, {"status": "met"}, **HTMX).status_code == 403
    assert NonNegotiableResult.history.filter(history_type="~").count() == 2


def test_the_decision_form_is_blind_for_a_lead_still_scoring(
    client, lead, selection, panelist2, look_fors
):
    interview_for(selection, panel=[lead, panelist2])
    client.force_login(lead)
    page = client.get(reverse("interviews:selection_decide", args=[selection.pk]))
    assert page.status_code == 200
    assert b"Scoring is blind" in page.content and b"Partners \xc3\x97 sections" not in page.content


def test_guide_editor_refuses_empty_text_and_lands_on_the_block(client, lead, district):
    from interviews.models import Guide

    guide = services.guide_copy(
        guide=Guide.objects.templates().get(key="playbook"), district=district, user=lead
    )
    block = guide.sections.first().blocks.first()
    question = block.questions.first()
    url = reverse("interviews:guide_question_update", args=[guide.pk, question.pk])
    client.force_login(lead)
    response = client.post(url, {"text": "   "})
    assert response["Location"].endswith(f"#block-{block.pk}")
    question.refresh_from_db()
    assert question.text.strip()
    follow = client.post(url, {"text": ""}, follow=True)
    assert b"needs text" in follow.content
    guidance = reverse("interviews:guide_block_update", args=[guide.pk, block.pk])
    client.post(guidance, {"text": "Be upfront about your non-negotiables."})
    block.refresh_from_db()
    assert block.guidance == "Be upfront about your non-negotiables."
