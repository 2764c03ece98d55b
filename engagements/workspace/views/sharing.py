"""The workspace page both sides see, the partner's list of shared engagements, and the
district's sharing page (who of the partner's staff may work in the engagement)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from engagements.views.common import today
from engagements.workspace import selectors, services
from engagements.workspace.access import DISTRICT, seat_for, shared_engagements
from engagements.workspace.coordination import spaces_for_partner
from engagements.workspace.forms import ShareForm
from engagements.workspace.models import EngagementShare


@login_required
@require_GET
def shared_list(request):
    """The engagements districts shared with the signed-in partner staff member."""
    engagements = list(
        shared_engagements(request.user)
        .select_related("partner", "district")
        .order_by("district__name", "title")
    )
    return render(
        request,
        "workspace/list.html",
        {"engagements": engagements, "spaces": spaces_for_partner(request.user)},
    )


@login_required
@require_GET
def page(request, pk):
    """The shared workspace; the district sees the same page as a preview."""
    seat = seat_for(request, pk)
    context = selectors.partner_view(engagement=seat.engagement, today=today())
    context["seat"] = seat
    return render(request, "workspace/page.html", context)


@login_required
@require_GET
def sharing(request, pk):
    """The district's sharing page: the partner's staff, shared or not."""
    seat = seat_for(request, pk, sides=(DISTRICT,))
    return _sharing_page(request, seat)


def _sharing_page(request, seat, *, status=200, error=None):
    engagement = seat.engagement
    shares = {s.user_id: s for s in selectors.shares_of(engagement)}
    staff = [
        {"user": member.user, "share": shares.get(member.user_id)}
        for member in services.partner_staff_of(engagement)
    ]
    return render(
        request,
        "workspace/sharing.html",
        {
            "engagement": engagement,
            "district": engagement.district,
            "seat": seat,
            "staff": staff,
            # Shares of people who left the partner since: listed so they can be removed.
            "former": [s for uid, s in shares.items() if uid not in {m["user"].pk for m in staff}],
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def share_add(request, pk):
    seat = seat_for(request, pk, sides=(DISTRICT,), edit=True)
    engagement = seat.engagement
    form = ShareForm(request.POST, engagement=engagement)
    if not form.is_valid():
        return _sharing_page(
            request, seat, status=400, error=f"Choose someone on {engagement.partner.name}'s staff."
        )
    staff_user = form.cleaned_data["user"]
    try:
        services.share_add(engagement=engagement, staff_user=staff_user, user=request.user)
    except ValidationError as exc:
        return _sharing_page(request, seat, status=400, error=exc.messages[0])
    messages.success(request, f"Shared with {staff_user.email}; they were told by email.")
    return redirect("workspace:sharing", pk=engagement.pk)


@login_required
@require_POST
def share_revoke(request, pk, share_pk):
    seat = seat_for(request, pk, sides=(DISTRICT,), edit=True)
    share = get_object_or_404(
        EngagementShare.objects.select_related("user", "engagement"),
        pk=share_pk,
        engagement=seat.engagement,
    )
    services.share_revoke(share=share, user=request.user)
    messages.success(request, f"{share.user.email} no longer sees this engagement.")
    return redirect("workspace:sharing", pk=seat.engagement.pk)
