"""The PL manager's dashboard, the district's north star and coherence across partners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from engagements import selectors, services
from engagements.cadence import coherence_meeting_due
from engagements.forms import NorthStarForm
from engagements.impact import selectors as impact
from engagements.models import CheckIn, Engagement
from engagements.views.common import EDIT_ROLES, READ_ROLES, today
from engagements.workspace import selectors as workspace
from plpg.access import require_role
from plpg.holidays import district_holidays
from plpg.params import paged, query_with

# More than this many priorities gets the seed's warning about chasing too many.
PRIORITY_LIMIT = 2
# The most urgent alerts shown at first; "Show all" lists every one (?alerts=all).
ALERTS_SHOWN = 20


def _district_or_page(request):
    """(district, role) of the active membership, or (None, response) explaining why not."""
    membership = request.membership
    if not membership:
        return None, render(request, "engagements/no_district.html", status=200)
    if membership.role not in READ_ROLES:
        return None, render(
            request, "engagements/not_for_role.html", {"membership": membership}, status=403
        )
    return membership.district, None


@login_required
def dashboard(request):
    """Overdue check-ins and action items, step-backs due, contracts ending; every engagement."""
    district, page = _district_or_page(request)
    if district is None:
        return page
    context = selectors.dashboard_for(user=request.user, district=district, today=today())
    status = request.GET.get("status", "open")
    if status not in {"open", "all", *Engagement.Status.values}:
        status = "open"
    shown = context["engagements"]
    if status == "open":
        shown = [e for e in shown if e.status != Engagement.Status.CLOSED]
    elif status != "all":
        shown = [e for e in shown if e.status == status]
    can_edit = request.membership.role in EDIT_ROLES
    all_alerts = request.GET.get("alerts") == "all"
    context.update(
        district=district,
        ready=selectors.selections_ready(user=request.user, district=district) if can_edit else [],
        alerts_shown=context["alerts"] if all_alerts else context["alerts"][:ALERTS_SHOWN],
        all_alerts_url=query_with(request, alerts="all") + "#alerts",
        shown=paged(request, shown),
        status=status,
        statuses=Engagement.Status.choices,
        can_edit=can_edit,
        today=today(),
        reviews=workspace.reviews_awaiting(user=request.user, district=district, today=today()),
        issues=workspace.open_issues_for(user=request.user, district=district),
        spend_totals=impact.spend_totals(district=district),
    )
    return render(request, "engagements/dashboard.html", context)


@login_required
def north_star(request):
    """The district's instructional vision, priorities and strategy (lead and manager edit)."""
    district, page = _district_or_page(request)
    if district is None:
        return page
    can_edit = request.membership.role in EDIT_ROLES
    editing = request.method == "POST" or request.GET.get("edit") == "1"
    if editing:
        require_role(request.user, district, *EDIT_ROLES)
    if request.method == "POST":
        saved = {name: getattr(district, name) for name in NorthStarForm.base_fields}
        form = NorthStarForm(request.POST, initial=saved)
        if form.is_valid():
            changed = services.north_star_update(
                district=district,
                user=request.user,
                vision=form.cleaned_data["instructional_vision"],
                priorities=form.cleaned_data["priorities"],
                strategy=form.cleaned_data["strategy"],
            )
            if changed:
                messages.success(request, f"The north star is saved ({', '.join(changed)}).")
            else:
                messages.info(request, "Nothing changed.")
            return redirect("engagements:north_star")
        status = 400
    else:
        form = NorthStarForm(
            initial={
                "instructional_vision": district.instructional_vision,
                "priorities": district.priorities,
                "strategy": district.strategy,
            }
        )
        status = 200
    return render(
        request,
        "engagements/north_star.html",
        {
            "district": district,
            "form": form,
            "editing": editing,
            "can_edit": can_edit,
            "priority_limit": PRIORITY_LIMIT,
            "history": selectors.north_star_history(district),
        },
        status=status,
    )


@login_required
def coherence(request):
    """Overlapping engagements, the all-partner coherence meeting, all roles side by side."""
    district, page = _district_or_page(request)
    if district is None:
        return page
    day = today()
    queryset = Engagement.objects.for_user(request.user).for_district(district).open()
    holidays = district_holidays([district.pk])  # once, for the cadence and the coherence
    engagements = selectors.engagements_with_cadence(queryset, today=day, holidays=holidays)
    overlaps = selectors.overlaps_for(district=district, engagements=engagements)
    meetings = list(
        CheckIn.objects.for_user(request.user)
        .for_district(district)
        .filter(kind__in=[CheckIn.Kind.COHERENCE, CheckIn.Kind.JOINT])
        .prefetch_related("engagements__partner")[:20]
    )
    last = selectors.last_coherence_meeting(district=district)
    return render(
        request,
        "engagements/coherence.html",
        {
            "district": district,
            "engagements": engagements,
            "overlaps": overlaps,
            "meetings": meetings,
            "last_coherence": last,
            "coherence_due": coherence_meeting_due(
                last, day, holidays.get(district.pk, frozenset())
            ),
            "today": day,
            "can_edit": request.membership.role in EDIT_ROLES,
        },
    )
