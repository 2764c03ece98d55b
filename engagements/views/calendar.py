"""The private calendar feed: a secret URL per user, revocable, no sign-in needed to read it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from engagements import services
from engagements.calendar import calendar_build
from engagements.models import CalendarFeed
from engagements.views.common import today


@login_required
def feed_settings(request):
    """Show the user's feed URL (created on first visit)."""
    feed = services.calendar_feed_for(user=request.user)
    url = request.build_absolute_uri(reverse("engagements:calendar_feed", args=[feed.token]))
    return render(
        request,
        "engagements/calendar.html",
        {
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[1],
            "feed": feed,
            "district": getattr(request.membership, "district", None),
        },
    )


@login_required
@require_POST
def feed_revoke(request):
    """Replace the secret token; calendars subscribed to the old URL stop updating."""
    services.calendar_feed_revoke(user=request.user)
    messages.success(request, "The old calendar link no longer works. Subscribe with the new one.")
    return redirect("engagements:calendar")


@never_cache
@require_GET
def feed(request, token):
    """The .ics feed of the token's owner; an unknown token is a 404."""
    found = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404("No such calendar.")
    base = request.build_absolute_uri("/").rstrip("/")
    body = calendar_build(user=found.user, today=today(), base_url=base)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="plpg-engagements.ics"'
    return response
