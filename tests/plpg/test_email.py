"""plpg.email: the one way email leaves PLPG (plain text + HTML, absolute links, a queue)."""

import io
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from plpg.email import absolute_url, render_email, send_email

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(transactional_db):
    """The production queue: django-tasks' database backend (django-tasks resets its
    backends when the TASKS setting changes)."""
    with override_settings(TASKS=DATABASE_QUEUE):
        assert type(task_backends["default"]).__name__ == "DatabaseBackend"
        yield


def _reminder_context():
    return {
        "interview": {"partner": "Acme <Learning>", "selection": {"district": "Home"}},
        "panelist": {"display_name": "Pat"},
        "url": absolute_url("/interviews/1/score/"),
    }


@override_settings(SITE_URL="https://plpg.example.org")
def test_every_message_has_plain_text_and_html_with_absolute_links():
    send_email(
        to=["a@x.test", "b@x.test", "a@x.test"],
        template="interviews/email/scorecard_reminder",
        context=_reminder_context(),
    )
    assert [m.to for m in mail.outbox] == [["a@x.test"], ["b@x.test"]]  # one each, no copies
    message = mail.outbox[0]
    assert message.subject == "Reminder: your scorecard for Acme <Learning>"
    assert "https://plpg.example.org/interviews/1/score/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<a href="https://plpg.example.org/interviews/1/score/"' in html
    assert "Acme &lt;Learning&gt;" in html  # the HTML part escapes what the text part keeps


def test_subject_is_one_line():
    subject, text, html = render_email(
        "interviews/email/scorecard_reminder", {**_reminder_context()}
    )
    assert "\n" not in subject and text.endswith("\n") and html.startswith("<!doctype html>")


def test_database_queue_holds_the_message_until_the_worker_sends_it(database_queue):
    send_email(
        to="a@x.test", template="interviews/email/scorecard_reminder", context=_reminder_context()
    )
    assert mail.outbox == []  # the page that queued it does not wait for the mail server
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["a@x.test"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_failed_send_is_tried_again_later(database_queue, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("relay down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    send_email(
        to="a@x.test", template="interviews/email/scorecard_reminder", context=_reminder_context()
    )
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO())
    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [r.status for r in results] == ["FAILED", "READY"]
    retry = results[1]
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after is not None and retry.run_after > results[0].enqueued_at
