"""Coordination spaces (engagements/workspace/coordination.py): the district's list and
"open a space" form, the space's page for both sides, posts, choosing partners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.selectors import EDIT_ROLES
from engagements.views.dashboard import _district_or_page
from engagements.workspace import coordination as services
from engagements.workspace.coordination import space_seat_for
from engagements.workspace.forms import MemberForm, PostForm, SpaceForm
from engagements.workspace.models import CoordinationMember


@login_required
@require_GET
def spaces(request):
    """The district's coordination spaces."""
    district, page = _district_or_page(request)
    if district is None:
        return page
    return render(
        request,
        "workspace/coordination_list.html",
        {
            "district": district,
            "spaces": services.spaces_for_district(user=request.user, district=district),
            "can_edit": request.membership.role in EDIT_ROLES,
            "guidance": services.GUIDANCE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def space_new(request):
    """Open a coordination space and choose its partners (leads and PL managers)."""
    district, page = _district_or_page(request)
    if district is None:
        return page
    if request.membership.role not in EDIT_ROLES:
        raise PermissionDenied("Only district leads and PL managers open coordination spaces.")
    status = 200
    if request.method == "POST":
        form = SpaceForm(request.POST, district=district)
        if form.is_valid():
            space = services.space_open(district=district, user=request.user, **form.cleaned_data)
            messages.success(request, "Coordination space opened; the partners were told by email.")
            return redirect("workspace:coordination", pk=space.pk)
        status = 400
    else:
        form = SpaceForm(district=district)
    return render(
        request,
        "workspace/coordination_new.html",
        {"district": district, "form": form, "guidance": services.GUIDANCE},
        status=status,
    )


def _page(request, seat, *, post_form=None, member_form=None, status=200):
    context = services.space_view(seat)
    if member_form is None and seat.can_edit:
        member_form = MemberForm(space=seat.space)
        if not member_form.fields["engagement"].queryset.exists():
            member_form = None  # every open engagement of the district is in the space
    return render(
        request,
        "workspace/coordination.html",
        {
            **context,
            "seat": seat,
            "district": seat.space.district,
            "post_form": post_form or PostForm(),
            "member_form": member_form,
        },
        status=status,
    )


@login_required
@require_GET
def space(request, pk):
    return _page(request, space_seat_for(request, pk))


@login_required
@require_POST
def post(request, pk):
    seat = space_seat_for(request, pk, post=True)
    form = PostForm(request.POST)
    if not form.is_valid():
        return _page(request, seat, post_form=form, status=400)
    created = services.post_add(seat=seat, user=request.user, text=form.cleaned_data["text"])
    return redirect(f"{request.path.rsplit('post/', 1)[0]}#post-{created.pk}")


@login_required
@require_POST
def member_add(request, pk):
    seat = space_seat_for(request, pk, edit=True)
    form = MemberForm(request.POST, space=seat.space)
    if not form.is_valid():
        return _page(request, seat, member_form=form, status=400)
    engagement = form.cleaned_data["engagement"]
    services.member_add(space=seat.space, engagement=engagement, user=request.user)
    messages.success(request, f"{engagement.partner.name} is in the space now.")
    return redirect("workspace:coordination", pk=seat.space.pk)


@login_required
@require_POST
def member_remove(request, pk, member_pk):
    seat = space_seat_for(request, pk, edit=True)
    member = get_object_or_404(
        CoordinationMember.objects.select_related("engagement__partner"),
        pk=member_pk,
        space=seat.space,
    )
    services.member_remove(member=member, user=request.user)
    messages.success(request, f"{member.engagement.partner.name} no longer sees this space.")
    return redirect("workspace:coordination", pk=seat.space.pk)
