"""The partner ticks its own action items done (or open again): items marked "the
partner's to do" on an engagement shared with them. The district's page shows who closed
each item; the history keeps every tick."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from engagements import services
from engagements.models import ActionItem
from engagements.workspace.access import PARTNER, seat_for
from engagements.workspace.forms import ActionDoneForm


@login_required
@require_POST
def action_done(request, pk, action_pk):
    seat = seat_for(request, pk, sides=(PARTNER,))
    item = get_object_or_404(
        ActionItem.objects.filter(engagement=seat.engagement, for_partner=True), pk=action_pk
    )
    form = ActionDoneForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Missing version or state; reload the page.", status=400)
    try:
        services.action_item_set_done(
            item=item,
            user=request.user,
            done=form.cleaned_data["done"],
            version=form.cleaned_data["version"],
        )
    except services.StaleVersion as exc:
        return render(
            request,
            "workspace/stale.html",
            {
                "seat": seat,
                "engagement": seat.engagement,
                "message": exc.message,
                "back": _back(request, seat),
            },
            status=409,
        )
    messages.success(request, f"“{item.description}”: {'done' if item.done else 'open again'}.")
    return redirect(_back(request, seat))


def _back(request, seat) -> str:
    """The page the tick came from (the workspace or a coordination space), if it is ours."""
    back = request.POST.get("next", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, {request.get_host()}):
        return back
    return reverse("workspace:page", args=[seat.engagement.pk]) + "#actions"
