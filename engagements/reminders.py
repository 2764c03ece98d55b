"""Reminder emails: each district's PL managers and leads get the dashboard's alerts."""

import datetime as dt

from django.urls import reverse

from engagements.models import Engagement
from engagements.selectors import EDIT_ROLES, dashboard_for
from plpg.email import absolute_url, send_email
from plpg.models import District, Membership


def reminders_send(*, today: dt.date, dry_run=False, district=None) -> list[tuple[str, int]]:
    """Email every manager and lead of districts with alerts; returns (email, alert count)."""
    districts = District.objects.filter(
        pk__in=Engagement.objects.open().values("district_id")
    ).order_by("name")
    if district is not None:
        districts = districts.filter(pk=district.pk)
    sent = []
    for each in districts:
        recipients = list(
            Membership.objects.filter(district=each, role__in=EDIT_ROLES, user__is_active=True)
            .select_related("user")
            .order_by("user__email")
        )
        if not recipients:
            continue
        # Alerts are the district's, the same for every manager and lead; compute them once.
        data = dashboard_for(user=recipients[0].user, district=each, today=today)
        alerts = data["alerts"]
        if not alerts:
            continue
        context = {
            "district": each,
            "alerts": alerts,
            "today": today,
            "dashboard_url": absolute_url(reverse("engagements:dashboard")),
        }
        addresses = [membership.user.email for membership in recipients]
        if not dry_run:
            send_email(to=addresses, template="engagements/email/reminders", context=context)
        sent.extend((address, len(alerts)) for address in addresses)
    return sent
