"""Reminder emails: each district's PL managers and leads get the dashboard's alerts."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from engagements.models import Engagement
from engagements.selectors import EDIT_ROLES, dashboard_for
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
            "dashboard_url": settings.SITE_URL + reverse("engagements:dashboard"),
        }
        body = render_to_string("engagements/email/reminders.txt", context)
        subject = f"[PLPG] {len(alerts)} engagement reminder{'s' if len(alerts) != 1 else ''} for {each.name}"
        for membership in recipients:
            if not dry_run:
                send_mail(subject, body, None, [membership.user.email])
            sent.append((membership.user.email, len(alerts)))
    return sent
