"""The district's RFP: draft its sections, publish, invite, answer questions, extend the
deadline, read proposals and set the panel that scores each (docs/rfp.md)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from interviews import rfp_docx, services
from interviews.forms_rfp import (
    AnswerForm,
    ExtendForm,
    InviteForm,
    ReviewForm,
    RFPForm,
    SectionForm,
)
from interviews.models import RFP, Interview, Proposal, RFPQuestion, RFPSection
from interviews.services import rfps
from interviews.views.common import get_selection, refuse
from plpg.access import Role
from plpg.htmx import is_htmx
from plpg.pdf import pdf_response


def _rfp_or_404(selection) -> RFP:
    return get_object_or_404(RFP.objects.select_related("selection__district"), selection=selection)


def rfp_url(selection, anchor="") -> str:
    return reverse("interviews:rfp", args=[selection.pk]) + anchor


def _page(request, selection, role, rfp, *, status=200, **extra):
    can_lead = role == Role.LEAD
    context = {"selection": selection, "role": role, "can_lead": can_lead, "rfp": rfp}
    if rfp is None:
        context["form"] = extra.pop("form", None) or RFPForm(
            initial={"title": f"Request for proposals: {selection.title}"}
        )
    else:
        proposals = list(
            Proposal.objects.filter(rfp=rfp)
            .submitted()
            .select_related("partner")
            .prefetch_related("attachments")
        )
        reviews = {
            i.proposal_id: i
            for i in Interview.objects.filter(proposal__in=proposals).prefetch_related(
                "scorecards__panelist"
            )
        }
        for proposal in proposals:
            proposal.review_interview = reviews.get(proposal.pk)
        context.update(
            sections=list(rfp.sections.all()),
            invitations=list(rfp.invitations.select_related("partner")),
            questions=list(rfp.questions.select_related("partner")),
            proposals=proposals,
            drafts=Proposal.objects.filter(rfp=rfp, submitted_at__isnull=True).count(),
            settings_form=extra.pop("form", None)
            or RFPForm(instance=rfp, initial={"version": rfp.version}),
            invite_form=InviteForm(selection=selection),
            extend_form=ExtendForm(auto_id="extend_%s"),
            review_form=ReviewForm(district=selection.district),
            refusal=rfps.submission_refusal(rfp),
        )
    context.update(extra)
    return render(request, "interviews/rfp.html", context, status=status)


@login_required
def rfp(request, pk):
    """The RFP of a selection; a lead without one sees the form that creates it."""
    selection, role = get_selection(request, pk)
    return _page(request, selection, role, RFP.objects.filter(selection=selection).first())


@login_required
@require_POST
def rfp_create(request, pk):
    selection, role = get_selection(request, pk, Role.LEAD)
    form = RFPForm(request.POST)
    if not form.is_valid():
        return _page(request, selection, role, None, form=form, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        services.rfp_create(selection=selection, user=request.user, **data)
    except services.Locked as error:
        return refuse(request, str(error), rfp_url(selection))
    messages.success(request, "RFP drafted from the selection. Edit each section as you need.")
    return redirect(rfp_url(selection))


@login_required
@require_POST
def rfp_settings(request, pk):
    selection, role = get_selection(request, pk, Role.LEAD)
    rfp = _rfp_or_404(selection)
    form = RFPForm(request.POST, instance=RFP.objects.get(pk=rfp.pk))
    if not form.is_valid() or form.cleaned_data.get("version") is None:
        return _page(request, selection, role, rfp, form=form, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        services.rfp_update(
            rfp=rfp, version=form.cleaned_data["version"], user=request.user, **data
        )
    except services.StaleVersion:
        messages.error(
            request,
            "Not saved: someone else changed the RFP since you opened it. Review their "
            "version below and save again.",
        )
        return _page(request, selection, role, RFP.objects.get(pk=rfp.pk), status=409)
    messages.success(request, "Timeline saved. Generate the timeline section again to use it.")
    return redirect(rfp_url(selection, "#settings"))


def _section_response(request, selection, section, *, status=200, message="", state=""):
    context = {
        "selection": selection,
        "section": section,
        "can_lead": True,
        "message": message,
        "state": state,
    }
    if is_htmx(request):
        return render(request, "interviews/_rfp_section.html", context, status=status)
    if state == "conflict" or status >= 400:
        messages.error(request, message)
    elif message:
        messages.success(request, message)
    return redirect(rfp_url(selection, f"#section-{section.key}"))


@login_required
@require_POST
def rfp_section(request, pk, section_id):
    """Save a section's text (a stale version is refused with 409 and the current text)."""
    selection, _ = get_selection(request, pk, Role.LEAD)
    rfp = _rfp_or_404(selection)
    section = get_object_or_404(RFPSection.objects.filter(rfp=rfp), pk=section_id)
    form = SectionForm(request.POST)
    if not form.is_valid():
        return _section_response(
            request,
            selection,
            section,
            status=400,
            state="failed",
            message="Not saved: " + " ".join(e for errors in form.errors.values() for e in errors),
        )
    try:
        section = services.rfp_section_save(
            section_id=section.pk,
            text=form.cleaned_data["text"],
            version=form.cleaned_data["version"],
            user=request.user,
        )
    except services.StaleVersion as conflict:
        return _section_response(
            request,
            selection,
            conflict.current,
            status=409,
            state="conflict",
            message="Not saved: someone else changed this section since you opened it. Their "
            "version is shown; make your change again.",
        )
    return _section_response(request, selection, section, state="saved", message="Saved.")


@login_required
@require_POST
def rfp_section_regenerate(request, pk, section_id):
    selection, _ = get_selection(request, pk, Role.LEAD)
    rfp = _rfp_or_404(selection)
    section = get_object_or_404(RFPSection.objects.filter(rfp=rfp), pk=section_id)
    form = SectionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    if version is None:
        return _section_response(
            request, selection, section, status=400, state="failed", message="Reload the page."
        )
    try:
        section = services.rfp_section_regenerate(
            section=section, version=version, user=request.user
        )
    except services.StaleVersion as conflict:
        return _section_response(
            request,
            selection,
            conflict.current,
            status=409,
            state="conflict",
            message="Not generated: someone else changed this section since you opened it.",
        )
    return _section_response(
        request, selection, section, state="saved", message="Generated again from the selection."
    )


@login_required
@require_POST
def rfp_invite(request, pk):
    selection, _ = get_selection(request, pk, Role.LEAD)
    rfp = _rfp_or_404(selection)
    form = InviteForm(request.POST, selection=selection)
    if not form.is_valid() or not form.chosen():
        return refuse(request, "Choose at least one partner to invite.", rfp_url(selection))
    added = services.rfp_invite(rfp=rfp, partners=form.chosen(), user=request.user)
    messages.success(
        request,
        f"{len(added)} partner(s) invited."
        + (
            " Their staff were emailed." if rfp.is_published else " They are told when you publish."
        ),
    )
    return redirect(rfp_url(selection, "#invitations"))


@login_required
@require_POST
def rfp_publish(request, pk):
    selection, _ = get_selection(request, pk, Role.LEAD)
    rfp = _rfp_or_404(selection)
    to_all = request.POST.get("to") == "all"
    try:
        services.rfp_publish(rfp=rfp, user=request.user, to_all=to_all)
    except (services.Locked, ValidationError) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        return refuse(request, message, rfp_url(selection, "#invitations"))
    messages.success(
        request, f"Published to {rfp.invitations.count()} partner(s); their staff were emailed."
    )
    return redirect(rfp_url(selection))


@login_required
@require_POST
def rfp_extend(request, pk):
    selection, _ = get_selection(request, pk, Role.LEAD)
    rfp = _rfp_or_404(selection)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        return refuse(request, "Give the new deadline as a date and time.", rfp_url(selection))
    try:
        services.rfp_extend(
            rfp=rfp, proposals_due=form.cleaned_data["proposals_due"], user=request.user
        )
    except (services.Locked, ValidationError) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        return refuse(request, message, rfp_url(selection, "#deadline"))
    messages.success(request, "Deadline extended for every invited partner; they were emailed.")
    return redirect(rfp_url(selection, "#deadline"))


@login_required
@require_POST
def rfp_answer(request, pk, question_id):
    selection, _ = get_selection(request, pk, Role.LEAD)
    rfp = _rfp_or_404(selection)
    question = get_object_or_404(RFPQuestion.objects.filter(rfp=rfp), pk=question_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return refuse(request, "Write the answer (up to 10,000 characters).", rfp_url(selection))
    services.question_answer(
        question=question, answer=form.cleaned_data["answer"], user=request.user
    )
    messages.success(request, "Answer published to every invited partner.")
    return redirect(rfp_url(selection, "#questions"))


def _proposal_or_404(selection, proposal_id) -> Proposal:
    rfp = _rfp_or_404(selection)
    return get_object_or_404(
        Proposal.objects.filter(rfp=rfp).submitted().select_related("partner", "rfp"),
        pk=proposal_id,
    )


@login_required
@require_GET
def rfp_proposal(request, pk, proposal_id):
    """A submitted proposal, as the district's panel reads it before scoring."""
    selection, role = get_selection(request, pk)
    proposal = _proposal_or_404(selection, proposal_id)
    return render(
        request,
        "interviews/rfp_proposal.html",
        {
            "selection": selection,
            "rfp": proposal.rfp,
            "proposal": proposal,
            "review": Interview.objects.filter(proposal=proposal).first(),
            "attachments": proposal.attachments.all(),
            "role": role,
        },
    )


@login_required
@require_POST
def rfp_proposal_review(request, pk, proposal_id):
    """The lead sets the panel that scores a proposal (the interview guide's look-fors)."""
    selection, _ = get_selection(request, pk, Role.LEAD)
    proposal = _proposal_or_404(selection, proposal_id)
    form = ReviewForm(request.POST, district=selection.district)
    if not form.is_valid():
        return refuse(request, "Choose the panelists who score this proposal.", rfp_url(selection))
    try:
        review = services.proposal_review_save(
            proposal=proposal, panel=form.cleaned_data["panel"], user=request.user
        )
    except services.Locked as error:
        return refuse(request, str(error), rfp_url(selection, "#proposals"))
    messages.success(request, "The panel can score this proposal now.")
    return redirect("interviews:detail", review.pk)


def attachment_response(attachment) -> FileResponse:
    """Stream an attachment to someone a view has already checked (never a public URL)."""
    from partners.uploads import CONTENT_TYPES

    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(
        handle,
        content_type=CONTENT_TYPES.get(attachment.kind, "application/octet-stream"),
        as_attachment=True,
        filename=attachment.filename,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def rfp_attachment(request, pk, proposal_id, attachment_id):
    selection, _ = get_selection(request, pk)
    proposal = _proposal_or_404(selection, proposal_id)
    return attachment_response(get_object_or_404(proposal.attachments, pk=attachment_id))


def document_context(rfp) -> dict:
    return {"rfp": rfp, "selection": rfp.selection, "sections": list(rfp.sections.all())}


def pdf_of(request, rfp):
    context = document_context(rfp)
    context["running_header"] = f"{rfp.selection.district} · {rfp.title}"
    return pdf_response(
        "pdf/interviews/rfp.html",
        context,
        filename=f"rfp-{slugify(rfp.title)}.pdf",
        request=request,
    )


def docx_of(rfp) -> HttpResponse:
    content = rfp_docx.rfp_docx(
        **{k: v for k, v in document_context(rfp).items() if k != "selection"}
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="rfp-{slugify(rfp.title)}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def rfp_pdf(request, pk):
    selection, _ = get_selection(request, pk)
    return pdf_of(request, _rfp_or_404(selection))


@login_required
@require_GET
def rfp_docx_view(request, pk):
    selection, _ = get_selection(request, pk)
    return docx_of(_rfp_or_404(selection))
