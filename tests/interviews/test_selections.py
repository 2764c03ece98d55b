"""Selections: needs, shortlist, non-negotiables, interviews, comparison and the decision."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from interviews.models import Interview, NonNegotiable, Scorecard, Selection, ShortlistEntry
from tests.factories import (
    GuidePartnerFactory,
    SelectionFactory,
    ShortlistEntryFactory,
    interview_for,
)

pytestmark = pytest.mark.django_db


def test_selection_list_shows_only_my_district_in_few_queries(
    client, lead, district, other_district, django_assert_max_num_queries
):
    for n in range(5):
        SelectionFactory(district=district, title=f"Ours {n}")
    SelectionFactory(district=other_district, title="Theirs")
    client.force_login(lead)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("interviews:selection_list"))
    page = response.content.decode()
    assert "Ours 4" in page and "Theirs" not in page


def test_selection_detail_queries_do_not_grow_with_rows(client, lead, selection, interview):
    """As many queries for one shortlisted partner as for ten (no query per row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(lead)
    url = reverse("interviews:selection_detail", args=[selection.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    ShortlistEntryFactory(selection=selection)
    one = queries()
    for _ in range(9):
        ShortlistEntryFactory(selection=selection)
    assert queries() == one


def test_user_without_a_district_gets_a_friendly_page(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("interviews:selection_list"))
    assert response.status_code == 200
    assert b"not a member of a district" in response.content


def test_lead_creates_a_selection_and_shortlists(client, lead, district):
    from partners.models import Phase

    launch, _ = Phase.objects.get_or_create(slug="launch", defaults={"name": "Launch"})
    client.force_login(lead)
    response = client.post(
        reverse("interviews:selection_create"), {"title": "Math partner", "phases": [launch.pk]}
    )
    selection = Selection.objects.get(title="Math partner")
    assert response["Location"] == reverse("interviews:selection_detail", args=[selection.pk])
    assert selection.district == district
    partner = GuidePartnerFactory()
    client.post(reverse("interviews:shortlist_add", args=[selection.pk]), {"partner": partner.pk})
    entry = ShortlistEntry.objects.get(selection=selection, partner=partner)
    url = reverse("interviews:shortlist_status", args=[selection.pk, entry.pk])
    assert client.post(url, {"status": "nonsense"}).status_code == 400
    client.post(url, {"status": "declined"})
    entry.refresh_from_db()
    assert entry.status == "declined"
    client.post(reverse("interviews:non_negotiable_add", args=[selection.pk]), {"text": "x" * 501})
    assert not NonNegotiable.objects.exists()
    client.post(reverse("interviews:non_negotiable_add", args=[selection.pk]), {"text": "Our tool"})
    assert selection.non_negotiables.get().text == "Our tool"


def test_schedule_interview_defaults_to_general_plus_phases(client, lead, panelist, selection):
    entry = ShortlistEntryFactory(selection=selection)
    client.force_login(lead)
    url = reverse("interviews:interview_create", args=[selection.pk])
    page = client.get(url).content.decode()
    assert 'value="general"' in page
    bad = client.post(url, {"partner": entry.partner.pk, "scheduled_at": "not a date"})
    assert bad.status_code == 400 and b"Enter a valid date" in bad.content
    response = client.post(
        url,
        {
            "partner": entry.partner.pk,
            "scheduled_at": "2026-03-02T10:00",
            "guide": selection.guide.pk,
            "panel": [panelist.pk],
            "kinds": ["general", "launch"],
            "status": "scheduled",
        },
    )
    interview = Interview.objects.get()
    assert response["Location"] == reverse("interviews:detail", args=[interview.pk])
    assert sorted(interview.sections.values_list("kind", flat=True)) == ["general", "launch"]
    assert Scorecard.objects.filter(interview=interview, panelist=panelist).exists()
    entry.refresh_from_db()
    assert entry.status == "interviewing"


def test_decision_records_the_four_answers_and_hands_over(
    client, lead, selection, interview, card, card2, look_fors
):
    url = reverse("interviews:selection_decide", args=[selection.pk])
    client.force_login(lead)
    page = client.get(url).content.decode()
    assert "Will this partner help us build capacity within our leadership team" in page
    incomplete = client.post(url, {"chosen_partner": interview.partner.pk, "version": 1})
    assert incomplete.status_code == 400
    selection.refresh_from_db()
    assert selection.chosen_partner is None
    card.submitted_at = timezone.now()  # the partner was interviewed and scored
    card.save()
    answers = {
        "answer_vision": "Yes, their plan serves our vision for math.",
        "answer_capacity": "Yes, gradual release to our own coaches",
        "answer_coherence": "Supports the literacy partner's coaching cycle",
        "answer_contract": "Named facilitators and our own observation tool",
    }
    client.post(url, {"chosen_partner": interview.partner.pk, "version": 1, **answers})
    selection.refresh_from_db()
    assert selection.chosen_partner == interview.partner and selection.decided_at
    assert selection.answer_capacity == "Yes, gradual release to our own coaches"
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content.decode()
    assert reverse("engagements:start_from_selection", args=[selection.pk]) in page
    # A stale decision form is refused.
    stale = client.post(url, {"chosen_partner": interview.partner.pk, "version": 1, **answers})
    assert stale.status_code == 302
    selection.refresh_from_db()
    assert selection.version == 2


def test_comparison_is_blind_for_a_panelist_with_an_open_scorecard(
    client, selection, interview, card, panelist, lead
):
    client.force_login(panelist)
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content.decode()
    assert "Scoring is blind" in page
    assert (
        client.get(reverse("interviews:selection_report", args=[selection.pk])).status_code == 403
    )
    client.force_login(lead)
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content.decode()
    assert "Scoring is blind" not in page


def test_comparison_matrix_and_chart_on_the_demo(client, demo):
    from plpg.models import User

    client.force_login(User.objects.get(email="leader@demo.test"))
    selection = Selection.objects.get(title="K–8 math partner for the IM launch (demo)")
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content.decode()
    assert "<svg" in page and "Northstar Math Collaborative" in page
    assert "Ongoing support for teachers" in page
    assert "met · 0 not met" in page


def test_reminders_go_one_day_after_to_those_who_have_not_submitted(selection, panelist, panelist2):
    interview = interview_for(
        selection, panel=[panelist, panelist2], when=timezone.now() - timezone.timedelta(days=2)
    )
    Scorecard.objects.filter(interview=interview, panelist=panelist2).update(
        submitted_at=timezone.now()
    )
    recent = interview_for(
        selection, panel=[panelist], when=timezone.now() - timezone.timedelta(hours=3)
    )
    call_command("send_scorecard_reminders", stdout=__import__("io").StringIO())
    assert [m.to for m in mail.outbox] == [[panelist.email]]
    assert reverse("interviews:score", args=[interview.pk]) in mail.outbox[0].body
    assert recent.pk != interview.pk
    call_command("send_scorecard_reminders", stdout=__import__("io").StringIO())
    assert len(mail.outbox) == 1  # once only


def test_list_pages_query_counts(
    client, lead, district, interview, card, card2, look_fors, django_assert_max_num_queries
):
    from interviews.models import Guide
    from interviews.services import guide_copy, rating_save

    for _ in range(3):
        guide_copy(
            guide=Guide.objects.templates().get(key="playbook"), district=district, user=lead
        )
    for look_for in look_fors:
        rating_save(
            scorecard_id=card.pk,
            look_for=look_for,
            score=3,
            not_addressed=False,
            note="",
            version=0,
            user=card.panelist,
        )
    client.force_login(lead)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("interviews:guide_list")).status_code == 200
    # History: one UNION finds the newest rows, then one query per kind shown.
    with django_assert_max_num_queries(14):
        assert client.get(reverse("interviews:history", args=[interview.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("interviews:detail", args=[interview.pk])).status_code == 200


def test_bad_ids_and_pages_are_4xx(client, lead, selection, interview):
    client.force_login(lead)
    assert client.get("/selections/999999/").status_code == 404
    assert client.get("/interviews/999999/").status_code == 404
    assert client.get("/interviews/guides/999999/").status_code == 404
    history = reverse("interviews:history", args=[interview.pk])
    assert client.get(history + "?page=99999999999").status_code == 200
    assert client.get(history + "?page=abc").status_code == 200
    assert (
        client.post(f"/interviews/guides/{selection.guide.pk}/bogus/1/update/").status_code == 404
    )
