import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("send_engagement_reminders", *args, stdout=out)
    return out.getvalue()


def test_reminders_go_to_managers_and_leads_only(engagement, manager, lead, viewer, panelist):
    output = run()
    assert sorted(m.to[0] for m in mail.outbox) == [lead.email, manager.email]
    message = mail.outbox[0]
    assert engagement.partner.name in message.body
    assert "Check-in with" in message.body and "late" in message.body
    assert "Sent 2 email(s)." in output


def test_dry_run_sends_nothing(engagement, manager):
    assert "Would send" in run("--dry-run")
    assert mail.outbox == []


def test_no_alerts_no_email(engagement, manager):
    # Pretend it is the day after the last check-in: nothing is due yet.
    from tests.engagements.conftest import days

    run("--date", days(-44).isoformat())
    assert not [m for m in mail.outbox if "Check-in with" in m.body]


def test_bad_arguments(engagement):
    with pytest.raises(CommandError):
        run("--date", "2026-02-30")
    with pytest.raises(CommandError):
        run("--district", "nope")
