"""Telling the panel: an email with the interview's details and a calendar invitation.

Sent through the one email module (plpg.email.send_email) when an interview is scheduled,
when its time, place or panel changes, and when it is cancelled (METHOD:CANCEL). Each send
raises the interview's ``ics_sequence`` so calendars replace the earlier version.
"""

from django.db.models import F
from django.urls import reverse

from interviews import ics
from interviews.models import Interview
from plpg.email import absolute_url, send_email

# The fields whose change is worth a new invitation.
NOTIFY_FIELDS = ("scheduled_at", "duration_minutes", "location", "video_url")


def _send(*, interview: Interview, panel, cancelled: bool, changed: bool, organizer=None):
    if not panel:
        return 0
    Interview.objects.filter(pk=interview.pk).update(ics_sequence=F("ics_sequence") + 1)
    interview.refresh_from_db(fields=["ics_sequence"])
    base = absolute_url("")
    content = ics.invitation(
        interview, base_url=base, panel=panel, cancelled=cancelled, organizer=organizer
    )
    method = "CANCEL" if cancelled else "REQUEST"
    return send_email(
        to=[person.email for person in panel],
        template="interviews/email/interview_cancelled"
        if cancelled
        else "interviews/email/interview_scheduled",
        context={
            "interview": interview,
            "changed": changed,
            "url": absolute_url(reverse("interviews:detail", args=[interview.pk])),
            "location": ics.location(interview),
        },
        attachments=[("interview.ics", content, f"text/calendar; charset=utf-8; method={method}")],
    )


def interview_scheduled(*, interview: Interview, user=None) -> int:
    """A new interview: every panelist gets the details and an invitation."""
    return _send(
        interview=interview,
        panel=list(interview.panel.all()),
        cancelled=False,
        changed=False,
        organizer=user,
    )


def interview_updated(*, interview: Interview, changed_fields, removed=(), added=(), user=None):
    """Time, duration or place changed: an updated invitation (higher SEQUENCE) to the panel;
    someone taken off the panel gets a cancellation, someone added a first invitation."""
    sent = 0
    if removed:
        sent += _send(interview=interview, panel=list(removed), cancelled=True, changed=True)
    panel = list(interview.panel.all())
    if set(changed_fields) & set(NOTIFY_FIELDS):
        sent += _send(
            interview=interview, panel=panel, cancelled=False, changed=True, organizer=user
        )
    elif added:
        sent += _send(
            interview=interview, panel=list(added), cancelled=False, changed=False, organizer=user
        )
    return sent


def interview_changed(*, interview: Interview, cancelled: bool, user=None) -> int:
    """Cancelled (METHOD:CANCEL) or reinstated (a new REQUEST)."""
    return _send(
        interview=interview,
        panel=list(interview.panel.all()),
        cancelled=cancelled,
        changed=True,
        organizer=user,
    )
