"""Bounded work per request on the interview side: guide items, panel size, interviews per
selection — refused with a message that names the limit, and the PDFs render at the limits."""

import pytest
from django.urls import reverse

from interviews.forms import InterviewForm
from interviews.models import Guide, Interview, Question
from interviews.services import guides as guide_services
from interviews.services import selections as selection_services
from plpg.limits import LimitReached
from plpg.models import Membership
from tests.factories import GuidePartnerFactory, UserFactory, interview_for

pytestmark = pytest.mark.django_db


def _guide_at_the_limit(client, lead) -> Guide:
    client.force_login(lead)
    template = Guide.objects.templates().get(key="playbook")
    response = client.post(reverse("interviews:guide_copy", args=[template.pk]))
    guide = Guide.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    block = guide.sections.get(kind="general").blocks.first()
    missing = guide_services.GUIDE_ITEMS_LIMIT - guide_services.guide_item_count(guide)
    Question.objects.bulk_create(
        Question(block=block, text=f"Extra question {n}? " + "x" * 400, position=100 + n)
        for n in range(missing)
    )
    assert guide_services.guide_item_count(guide) == guide_services.GUIDE_ITEMS_LIMIT
    return guide


def _panel(district, size):
    return [
        Membership.objects.create(
            user=UserFactory(email=f"panelist{n}@limits.test"),
            district=district,
            role=Membership.Role.INTERVIEWER,
        ).user
        for n in range(size)
    ]


def test_a_guide_at_its_limit_refuses_one_more_item_with_a_message(client, lead):
    guide = _guide_at_the_limit(client, lead)
    block = guide.sections.get(kind="general").blocks.first()
    url = reverse("interviews:guide_question_add", args=[guide.pk, block.pk])
    response = client.post(url, {"text": "One question too many?"})
    assert response.status_code == 400
    assert "a guide holds at most 200" in response.content.decode()
    assert guide_services.guide_item_count(guide) == guide_services.GUIDE_ITEMS_LIMIT


def test_the_packet_and_results_render_at_the_limits(client, lead, selection, district):
    """A guide full to its limit and the largest panel: both PDFs still render (their time
    at this size is a `make bench` matter, not a timed test)."""
    guide = _guide_at_the_limit(client, lead)
    panel = _panel(district, selection_services.PANEL_LIMIT)
    interview = interview_for(selection, panel=panel, guide=guide)
    for name in ("interviews:packet", "interviews:report"):
        response = client.get(reverse(name, args=[interview.pk]))
        assert response.status_code == 200, name
        assert response.content.startswith(b"%PDF"), name


def test_a_panel_larger_than_the_limit_is_refused(selection, district, lead):
    panel = _panel(district, selection_services.PANEL_LIMIT + 1)
    with pytest.raises(LimitReached, match="an interview holds at most 12 panelists"):
        interview_for(selection, panel=panel)
    assert not Interview.objects.filter(selection=selection).exists()
    form = InterviewForm(
        data={"panel": [user.pk for user in panel]}, selection=selection, user=lead
    )
    assert not form.is_valid()
    assert "Choose at most 12 panelists" in str(form.errors["panel"])


def test_a_selection_holds_a_bounded_number_of_interviews(selection, panelist, monkeypatch):
    monkeypatch.setattr(selection_services, "INTERVIEWS_LIMIT", 2)
    interview_for(selection, panel=[panelist])
    interview_for(selection, panel=[panelist], partner=GuidePartnerFactory())
    with pytest.raises(LimitReached, match="a selection holds at most 2 interviews"):
        interview_for(selection, panel=[panelist], partner=GuidePartnerFactory())
    assert selection.interviews.count() == 2
