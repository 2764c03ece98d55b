"""The .ics calendar of a user's engagements: check-ins and step-backs due, plan rows, actions."""

import datetime as dt

from django.conf import settings
from icalendar import Calendar, Event

from engagements.models import ActionItem, Engagement, PlanItem
from engagements.selectors import READ_ROLES, engagements_with_cadence

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
    for item in PlanItem.objects.filter(
        engagement_id__in=by_pk, status=PlanItem.Status.PLANNED, planned_date__isnull=False
    ):
        e = by_pk[item.engagement_id]
        cal.add_component(
            _event(
                f"plan-item-{item.pk}",
                item.planned_date,
                f"{item.name} — {e.partner.name}",
                f"{item.participants}. {item.description}".strip(),
                base + e.get_absolute_url() + "#plan",
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
    return cal.to_ical()
