"""Participant feedback: the public form, one response per browser, the rate limit, the
anonymity threshold, the link closing, and both sides' pages."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from engagements.impact.feedback import MIN_RESPONSES, summarize
from engagements.impact.feedback_services import feedback_answer, feedback_link_create
from engagements.impact.models import FeedbackResponse
from engagements.models import PlanSession
from engagements.workspace.services import share_add
from tests.impact.conftest import days

pytestmark = pytest.mark.django_db

ANSWER = {"relevance": "4", "facilitation": "3", "learning": "3", "intended_use": "2"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def session(engagement):
    item = engagement.plan_items.get()
    return PlanSession.objects.create(plan_item=item, date=days(-1), status="delivered")


@pytest.fixture
def link(session, manager):
    return feedback_link_create(
        session=session, user=manager, can_statement="I can launch a unit.", today=days(-1)
    )


def _answers(n, link, **values):
    for _ in range(n):
        feedback_answer(
            link=link, answers={**{k: int(v) for k, v in ANSWER.items()}, **values}, today=days(-1)
        )


def test_summary_hides_everything_below_five():
    rows = [{**{k: int(v) for k, v in ANSWER.items()}, "comment": "Names Ms Smith"}] * (
        MIN_RESPONSES - 1
    )
    hidden = summarize(rows)
    assert hidden.count == 4 and not hidden.shown
    assert hidden.statements == [] and hidden.comments == [] and hidden.mean is None
    shown = summarize(rows + rows[:1])
    assert shown.shown and shown.comments and shown.statements[0].counts == {1: 0, 2: 0, 3: 0, 4: 5}


def test_rate_against_attendance():
    rows = [{**{k: int(v) for k, v in ANSWER.items()}, "comment": ""}] * 6
    assert summarize(rows, attendance=24).rate == 25
    assert summarize(rows).rate is None


def test_public_form_shows_only_the_session(client, link, engagement):
    page = client.get(reverse("impact:answer", args=[link.token]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Launch institute" in html and "I can launch a unit." in html
    for private in (engagement.district.name, engagement.partner.name, engagement.title):
        assert private not in html
    assert client.get(reverse("impact:answer", args=["not-a-token"])).status_code == 404


def test_one_response_per_browser(client, link):
    url = reverse("impact:answer", args=[link.token])
    first = client.post(url, {**ANSWER, "comment": "  Useful.  "})
    assert first.status_code == 200 and "Thank you" in first.content.decode()
    second = client.post(url, ANSWER)
    assert second.status_code == 409 and "already answered" in second.content.decode()
    assert "already answered" in client.get(url).content.decode()
    [response] = FeedbackResponse.objects.all()
    assert response.comment == "Useful."
    # Another browser (no cookie) may answer; a forged cookie counts as none.
    other = Client()
    other.cookies["plpg_feedback"] = f"{link.pk}"  # unsigned: ignored
    assert other.post(url, ANSWER).status_code == 200
    assert FeedbackResponse.objects.count() == 2


def test_bad_answers_are_a_400_and_save_nothing(client, link):
    url = reverse("impact:answer", args=[link.token])
    for bad in ({**ANSWER, "learning": "5"}, {**ANSWER, "relevance": "x"}, {"comment": "hi"}):
        response = client.post(url, bad)
        assert response.status_code == 400
    assert client.post(url, {**ANSWER, "comment": "x" * 1001}).status_code == 400
    assert not FeedbackResponse.objects.exists()


@override_settings(FEEDBACK_RATE_LIMIT="3/1h/ip")
def test_rate_limit_per_address(link):
    url = reverse("impact:answer", args=[link.token])
    statuses = [Client().post(url, ANSWER).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert FeedbackResponse.objects.count() == 3
    # Another address is not held back.
    assert Client(REMOTE_ADDR="10.9.8.7").post(url, ANSWER).status_code == 200


def test_csrf_is_enforced_on_the_public_form(link):
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("impact:answer", args=[link.token]), ANSWER).status_code == 403
    page = client.get(reverse("impact:answer", args=[link.token]))
    token = page.context["csrf_token"]
    response = client.post(
        reverse("impact:answer", args=[link.token]), {**ANSWER, "csrfmiddlewaretoken": str(token)}
    )
    assert response.status_code == 200


def test_link_closes_after_the_set_days(client, session, manager, settings):
    settings.FEEDBACK_OPEN_DAYS = 3
    link = feedback_link_create(
        session=session, user=manager, can_statement="I can launch a unit.", today=days(-10)
    )
    assert link.closes_on == days(2)  # the window starts today for a past session
    link.closes_on = days(-1)
    link.save()
    response = client.post(reverse("impact:answer", args=[link.token]), ANSWER)
    assert response.status_code == 409 and "closed" in response.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_link_window_counts_from_the_session(session, manager, settings):
    settings.FEEDBACK_OPEN_DAYS = 14
    link = feedback_link_create(
        session=session, user=manager, can_statement="I can launch a unit.", today=session.date
    )
    assert link.closes_on == session.date + dt.timedelta(days=14)


def test_learning_statement_must_be_an_i_can(client, manager, engagement, session):
    client.force_login(manager)
    response = client.post(
        reverse("impact:feedback_link_new", args=[engagement.pk]),
        {"session": session.pk, "can_statement": "Understand units"},
    )
    assert response.status_code == 400 and "I can" in response.content.decode()


def test_district_page_counts_and_hides_below_five(client, manager, engagement, link):
    _answers(MIN_RESPONSES - 1, link, comment="Secret remark")
    client.force_login(manager)
    page = client.get(reverse("impact:feedback", args=[engagement.pk])).content.decode()
    assert "<strong>4</strong> responses" in page and "Secret remark" not in page
    detail = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert 'id="feedback-total">4<' in detail
    _answers(1, link, comment="Secret remark")
    page = client.get(reverse("impact:feedback", args=[engagement.pk])).content.decode()
    assert "Secret remark" in page and "mean 4.0" in page
    csv = client.get(reverse("impact:feedback_csv", args=[engagement.pk])).content.decode()
    assert "Launch institute" in csv and "Secret remark" in csv


def test_partner_sees_its_sessions_only_when_seated(client, manager, engagement, link, staff):
    url = reverse("impact:feedback", args=[engagement.pk])
    client.force_login(staff)
    assert client.get(url).status_code == 404
    share_add(engagement=engagement, staff_user=staff, user=manager)
    assert client.get(url).status_code == 200
    qr = client.get(reverse("impact:feedback_qr", args=[engagement.pk, link.pk]))
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<?xml") and b"<svg" in qr.content


def test_viewer_reads_but_cannot_open_links(client, viewer, engagement, session):
    client.force_login(viewer)
    assert client.get(reverse("impact:feedback", args=[engagement.pk])).status_code == 200
    response = client.post(
        reverse("impact:feedback_link_new", args=[engagement.pk]),
        {"session": session.pk, "can_statement": "I can launch."},
    )
    assert response.status_code == 403


def test_outsider_gets_404(client, outsider, engagement, link):
    client.force_login(outsider)
    for url in (
        reverse("impact:feedback", args=[engagement.pk]),
        reverse("impact:feedback_link", args=[engagement.pk, link.pk]),
        reverse("impact:feedback_csv", args=[engagement.pk]),
    ):
        assert client.get(url).status_code == 404


def test_rate_uses_the_confirmed_attendance_only(client, manager, engagement, session, link):
    from engagements.impact.feedback_selectors import feedback_of

    _answers(MIN_RESPONSES, link)
    session.attendance = 20  # delivered, so confirmed (PlanSession.settle_confirmation)
    session.save()
    [row] = feedback_of(engagement)["links"]
    assert row.summary.rate == 25 and row.summary.attendance == 20
    session.status = PlanSession.Status.PLANNED
    session.confirmation = PlanSession.Confirmation.AWAITING  # reported, not confirmed
    session.save()
    [row] = feedback_of(engagement)["links"]
    assert row.summary.rate is None
