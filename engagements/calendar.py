"""The .ics calendar feed of a user: check-ins and step-backs due, plan rows, actions, the
all-partner coherence meeting, and the interviews they are on the panel of."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from engagements.cadence import coherence_meeting_due
from engagements.models import ActionItem, Engagement, PlanSession
from engagements.selectors import READ_ROLES, engagements_with_cadence, last_coherence_meeting
from interviews.ics import feed_events
from plpg.holidays import district_holidays

DOMAIN = "plpg.engagements"


def _event(uid: str, day: dt.date, summary: str, description: str, url: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{DOMAIN}")
    event.add("dtstamp", dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def calendar_build(*, user, today: dt.date, base_url: str = "") -> bytes:
    """The user's feed: open engagements of every district where they lead, manage or view."""
    cal = Calendar()
    cal.add("prodid", "-//PLPG//Engagements//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "PLPG engagements")
    engagements = engagements_with_cadence(
        Engagement.objects.for_user(user, roles=READ_ROLES).open(), today=today
    )
    base = base_url or settings.SITE_URL
    by_pk = {e.pk: e for e in engagements}
    for e in engagements:
        url = base + e.get_absolute_url()
        who = f"{e.partner.name} ({e.district.name})"
        if e.next_checkin_due:
            late = " — OVERDUE" if e.checkin_overdue else ""
            cal.add_component(
                _event(
                    f"engagement-{e.pk}-checkin",
                    e.next_checkin_due,
                    f"Check-in due: {who}{late}",
                    f"{e.get_checkin_cadence_display()} check-in of {e.title}.",
                    url,
                )
            )
        if e.next_step_back_due:
            cal.add_component(
                _event(
                    f"engagement-{e.pk}-step-back",
                    e.next_step_back_due,
                    f"Step-back meeting due: {who}",
                    "A longer look at where the partner is against its goals.",
                    url,
                )
            )
        if e.contract_end:
            cal.add_component(
                _event(
                    f"engagement-{e.pk}-contract-end",
                    e.contract_end,
                    f"Contract ends: {who}",
                    "",
                    url,
                )
            )
    for session in PlanSession.objects.filter(
        plan_item__engagement_id__in=by_pk, status=PlanSession.Status.PLANNED
    ).select_related("plan_item"):
        item = session.plan_item
        e = by_pk[item.engagement_id]
        cal.add_component(
            _event(
                f"plan-session-{session.pk}",
                session.date,
                f"{item.name} — {e.partner.name}",
                f"{item.participants}. {item.description}".strip(),
                base + e.get_absolute_url() + f"#plan-item-{item.pk}",
            )
        )
    for item in ActionItem.objects.filter(engagement_id__in=by_pk, done=False):
        e = by_pk[item.engagement_id]
        cal.add_component(
            _event(
                f"action-item-{item.pk}",
                item.due_date,
                f"Action due: {item.description} ({item.owner})",
                f"From the engagement with {e.partner.name}.",
                base + e.get_absolute_url() + "#actions",
            )
        )
    # The all-partner coherence meeting of each district with more than one open partner.
    for district_id, district in {e.district_id: e.district for e in engagements}.items():
        if sum(1 for e in engagements if e.district_id == district_id) < 2:
            continue
        due = coherence_meeting_due(
            last_coherence_meeting(district=district),
            today,
            district_holidays([district_id]).get(district_id, frozenset()),
        )
        cal.add_component(
            _event(
                f"coherence-{district_id}",
                due,
                f"All-partner coherence meeting due ({district.name})",
                "Every partner, one table: check the work still fits the district's north star.",
                base + reverse("engagements:coherence"),
            )
        )
    # The interviews the user is on the panel of (their invitations' UIDs, so no duplicates).
    for event in feed_events(user, base_url=base):
        cal.add_component(event)
    return cal.to_ical()
