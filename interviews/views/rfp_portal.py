"""The partner's side of an RFP, in the provider portal (/portal/rfps/): the RFPs its
partner was invited to, questions and published answers, and its own proposal — never
another partner's (a 404, as for any object a user may not reach)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from interviews import services
from interviews.forms_rfp import AttachmentForm, ProposalForm, QuestionForm, SequenceForm
from interviews.models import RFP, Proposal
from interviews.models_rfp import TEXT_REQUIREMENTS
from interviews.views import rfps as district_views
from partners.portal_access import partner_staff_required

VISIBLE = (RFP.Status.PUBLISHED, RFP.Status.CLOSED)


def _rfp_or_404(request, rfp_id) -> RFP:
    """An RFP the user's partner was invited to (published or closed), else 404."""
    return get_object_or_404(
        RFP.objects.filter(status__in=VISIBLE, invitations__partner=request.partner)
        .select_related("selection__district")
        .distinct(),
        pk=rfp_id,
    )


def _proposal_or_404(request, pk) -> Proposal:
    """The user's partner's own proposal, else 404 (another partner's does not exist)."""
    return get_object_or_404(
        Proposal.objects.filter(partner=request.partner, rfp__status__in=VISIBLE).select_related(
            "rfp__selection__district", "partner"
        ),
        pk=pk,
    )


@partner_staff_required
@require_GET
def portal_rfps(request):
    rfps = (
        RFP.objects.filter(status__in=VISIBLE, invitations__partner=request.partner)
        .select_related("selection__district")
        .order_by("-proposals_due")
        .distinct()
    )
    mine = {p.rfp_id: p for p in Proposal.objects.filter(partner=request.partner, rfp__in=rfps)}
    rows = [(rfp, mine.get(rfp.pk), services.submission_refusal(rfp)) for rfp in rfps]
    return render(
        request, "interviews/portal/rfp_list.html", {"rows": rows, "partner": request.partner}
    )


def _rfp_page(request, rfp, *, question_form=None, status=200):
    return render(
        request,
        "interviews/portal/rfp.html",
        {
            "rfp": rfp,
            "partner": request.partner,
            "sections": list(rfp.sections.all()),
            # Answers are published to every invited partner; who asked stays private.
            "answered": list(rfp.questions.filter(answered_at__isnull=False)),
            "my_questions": list(
                rfp.questions.filter(partner=request.partner, answered_at__isnull=True)
            ),
            "proposal": Proposal.objects.filter(rfp=rfp, partner=request.partner).first(),
            "refusal": services.submission_refusal(rfp),
            "question_form": question_form or QuestionForm(),
        },
        status=status,
    )


@partner_staff_required
@require_GET
def portal_rfp(request, rfp_id):
    return _rfp_page(request, _rfp_or_404(request, rfp_id))


@partner_staff_required
@require_GET
def portal_rfp_pdf(request, rfp_id):
    return district_views.pdf_of(request, _rfp_or_404(request, rfp_id))


@partner_staff_required
@require_GET
def portal_rfp_docx(request, rfp_id):
    return district_views.docx_of(_rfp_or_404(request, rfp_id))


@partner_staff_required
@require_POST
def portal_question(request, rfp_id):
    rfp = _rfp_or_404(request, rfp_id)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _rfp_page(request, rfp, question_form=form, status=400)
    try:
        services.question_ask(
            rfp=rfp, partner=request.partner, text=form.cleaned_data["text"], user=request.user
        )
    except services.Locked as error:
        messages.error(request, str(error))
        return redirect("interviews:portal_rfp", rfp.pk)
    messages.success(request, "Question sent. The answer is published to every invited partner.")
    return redirect(reverse("interviews:portal_rfp", args=[rfp.pk]) + "#questions")


@partner_staff_required
@require_POST
def portal_proposal_start(request, rfp_id):
    rfp = _rfp_or_404(request, rfp_id)
    existing = Proposal.objects.filter(rfp=rfp, partner=request.partner).first()
    if existing is None:
        refusal = services.submission_refusal(rfp)
        if refusal:
            messages.error(request, refusal)
            return redirect("interviews:portal_rfp", rfp.pk)
        existing = services.proposal_for(rfp=rfp, partner=request.partner)
    return redirect("interviews:portal_proposal", existing.pk)


def _proposal_page(
    request, proposal, *, form=None, sequence_form=None, attachment_form=None, status=200
):
    initial = {f"answer_{key}": proposal.answers.get(key, "") for key, _ in TEXT_REQUIREMENTS}
    initial.update(cost=proposal.cost, version=proposal.version)
    return render(
        request,
        "interviews/portal/proposal.html",
        {
            "proposal": proposal,
            "rfp": proposal.rfp,
            "partner": request.partner,
            "form": form or ProposalForm(initial=initial),
            "sequence_form": sequence_form or SequenceForm(),
            "attachment_form": attachment_form or AttachmentForm(),
            "attachments": proposal.attachments.all(),
            "refusal": services.submission_refusal(proposal.rfp),
        },
        status=status,
    )


@partner_staff_required
@require_GET
def portal_proposal(request, pk):
    return _proposal_page(request, _proposal_or_404(request, pk))


def _refused(request, proposal, error):
    message = error.messages[0] if isinstance(error, ValidationError) else str(error)
    messages.error(request, f"Not saved: {message}")
    return redirect("interviews:portal_proposal", proposal.pk)


@partner_staff_required
@require_POST
def portal_proposal_save(request, pk):
    proposal = _proposal_or_404(request, pk)
    form = ProposalForm(request.POST)
    if not form.is_valid():
        return _proposal_page(request, proposal, form=form, status=400)
    try:
        services.proposal_save(
            proposal_id=proposal.pk,
            answers=form.answers(),
            cost=form.cleaned_data["cost"],
            version=form.cleaned_data["version"],
            user=request.user,
        )
    except services.StaleVersion:
        messages.error(
            request,
            "Not saved: a colleague changed this proposal since you opened it. Their version "
            "is shown; make your change again.",
        )
        return _proposal_page(request, Proposal.objects.get(pk=proposal.pk), status=409)
    except services.Locked as error:
        return _refused(request, proposal, error)
    messages.success(request, "Proposal saved.")
    return redirect("interviews:portal_proposal", proposal.pk)


@partner_staff_required
@require_POST
def portal_proposal_sequence(request, pk):
    proposal = _proposal_or_404(request, pk)
    form = SequenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _proposal_page(request, proposal, sequence_form=form, status=400)
    try:
        services.proposal_sequence_set(
            proposal=proposal,
            text=form.cleaned_data["text"],
            upload=form.cleaned_data.get("file"),
            user=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error.messages[0])
        return _proposal_page(request, proposal, sequence_form=form, status=400)
    except services.Locked as error:
        return _refused(request, proposal, error)
    messages.success(request, f"Scope and sequence read: {len(proposal.sequence)} rows.")
    return redirect(reverse("interviews:portal_proposal", args=[proposal.pk]) + "#sequence")


@partner_staff_required
@require_POST
def portal_proposal_attach(request, pk):
    proposal = _proposal_or_404(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _proposal_page(request, proposal, attachment_form=form, status=400)
    try:
        services.proposal_attach(
            proposal=proposal, upload=form.cleaned_data["file"], user=request.user
        )
    except ValidationError as error:
        form.add_error("file", error.messages[0])
        return _proposal_page(request, proposal, attachment_form=form, status=400)
    except services.Locked as error:
        return _refused(request, proposal, error)
    messages.success(request, "File attached.")
    return redirect(reverse("interviews:portal_proposal", args=[proposal.pk]) + "#attachments")


@partner_staff_required
@require_POST
def portal_proposal_submit(request, pk):
    proposal = _proposal_or_404(request, pk)
    try:
        services.proposal_submit(proposal=proposal, user=request.user)
    except (ValidationError, services.Locked) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        messages.error(request, f"Not submitted: {message}")
        return _proposal_page(
            request, proposal, status=409 if isinstance(error, services.Locked) else 400
        )
    messages.success(request, "Proposal submitted. The district has been told.")
    return redirect("interviews:portal_proposal", proposal.pk)


@partner_staff_required
@require_GET
def portal_attachment(request, pk, attachment_id):
    proposal = _proposal_or_404(request, pk)
    return district_views.attachment_response(
        get_object_or_404(proposal.attachments, pk=attachment_id)
    )
