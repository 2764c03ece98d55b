"""An engagement: its page, starting one (by hand or from a decision), editing, the PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from engagements import selectors, services
from engagements.forms import (
    EngagementForm,
    PlanFromSampleForm,
    PlanImportForm,
)
from engagements.impact import selectors as impact
from engagements.impact.feedback_selectors import feedback_of
from engagements.models import Audience, Engagement
from engagements.views.common import EDIT_ROLES, engagement_for, today
from engagements.workspace import selectors as workspace
from interviews.models import Selection
from partners.audiences import audiences_for_phases
from plpg.access import get_for_user_or_404, require_role
from plpg.htmx import is_htmx
from plpg.pdf import pdf_response

REPORT_CHECKINS = 10
REPORT_ACTION_ITEMS = 40

CREATE_FIELDS = list(EngagementForm.Meta.fields)


@login_required
def detail(request, pk):
    """The engagement's page: north star, role, goals, plan, check-ins, actions, onboarding."""
    engagement = engagement_for(request, pk)
    context = selectors.engagement_page(
        engagement=engagement, today=today(), checkins_page=request.GET.get("checkins")
    )
    context["engagement"].can_edit = engagement.can_edit
    context.update(
        district=engagement.district,
        can_edit=engagement.can_edit,
        import_form=PlanImportForm(),
        sample_form=PlanFromSampleForm(partner=engagement.partner),
        shares=workspace.shares_of(engagement),
        materials=workspace.materials_of(engagement),
        amendments=workspace.amendments_of(engagement),
        **workspace.issues_of(engagement),
        **workspace.reported_sessions(
            [s for item in context["plan_items"] for s in item.sessions.all()]
        ),
        **impact.engagement_impact(context["engagement"], today=today()),
    )
    return render(request, "engagements/detail.html", context)


@login_required
def history(request, pk):
    """The engagement's newest changes: the panel its page loads once it scrolls into view
    (htmx), or a page of its own without JavaScript. Kept off the page's own render: the
    union over every kind of row under an engagement is a third of that page's time."""
    engagement = engagement_for(request, pk)
    context = {
        "engagement": engagement,
        "changes": selectors.engagement_history(engagement),
        "shown": selectors.HISTORY_SHOWN,
    }
    if is_htmx(request):
        return render(request, "engagements/_history.html", context)
    return render(request, "engagements/history.html", context)


def _create(request, *, district, form, selection=None):
    fields = {name: form.cleaned_data[name] for name in CREATE_FIELDS}
    m2m = {name: fields.pop(name) for name in ("content_areas", "grade_bands", "curricula")}
    engagement = services.engagement_create(
        district=district, user=request.user, selection=selection, m2m=m2m, **fields
    )
    messages.success(
        request,
        f"Engagement with {engagement.partner.name} started. Work through the kick-off "
        "checklist and add goals and a plan.",
    )
    return redirect(engagement)


@login_required
def create(request):
    """Start an engagement by hand (a partner chosen without a selection in PLPG)."""
    membership = request.membership
    if not membership:
        return render(request, "engagements/no_district.html")
    district = membership.district
    require_role(request.user, district, *EDIT_ROLES)
    if request.method == "POST":
        form = EngagementForm(request.POST)
        if form.is_valid():
            return _create(request, district=district, form=form)
        status = 400
    else:
        form = EngagementForm(
            initial={
                "status": Engagement.Status.ONBOARDING,
                "audiences": [Audience.TEACHERS],
                "contract_start": today(),
            }
        )
        status = 200
    return render(
        request,
        "engagements/engagement_form.html",
        {"form": form, "district": district, "creating": True},
        status=status,
    )


def _from_decision(selection, partner) -> dict:
    """The partner's role and audiences, from the selection's phases (nothing typed twice)."""
    phases = list(selection.phases.order_by("position"))
    audiences = audiences_for_phases(p.slug for p in phases)
    scope = [selection.content_area.name] if selection.content_area else []
    curricula = ", ".join(c.name for c in selection.curricula.all())
    if curricula:
        scope.append(f"({curricula})")
    bands = ", ".join(b.name for b in selection.grade_bands.all())
    if bands:
        scope.append(f"grades {bands}")
    role = f"{partner} leads {', '.join(p.name for p in phases) or 'professional learning'}"
    role += (f" for {' '.join(scope)}" if scope else "") + "."
    if selection.needs:
        role += f" The district's needs: {selection.needs}"
    return {"audiences": audiences, "role_statement": role}


@login_required
def start_from_selection(request, selection_id):
    """From a decided selection: GET a prefilled form, POST creates a draft (onboarding)."""
    selection = get_for_user_or_404(
        Selection.objects.select_related("district", "chosen_partner", "content_area"),
        request.user,
        pk=selection_id,
    )
    district = selection.district
    require_role(request.user, district, *EDIT_ROLES)
    partner = getattr(selection, "chosen_partner", None)
    if partner is None or getattr(selection, "decided_at", None) is None:
        messages.error(request, "This selection has no decision yet: choose a partner first.")
        return render(
            request,
            "engagements/engagement_form.html",
            {"form": None, "district": district, "selection": selection, "creating": True},
            status=409,
        )
    existing = selection.engagements.filter(partner=partner).first()
    if existing is not None and request.method != "POST":
        # "Go to the engagement": the selection page links here once one was started.
        return redirect("engagements:detail", pk=existing.pk)
    if request.method == "POST":
        if existing is not None:
            # A second submit (double click, second tab) must not start the partnership twice.
            messages.info(request, f"The engagement with {partner} has already been started.")
            return redirect("engagements:detail", pk=existing.pk)
        form = EngagementForm(request.POST)
        if form.is_valid():
            return _create(request, district=district, form=form, selection=selection)
        status = 400
    else:
        form = EngagementForm(
            initial={
                "partner": partner,
                "title": selection.title,
                "status": Engagement.Status.ONBOARDING,
                **_from_decision(selection, partner),
                "content_areas": [selection.content_area] if selection.content_area else [],
                "grade_bands": list(selection.grade_bands.all()),
                "curricula": list(selection.curricula.all()),
                "cost_band": getattr(selection, "budget_band", None),
                "contract_start": today(),
            }
        )
        status = 200
    return render(
        request,
        "engagements/engagement_form.html",
        {
            "form": form,
            "district": district,
            "selection": selection,
            "existing": existing,
            "creating": True,
        },
        status=status,
    )


@login_required
def edit(request, pk):
    """Change an engagement's terms; a stale version is refused, changes go to history."""
    engagement = engagement_for(request, pk, edit=True)
    if request.method == "POST":
        form = EngagementForm(request.POST, instance=Engagement.objects.get(pk=engagement.pk))
        if form.is_valid():
            try:
                labels = services.engagement_update(
                    engagement=engagement,
                    user=request.user,
                    version=form.cleaned_data["version"],
                    cleaned_data=form.cleaned_data,
                    fields=CREATE_FIELDS,
                )
            except services.StaleVersion as exc:
                form.add_error(None, exc.message)
                return render(
                    request,
                    "engagements/engagement_form.html",
                    {"form": form, "engagement": engagement, "district": engagement.district},
                    status=409,
                )
            messages.success(
                request, f"Saved: {', '.join(labels)}." if labels else "Nothing had changed."
            )
            return redirect(engagement)
        status = 400
    else:
        form = EngagementForm(instance=engagement)
        status = 200
    return render(
        request,
        "engagements/engagement_form.html",
        {"form": form, "engagement": engagement, "district": engagement.district},
        status=status,
    )


@login_required
def report_pdf(request, pk):
    """The step-back report: vision first, then goals, plan, check-ins and open actions."""
    engagement = engagement_for(request, pk)
    context = selectors.engagement_page(engagement=engagement, today=today())
    context["district"] = engagement.district
    # Bounded work: the report is a quarterly read, not an archive (the page has everything).
    context["report_checkins"] = REPORT_CHECKINS
    context["report_action_items"] = REPORT_ACTION_ITEMS
    context.update(impact.engagement_impact(context["engagement"], today=today()))
    context["feedback"] = feedback_of(engagement)
    slug = engagement.partner.slug
    return pdf_response(
        "pdf/engagements/report.html",
        context,
        filename=f"engagement-{engagement.pk}-{slug}-{today():%Y-%m-%d}.pdf",
        request=request,
    )
