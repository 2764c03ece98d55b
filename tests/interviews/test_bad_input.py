"""Bad input gets a clear 4xx, never a 500; the wrong role is refused; list pages stay cheap."""

import pytest
from django.urls import reverse

from interviews.models import Guide, Interview, NonNegotiable, Scorecard
from interviews.services import guide_copy
from tests.factories import SelectionFactory, ShortlistEntryFactory, interview_for

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


def test_oversized_text_is_refused_with_a_message(client, lead, selection, interview):
    client.force_login(lead)
    phases = list(selection.phases.values_list("pk", flat=True))
    response = client.post(
        reverse("interviews:selection_edit", args=[selection.pk]),
        {"title": "Ok", "needs": "x" * 6000, "phases": phases},
    )
    assert response.status_code == 400
    assert b"Ensure this value has at most 5000 characters" in response.content
    edit = client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {
            "partner": interview.partner_id,
            "scheduled_at": "2026-03-02T10:00",
            "panel": [],
            "kinds": ["general"],
            "status": "scheduled",
            "notes": "n" * 6000,
        },
    )
    assert edit.status_code == 400


def test_malformed_dates_and_bogus_choices_are_400(client, lead, selection, panelist):
    entry = ShortlistEntryFactory(selection=selection)
    client.force_login(lead)
    url = reverse("interviews:interview_create", args=[selection.pk])
    for when in ("2026-13-45T10:00", "tomorrow", "2026-02-30T25:61", "1" * 300):
        response = client.post(
            url,
            {
                "partner": entry.partner.pk,
                "scheduled_at": when,
                "panel": [panelist.pk],
                "kinds": ["general"],
                "status": "scheduled",
            },
        )
        assert response.status_code == 400, when
    bogus = client.post(
        url,
        {
            "partner": HUGE,
            "scheduled_at": "2026-03-02T10:00",
            "panel": [HUGE],
            "kinds": ["bogus"],
            "status": "nope",
        },
    )
    assert bogus.status_code == 400
    assert client.get(url + f"?partner={HUGE}").status_code == 200
    assert not Interview.objects.exists()


def test_bogus_scores_and_versions_are_400(client, panelist, interview, card, look_fors):
    client.force_login(panelist)
    url = reverse("interviews:score_rate", args=[interview.pk, look_fors[0].pk])
    for data in (
        {"score": "5", "version": 0},
        {"score": "0", "version": 0},
        {"score": "-1", "version": 0},
        {"score": "3.5", "version": 0},
        {"score": "3", "version": "x"},
        {"score": "3", "version": HUGE},
        {"score": "3", "version": 0, "note": "n" * 5001},
        {"score": "3"},
    ):
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 400, data
        assert b"Not saved" in response.content
    summary = client.post(
        reverse("interviews:score_summary", args=[interview.pk]),
        {"recommendation": "maybe", "version": card.version},
        HTTP_HX_REQUEST="true",
    )
    assert summary.status_code == 400


def test_unknown_ids_are_404(client, lead, panelist, selection, interview):
    client.force_login(lead)
    for url, method in [
        (f"/selections/{HUGE}/", "get"),
        (f"/interviews/{HUGE}/", "get"),
        (f"/interviews/{HUGE}/packet.pdf", "get"),
        (reverse("interviews:shortlist_status", args=[selection.pk, 2**31]), "post"),
        (reverse("interviews:non_negotiable_delete", args=[selection.pk, 2**40]), "post"),
        (reverse("interviews:consensus_set", args=[interview.pk, 2**40]), "post"),
        (reverse("interviews:non_negotiable_result", args=[interview.pk, 2**40]), "post"),
        (reverse("interviews:scorecard_reopen", args=[interview.pk, 2**40]), "post"),
        (f"/interviews/guides/{HUGE}/", "get"),
    ]:
        assert getattr(client, method)(url).status_code == 404, url
    client.force_login(panelist)
    url = reverse("interviews:score_rate", args=[interview.pk, 2**40])
    assert client.post(url, {"score": "1", "version": 0}).status_code == 404


def test_a_declared_conflict_needs_a_description(client, panelist, interview):
    client.force_login(panelist)
    url = reverse("interviews:score_declare", args=[interview.pk])
    response = client.post(url, {"has_conflict": "yes", "note": "  "})
    assert response.status_code == 400 and b"Describe the conflict" in response.content
    assert client.post(url, {"has_conflict": "perhaps"}).status_code == 400
    card = Scorecard.objects.get(interview=interview, panelist=panelist)
    assert card.conflict == Scorecard.Conflict.UNANSWERED


def test_every_lead_change_refuses_other_roles(
    client, lead, panelist, viewer, manager, district, selection, interview, card, look_fors
):
    entry = ShortlistEntryFactory(selection=selection)
    item = NonNegotiable.objects.create(selection=selection, text="Tool")
    guide = guide_copy(
        guide=Guide.objects.templates().get(key="playbook"), district=district, user=lead
    )
    question = guide.sections.first().blocks.first().questions.first()
    r = reverse
    changes = [
        (r("interviews:selection_create"), {"title": "x"}),
        (r("interviews:selection_edit", args=[selection.pk]), {"title": "x"}),
        (r("interviews:shortlist_add", args=[selection.pk]), {"partner": entry.partner_id}),
        (r("interviews:shortlist_status", args=[selection.pk, entry.pk]), {"status": "declined"}),
        (r("interviews:non_negotiable_add", args=[selection.pk]), {"text": "x"}),
        (r("interviews:non_negotiable_delete", args=[selection.pk, item.pk]), {}),
        (r("interviews:interview_create", args=[selection.pk]), {}),
        (r("interviews:selection_decide", args=[selection.pk]), {}),
        (r("interviews:edit", args=[interview.pk]), {}),
        (r("interviews:scorecard_reopen", args=[interview.pk, card.pk]), {}),
        (r("interviews:conflict_resolve", args=[interview.pk, card.pk]), {"decision": "allow"}),
        (
            r("interviews:consensus_set", args=[interview.pk, look_fors[0].pk]),
            {"score": "3", "reason": "x", "version": 0},
        ),
        (r("interviews:non_negotiable_result", args=[interview.pk, item.pk]), {"status": "met"}),
        (r("interviews:guide_settings", args=[guide.pk]), {"name": "G"}),
        (r("interviews:guide_new_version", args=[guide.pk]), {}),
        (r("interviews:guide_copy", args=[guide.pk]), {}),
        (
            r("interviews:guide_question_update", args=[guide.pk, question.pk]),
            {"text": "Changed"},
        ),
    ]
    for user in (panelist, viewer, manager):
        client.force_login(user)
        for url, data in changes:
            assert client.post(url, data).status_code == 403, (user.email, url)
    assert selection.shortlist.get(pk=entry.pk).status == "considering"
    assert NonNegotiable.objects.filter(pk=item.pk).exists()
    question.refresh_from_db()
    assert question.text != "Changed"


def test_list_pages_do_not_grow_with_their_rows(
    client, lead, panelist, panelist2, district, django_assert_max_num_queries
):
    selections = [SelectionFactory(district=district) for _ in range(4)]
    for selection in selections:
        for _ in range(3):
            entry = ShortlistEntryFactory(selection=selection)
            interview_for(selection, panel=[panelist, panelist2], partner=entry.partner)
    guide_copy(guide=Guide.objects.templates().get(key="playbook"), district=district, user=lead)
    client.force_login(lead)
    for url, limit in [
        (reverse("interviews:selection_list"), 8),
        (reverse("interviews:guide_list"), 8),
        (reverse("interviews:selection_detail", args=[selections[0].pk]), 32),
        # History: one UNION finds the newest rows, then one query per kind shown.
        (reverse("interviews:selection_history", args=[selections[0].pk]), 14),
        (reverse("interviews:history", args=[selections[0].interviews.first().pk]), 14),
    ]:
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url
    client.force_login(panelist)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("interviews:selection_list")).status_code == 200
