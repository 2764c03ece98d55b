"""Interviews as calendar events: the invitation emailed to the panel and the feed's entries.

One UID per interview for its whole life (``interview-<pk>@plpg.interviews``), so a calendar
updates the same event; SEQUENCE is the interview's ``ics_sequence``, raised each time a
change is sent. An invitation is METHOD:REQUEST; a cancellation is METHOD:CANCEL with
STATUS:CANCELLED and the next sequence.
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from interviews.models import Interview

DOMAIN = "plpg.interviews"


def uid(interview: Interview) -> str:
    return f"interview-{interview.pk}@{DOMAIN}"


def location(interview: Interview) -> str:
    return ", ".join(filter(None, [interview.location, interview.video_url]))


def interview_event(
    interview: Interview, *, base_url: str, panel=None, cancelled=False, organizer=None
) -> Event:
    """The interview as a VEVENT (times in UTC, duration from the interview)."""
    start = interview.scheduled_at.astimezone(dt.UTC)
    event = Event()
    event.add("uid", uid(interview))
    event.add("sequence", interview.ics_sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=interview.duration_minutes or 60))
    event.add("summary", f"Interview: {interview.partner} ({interview.selection.title})")
    url = base_url.rstrip("/") + reverse("interviews:detail", args=[interview.pk])
    description = [f"Interview with {interview.partner} for {interview.selection.district}."]
    if interview.video_url:
        description.append(f"Video link: {interview.video_url}")
    if interview.notes:
        description.append(f"Notes for the panel: {interview.notes}")
    description.append(f"Packet, scoring and results: {url}")
    event.add("description", "\n".join(description))
    if location(interview):
        event.add("location", location(interview))
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if organizer is not None:
        address = vCalAddress(f"mailto:{organizer.email}")
        address.params["cn"] = vText(organizer.display_name)
        event.add("organizer", address)
    for person in panel or []:
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = vText(person.display_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    return event


def invitation(interview: Interview, *, base_url: str, panel, cancelled=False, organizer=None):
    """The .ics file emailed to the panel: METHOD:REQUEST, or METHOD:CANCEL."""
    cal = Calendar()
    cal.add("prodid", "-//PLPG//Interviews//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "REQUEST")
    cal.add_component(
        interview_event(
            interview, base_url=base_url, panel=panel, cancelled=cancelled, organizer=organizer
        )
    )
    return cal.to_ical()


def feed_events(user, *, base_url: str) -> list[Event]:
    """The interviews user is on the panel of, for their private calendar feed."""
    interviews = (
        Interview.objects.for_user(user)
        .filter(panel=user)
        .exclude(status=Interview.Status.NO_SHOW)
        .select_related("partner", "selection__district")
    )
    return [
        interview_event(
            interview,
            base_url=base_url,
            cancelled=interview.status == Interview.Status.CANCELLED,
        )
        for interview in interviews
    ]
