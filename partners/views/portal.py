"""The provider portal (/portal/): a partner's staff keep its profile through drafts and
claim curricula, phases and specialties with evidence. Curators may open the same draft
pages (their direct edits go through the same drafts)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners import curation
from partners.curation import CurationError
from partners.forms_portal import (
    ClaimForm,
    EngagementForm,
    EvidenceForm,
    ProfileForm,
    StaffInviteForm,
    SubmitForm,
)
from partners.importer import ScopeSequenceError
from partners.models import ProfileDraft
from partners.portal_access import (
    claim_for_user_or_404,
    draft_for_user_or_404,
    partner_staff_required,
    staff_partner,
)
from partners.profile import profile_diff, profile_snapshot
from partners.renewal import hidden_on, renewal_state
from partners.sequence_files import (
    SequenceFileError,
    engagement_from_text,
    rows_from_upload,
    template_csv,
    template_xlsx,
)
from partners.team import team_of
from plpg.access import is_curator

Status = ProfileDraft.Status


@login_required
@require_GET
def portal_home(request):
    partner = staff_partner(request.user)
    if partner is None:
        if is_curator(request.user):
            return redirect("partners:curation_queue")
        return render(request, "partners/portal/not_staff.html")
    from django.utils import timezone

    today = timezone.localdate()
    drafts = list(partner.drafts.select_related("reviewed_by", "submitted_by")[:20])
    context = {
        "partner": partner,
        "editing": next((d for d in drafts if d.status == Status.EDITING), None),
        "drafts": drafts,
        "claims": partner.claims.select_related("curriculum", "phase", "specialty"),
        "claim_form": ClaimForm(partner=partner),
        "renewal": renewal_state(partner.last_reviewed, today)
        if partner.status == partner.Status.PUBLISHED
        else None,
        "hidden_on": hidden_on(partner.last_reviewed) if partner.last_reviewed else None,
        "team": team_of(partner),
        "invite_form": StaffInviteForm(),
        "invite_url": reverse("partners:portal_team_invite"),
    }
    return render(request, "partners/portal/home.html", context)


@partner_staff_required
@require_POST
def draft_new(request):
    draft = curation.draft_start(partner=request.partner, user=request.user)
    return redirect("partners:portal_draft", pk=draft.pk)


@login_required
@require_http_methods(["GET", "POST"])
def draft_edit(request, pk):
    """The draft's profile form (while it is being edited), else its read-only summary."""
    draft = draft_for_user_or_404(request.user, pk)
    status = 200
    form = None
    if draft.status == Status.EDITING:
        if request.method == "POST":
            form = ProfileForm(request.POST, draft_data=draft.data)
            if form.is_valid():
                try:
                    curation.draft_save(
                        draft=draft,
                        data=form.draft_data(draft.data),
                        revision=form.cleaned_data.get("revision"),
                        user=request.user,
                    )
                except CurationError as exc:
                    messages.error(request, str(exc))
                    return render(
                        request,
                        "partners/portal/draft.html",
                        _draft_context(draft, form),
                        status=409,
                    )
                messages.success(request, "Draft saved. The public profile has not changed.")
                return redirect("partners:portal_draft", pk=draft.pk)
            status = 400
        else:
            form = ProfileForm(draft_data=draft.data, initial={"revision": draft.revision})
    elif request.method == "POST":
        messages.error(request, "This draft can no longer be edited; start a new draft.")
        status = 409
    return render(request, "partners/portal/draft.html", _draft_context(draft, form), status=status)


def _draft_context(draft, form):
    published = (
        profile_snapshot(partner=draft.partner) if draft.partner.status == "published" else None
    )
    before = draft.previous if draft.status == Status.APPROVED else published
    return {
        "draft": draft,
        "partner": draft.partner,
        "form": form,
        "engagements": list(enumerate(draft.data.get("sample_engagements", []))),
        "changes": profile_diff(before, draft.data),
        "submit_form": SubmitForm(),
    }


def _engagement_rows(form) -> list | None:
    """The scope-and-sequence rows the form brings (None: keep the current rows)."""
    if form.cleaned_data.get("sequence_file"):
        return rows_from_upload(form.cleaned_data["sequence_file"])
    if form.cleaned_data.get("sequence_text"):
        return engagement_from_text(form.cleaned_data["sequence_text"])["items"]
    return None


@login_required
@require_http_methods(["GET", "POST"])
def engagement_edit(request, pk, index=None):
    """Add (index None) or edit one sample engagement of a draft."""
    draft = draft_for_user_or_404(request.user, pk)
    rows = list(draft.data.get("sample_engagements", []))
    if index is not None and not 0 <= index < len(rows):
        raise Http404("No such sample engagement in this draft.")
    row = rows[index] if index is not None else {"id": None, "items": []}
    if draft.status != Status.EDITING:
        messages.error(request, "This draft can no longer be edited; start a new draft.")
        return redirect("partners:portal_draft", pk=draft.pk)
    status = 200
    if request.method == "POST":
        form = EngagementForm(request.POST, request.FILES, row=row)
        if form.is_valid():
            try:
                items = _engagement_rows(form)
            except (SequenceFileError, ScopeSequenceError) as exc:
                form.add_error(None, str(exc))
            else:
                new = dict(row)
                for key in ["title", "curriculum", "content_area", "pl_type", "cost_band",
                            "locale", "enrollment_band", "district_context", "goals", "notes"]:  # fmt: skip
                    new[key] = form.cleaned_data.get(key) or ""
                if items is not None:
                    new["items"] = items
                if index is None:
                    rows.append(new)
                else:
                    rows[index] = new
                try:
                    curation.draft_save(
                        draft=draft,
                        data={**draft.data, "sample_engagements": rows},
                        revision=None,
                        user=request.user,
                    )
                except CurationError as exc:
                    messages.error(request, str(exc))
                    return redirect("partners:portal_draft", pk=draft.pk)
                messages.success(request, f"Sample engagement “{new['title']}” saved in the draft.")
                return redirect(reverse("partners:portal_draft", args=[draft.pk]) + "#engagements")
        status = 400
    else:
        form = EngagementForm(row=row)
    return render(
        request,
        "partners/portal/engagement_form.html",
        {"draft": draft, "partner": draft.partner, "form": form, "row": row, "index": index},
        status=status,
    )


@login_required
@require_POST
def engagement_delete(request, pk, index):
    draft = draft_for_user_or_404(request.user, pk)
    rows = list(draft.data.get("sample_engagements", []))
    if not 0 <= index < len(rows):
        raise Http404("No such sample engagement in this draft.")
    removed = rows.pop(index)
    try:
        curation.draft_save(
            draft=draft, data={**draft.data, "sample_engagements": rows}, revision=None,
            user=request.user,
        )  # fmt: skip
    except CurationError as exc:
        messages.error(request, str(exc))
        return redirect("partners:portal_draft", pk=draft.pk)
    messages.success(request, f"“{removed.get('title')}” removed from the draft.")
    return redirect(reverse("partners:portal_draft", args=[draft.pk]) + "#engagements")


@login_required
@require_POST
def draft_submit(request, pk):
    draft = draft_for_user_or_404(request.user, pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The note is too long (2,000 characters at most).")
        return redirect("partners:portal_draft", pk=draft.pk)
    try:
        curation.draft_submit(draft=draft, user=request.user, note=form.cleaned_data["note"])
    except CurationError as exc:
        messages.error(request, str(exc))
        return redirect("partners:portal_draft", pk=draft.pk)
    messages.success(
        request, f"Draft {draft.number} was sent to the curators. You will see their answer here."
    )
    return redirect(
        "partners:portal_home" if not is_curator(request.user) else "partners:curation_queue"
    )


@require_GET
def sequence_template(request, ext):
    """The scope-and-sequence upload template (CSV or XLSX)."""
    if ext not in ("csv", "xlsx"):
        raise Http404("The template is a .csv or an .xlsx file.")
    if ext == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="scope-and-sequence-template.{ext}"'
    return response


@partner_staff_required
@require_POST
def claim_new(request):
    form = ClaimForm(request.POST, request.FILES, partner=request.partner)
    if form.is_valid():
        kind, term = form.cleaned_data["term"]
        try:
            curation.claim_create(
                partner=request.partner, kind=kind, term=term, user=request.user,
                note=form.cleaned_data["note"], url=form.cleaned_data["url"],
                upload=form.cleaned_data.get("file"),
            )  # fmt: skip
        except (CurationError, ValidationError) as exc:
            form.add_error(None, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, f"Your claim of {term} was recorded.")
            return redirect(reverse("partners:portal_home") + "#claims")
    return render(
        request,
        "partners/portal/claim_new.html",
        {"partner": request.partner, "form": form},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_evidence(request, pk):
    """A claim and its evidence; staff add evidence to a claim that is not confirmed."""
    claim = claim_for_user_or_404(request.user, pk)
    status = 200
    form = EvidenceForm(initial={"note": claim.evidence_note, "url": claim.evidence_url})
    if request.method == "POST":
        if staff_partner(request.user) != claim.partner:
            raise Http404("Not found.")
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                curation.claim_evidence_add(
                    claim=claim, user=request.user, note=form.cleaned_data["note"],
                    url=form.cleaned_data["url"], upload=form.cleaned_data.get("file"),
                )  # fmt: skip
            except (CurationError, ValidationError) as exc:
                form.add_error(
                    None, exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                )
            else:
                messages.success(request, "Evidence added; a curator will review the claim.")
                return redirect(reverse("partners:portal_home") + "#claims")
        status = 400
    return render(
        request,
        "partners/portal/claim.html",
        {"claim": claim, "partner": claim.partner, "form": form},
        status=status,
    )


@login_required
@require_GET
def claim_evidence_file(request, pk):
    """The claim's evidence PDF, for curators and the partner's staff only (never public)."""
    claim = claim_for_user_or_404(request.user, pk)
    if not claim.evidence_file:
        raise Http404("No file.")
    try:
        handle = claim.evidence_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=claim.evidence_filename or "evidence.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
