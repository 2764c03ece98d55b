"""The curator workspace (/curation/): the queue, the diff of a draft against the published
profile, approve / return, gateways, claims, renewals and version history. Curators see the
directory only, never district data."""

from django.contrib import messages
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners import curation
from partners.curation import CurationError, application_blockers
from partners.forms_portal import (
    ClaimDecisionForm,
    GatewayForm,
    NewPartnerForm,
    ReturnForm,
    StaffInviteForm,
)
from partners.gateways import GATEWAY_OF_CLAIM
from partners.models import Claim, GatewayReview, Partner, ProfileDraft
from partners.portal_access import curator_required
from partners.profile import profile_diff, profile_snapshot
from partners.renewal import due_before, hidden_before, renewal_state
from partners.team import team_of
from plpg.params import paged

Status = ProfileDraft.Status


def _renewals_due(today):
    """Published profiles last reviewed 12 or more months ago (or never), oldest first."""
    return (
        Partner.objects.filter(status=Partner.Status.PUBLISHED)
        .filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lte=due_before(today)))
        .order_by(F("last_reviewed").asc(nulls_first=True), "name", "pk")
    )


@curator_required
@require_GET
def queue(request):
    today = timezone.localdate()
    submitted = paged(
        request,
        ProfileDraft.objects.filter(status=Status.SUBMITTED)
        .select_related("partner", "submitted_by")
        .order_by("submitted_at", "pk"),
        "drafts",
    )
    claims = paged(
        request,
        Claim.objects.filter(status=Claim.Status.SUBMITTED)
        .select_related("partner", "curriculum", "phase", "specialty")
        .order_by("updated_at", "pk"),
        "claims",
    )
    renewals = paged(request, _renewals_due(today), "renewals")
    for partner in renewals:
        partner.renewal = renewal_state(partner.last_reviewed, today)
    return render(
        request,
        "partners/curation/queue.html",
        {
            "submitted": submitted,
            "claims": claims,
            "renewals": renewals,
            "awaiting_evidence": Claim.objects.filter(
                status=Claim.Status.AWAITING_EVIDENCE
            ).count(),
        },
    )


@curator_required
@require_GET
def draft_review(request, pk):
    draft = get_object_or_404(
        ProfileDraft.objects.select_related("partner", "submitted_by", "reviewed_by"), pk=pk
    )
    partner = draft.partner
    if draft.status == Status.APPROVED:
        before = draft.previous
    else:
        before = profile_snapshot(partner=partner) if partner.status == "published" else None
    is_application = partner.status != Partner.Status.PUBLISHED
    return render(
        request,
        "partners/curation/draft_review.html",
        {
            "draft": draft,
            "partner": partner,
            "changes": profile_diff(before, draft.data),
            "is_application": is_application,
            "blockers": application_blockers(partner),
            "claims": partner.claims.select_related("curriculum", "phase", "specialty"),
            "gateway": GatewayReview.objects.filter(partner=partner).first(),
            "return_form": ReturnForm(),
        },
    )


@curator_required
@require_POST
def draft_approve(request, pk):
    draft = get_object_or_404(ProfileDraft, pk=pk)
    try:
        curation.draft_approve(draft=draft, reviewer=request.user)
    except CurationError as exc:
        messages.error(request, str(exc))
        return redirect("partners:curation_draft", pk=pk)
    messages.success(request, f"Draft {draft.number} of {draft.partner} is published.")
    return redirect("partners:curation_queue")


@curator_required
@require_POST
def draft_return(request, pk):
    draft = get_object_or_404(ProfileDraft, pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write comments for the provider (up to 5,000 characters).")
        return redirect("partners:curation_draft", pk=pk)
    try:
        curation.draft_return(
            draft=draft, reviewer=request.user, comment=form.cleaned_data["comment"]
        )
    except CurationError as exc:
        messages.error(request, str(exc))
        return redirect("partners:curation_draft", pk=pk)
    messages.success(request, f"Draft {draft.number} returned to {draft.partner} with comments.")
    return redirect("partners:curation_queue")


@curator_required
@require_POST
def draft_publish(request, pk):
    """A curator publishes the draft they edited themselves (submit + approve)."""
    draft = get_object_or_404(ProfileDraft, pk=pk)
    try:
        curation.draft_publish_direct(draft=draft, curator=request.user)
    except CurationError as exc:
        messages.error(request, str(exc))
        return redirect("partners:portal_draft", pk=pk)
    messages.success(request, f"{draft.partner}: your edit is published.")
    return redirect("partners:curation_partner", pk=draft.partner_id)


@curator_required
@require_GET
def partner_list(request):
    query = request.GET.get("q", "").strip()[:100]
    partners = Partner.objects.annotate(
        waiting=Count("drafts", filter=Q(drafts__status=Status.SUBMITTED))
    ).order_by("name", "pk")
    if query:
        partners = partners.filter(name__icontains=query)
    return render(
        request,
        "partners/curation/partner_list.html",
        {"partners": paged(request, partners, "page"), "query": query},
    )


@curator_required
@require_http_methods(["GET", "POST"])
def partner_new(request):
    form = NewPartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = curation.partner_create(
            name=form.cleaned_data["name"], slug=form.cleaned_data["slug"], curator=request.user
        )
        messages.success(request, f"{partner} created. Invite its staff to fill in the profile.")
        return redirect("partners:curation_partner", pk=partner.pk)
    return render(
        request,
        "partners/curation/partner_new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@curator_required
@require_GET
def partner_detail(request, pk):
    partner = get_object_or_404(Partner, pk=pk)
    today = timezone.localdate()
    gateway = GatewayReview.objects.filter(partner=partner).first()
    return render(
        request,
        "partners/curation/partner.html",
        {
            "partner": partner,
            "versions": partner.drafts.filter(status=Status.APPROVED).select_related(
                "reviewed_by", "submitted_by"
            ),
            "open_drafts": partner.drafts.exclude(status__in=[Status.APPROVED, Status.WITHDRAWN]),
            "claims": partner.claims.select_related("curriculum", "phase", "specialty"),
            "gateway": gateway,
            "gateway_form": GatewayForm(
                initial={"checklist": gateway.checklist, "notes": gateway.notes}
                if gateway
                else None
            ),
            "team": team_of(partner),
            "invite_form": StaffInviteForm(),
            "invite_url": reverse("partners:curation_invite", args=[partner.pk]),
            "renewal": renewal_state(partner.last_reviewed, today)
            if partner.status == Partner.Status.PUBLISHED
            else None,
            "hidden": partner.last_reviewed is not None
            and partner.last_reviewed <= hidden_before(today),
        },
    )


@curator_required
@require_POST
def partner_edit(request, pk):
    """Edit a profile directly: the curator's own draft, published through the same path."""
    partner = get_object_or_404(Partner, pk=pk)
    draft = curation.draft_start(partner=partner, user=request.user)
    return redirect("partners:portal_draft", pk=draft.pk)


@curator_required
@require_POST
def partner_renew(request, pk):
    partner = get_object_or_404(Partner, pk=pk)
    try:
        curation.partner_renew(partner=partner, curator=request.user)
    except CurationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{partner} is renewed: reviewed today.")
    return redirect("partners:curation_partner", pk=pk)


@curator_required
@require_POST
def partner_gateway(request, pk):
    partner = get_object_or_404(Partner, pk=pk)
    form = GatewayForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Tick the checklist points from the list; notes up to 5,000 characters."
        )
        return redirect("partners:curation_partner", pk=pk)
    review = curation.gateway_review_save(
        partner=partner, curator=request.user, checklist=form.cleaned_data["checklist"],
        notes=form.cleaned_data["notes"],
    )  # fmt: skip
    messages.success(
        request,
        f"Gateway 3 {'passed' if review.passed else 'recorded as not passed yet'} for {partner}.",
    )
    return redirect(reverse("partners:curation_partner", args=[pk]) + "#gateways")


@curator_required
@require_http_methods(["GET", "POST"])
def claim_review(request, pk):
    claim = get_object_or_404(
        Claim.objects.select_related("partner", "curriculum", "phase", "specialty"), pk=pk
    )
    status = 200
    form = ClaimDecisionForm(request.POST or None, claim=claim)
    if request.method == "POST":
        if form.is_valid():
            try:
                curation.claim_decide(
                    claim=claim, curator=request.user,
                    confirm=form.cleaned_data["decision"] == "confirm",
                    checklist=form.cleaned_data.get("checklist", []),
                    notes=form.cleaned_data["notes"],
                )  # fmt: skip
            except CurationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"{claim.partner}: {claim.term} is {claim.get_status_display().lower()}.",
                )
                return redirect("partners:curation_queue")
        status = 400
    return render(
        request,
        "partners/curation/claim.html",
        {
            "claim": claim,
            "partner": claim.partner,
            "form": form,
            "gateway": GATEWAY_OF_CLAIM.get(claim.kind),
        },  # fmt: skip
        status=status,
    )
