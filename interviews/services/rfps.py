"""Writes on RFPs and proposals: drafting, publishing, invitations, questions, the deadline,
proposals, and the panel's review of a proposal (an Interview with ``proposal``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from interviews import rfp_text, selectors
from interviews.models import (
    RFP,
    Interview,
    Proposal,
    ProposalAttachment,
    RFPInvitation,
    RFPQuestion,
    RFPSection,
    Selection,
)
from interviews.services.base import Locked, StaleVersion
from interviews.services.selections import interview_save, sections_in_scope
from partners.importer import ScopeSequenceError
from partners.models import PartnerStaff
from partners.sequence_files import engagement_from_text, rows_from_upload
from partners.uploads import safe_display_name, storage_name, upload_validate
from plpg.email import absolute_url, send_email
from plpg.history import with_reason
from plpg.limits import check_limit
from plpg.models import Membership

ATTACHMENTS_LIMIT = 10
ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "pptx")
INVITATIONS_LIMIT = 200


# --- the deadline: the one rule ------------------------------------------------------------


def submission_refusal(rfp: RFP, now=None) -> str:
    """Why a partner may not change or submit a proposal now ('' when it may)."""
    now = now or timezone.now()
    if rfp.status == RFP.Status.DRAFT:
        return "This RFP is not published."
    if rfp.status == RFP.Status.CLOSED:
        return "This RFP is closed."
    if now > rfp.proposals_due:
        return (
            "The deadline has passed: proposals were due "
            f"{timezone.localtime(rfp.proposals_due):%Y-%m-%d %H:%M}. Late proposals are "
            "accepted only if the district extends the deadline for everyone."
        )
    return ""


# --- drafting ------------------------------------------------------------------------------


@transaction.atomic
def rfp_create(*, selection: Selection, user, **fields) -> RFP:
    """The selection's RFP with every section generated from what the district entered."""
    if RFP.all_objects.filter(selection=selection).exists():
        raise Locked("This selection already has an RFP.")
    rfp = RFP.objects.create(selection=selection, created_by=user, **fields)
    source = selectors.rfp_source(rfp)
    for position, (key, title, text) in enumerate(rfp_text.sections_generate(source)):
        RFPSection.objects.create(rfp=rfp, key=key, title=title, position=position, text=text)
    return rfp


def rfp_update(*, rfp: RFP, version: int, user, **fields) -> RFP:
    """Change the RFP's title and dates (versioned; the deadline has its own service)."""
    with transaction.atomic():
        current = RFP.objects.select_for_update().get(pk=rfp.pk)
        if current.version != version:
            raise StaleVersion(current)
        if current.status != RFP.Status.DRAFT and "proposals_due" in fields:
            fields.pop("proposals_due")  # published: only rfp_extend moves the deadline
        for name, value in fields.items():
            setattr(current, name, value)
        current.version += 1
        current.save()
    return current


def rfp_section_save(*, section_id: int, text: str, version: int, user) -> RFPSection:
    """Save a section's text if ``version`` is the one the lead last saw (history keeps each)."""
    with transaction.atomic():
        section = RFPSection.objects.select_for_update().select_related("rfp").get(pk=section_id)
        if section.version != version:
            raise StaleVersion(section)
        if section.text != text:
            section.text = text
            section.version += 1
            section.save()
    return section


def rfp_section_regenerate(*, section: RFPSection, version: int, user) -> RFPSection:
    """Replace a section's text with freshly generated text (e.g. after the dates changed)."""
    text = rfp_text.section_generate(section.key, selectors.rfp_source(section.rfp))
    with_reason(section, "Generated again from the selection")
    return rfp_section_save(section_id=section.pk, text=text, version=version, user=user)


# --- publishing and invitations ------------------------------------------------------------


def _staff_emails(partners) -> list[str]:
    return list(
        PartnerStaff.objects.filter(partner__in=partners, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


def _lead_emails(rfp: RFP) -> list[str]:
    return list(
        Membership.objects.filter(
            district=rfp.selection.district, role=Membership.Role.LEAD
        ).values_list("user__email", flat=True)
    )


def _notify_invited(rfp: RFP, partners, template: str, **context):
    emails = _staff_emails(partners)
    if emails:
        send_email(
            to=emails,
            template=f"interviews/email/{template}",
            context={
                "rfp": rfp,
                "district": rfp.selection.district,
                "url": absolute_url(reverse("interviews:portal_rfp", args=[rfp.pk])),
                **context,
            },
        )


def rfp_invite(*, rfp: RFP, partners, user, matched: bool = False) -> list:
    """Invite partners (once each); if the RFP is published, their staff are told at once."""
    partners = list(partners)
    check_limit(
        current=rfp.invitations.count(),
        adding=len(partners),
        limit=INVITATIONS_LIMIT,
        what="invited partners",
        holder="an RFP",
    )
    added = []
    for partner in partners:
        _, created = RFPInvitation.objects.get_or_create(
            rfp=rfp, partner=partner, defaults={"invited_by": user, "matched": matched}
        )
        if created:
            added.append(partner)
    if added and rfp.is_published:
        _notify_invited(rfp, added, "rfp_invitation")
    return added


def rfp_publish(*, rfp: RFP, user, to_all: bool, notify: bool = True) -> RFP:
    """Publish the RFP to the invited partners, and with ``to_all`` to every published
    partner matching its phases and content area (the directory's own search)."""
    from partners.selectors import directory_search

    if rfp.status != RFP.Status.DRAFT:
        raise Locked("This RFP is already published.")
    if rfp.proposals_due <= timezone.now():
        raise ValidationError("Set a deadline in the future before publishing.")
    selection = rfp.selection
    with transaction.atomic():
        if to_all:
            params = {"phase": list(selection.phases.values_list("slug", flat=True))}
            if selection.content_area_id:
                params["content_area"] = [selection.content_area.slug]
            found = directory_search(params=params, page_size=None, facets=False)
            rfp_invite(
                rfp=rfp, partners=[c.partner for c in found.partners], user=user, matched=True
            )
        if not rfp.invitations.exists():
            raise ValidationError("Invite at least one partner, or publish to all matching ones.")
        rfp.status = RFP.Status.PUBLISHED
        rfp.open_to_all = to_all
        rfp.published_at = timezone.now()
        rfp.version += 1
        with_reason(rfp, "Published the RFP")
        rfp.save()
    if notify:  # the demo loader publishes without emailing anyone
        partners = [i.partner for i in rfp.invitations.select_related("partner")]
        _notify_invited(rfp, partners, "rfp_invitation")
    return rfp


def rfp_extend(*, rfp: RFP, proposals_due, user) -> RFP:
    """Move the deadline later, for every invited partner alike (they are told)."""
    if rfp.status != RFP.Status.PUBLISHED:
        raise Locked("Only a published RFP's deadline can be extended.")
    if proposals_due <= rfp.proposals_due or proposals_due <= timezone.now():
        raise ValidationError("The new deadline must be later than the current one and than now.")
    rfp.proposals_due = proposals_due
    rfp.version += 1
    with_reason(rfp, "Extended the deadline for every invited partner")
    rfp.save()
    partners = [i.partner for i in rfp.invitations.select_related("partner")]
    _notify_invited(rfp, partners, "rfp_extended")
    return rfp


# --- questions -----------------------------------------------------------------------------


def question_ask(*, rfp: RFP, partner, text: str, user) -> RFPQuestion:
    """A partner's question to the district (the leads are told)."""
    if rfp.status != RFP.Status.PUBLISHED:
        raise Locked("Questions are taken while the RFP is open.")
    question = RFPQuestion.objects.create(rfp=rfp, partner=partner, asked_by=user, text=text)
    leads = _lead_emails(rfp)
    if leads:
        send_email(
            to=leads,
            template="interviews/email/rfp_question",
            context={
                "rfp": rfp,
                "question": question,
                "url": absolute_url(reverse("interviews:rfp", args=[rfp.selection_id]))
                + "#questions",
            },
        )
    return question


def question_answer(*, question: RFPQuestion, answer: str, user) -> RFPQuestion:
    """Answer a question; the answer is published to every invited partner (told by email)."""
    question.answer = answer
    question.answered_by = user
    question.answered_at = timezone.now()
    question.save()
    rfp = question.rfp
    partners = [i.partner for i in rfp.invitations.select_related("partner")]
    _notify_invited(rfp, partners, "rfp_answer", question=question)
    return question


# --- proposals -----------------------------------------------------------------------------


def proposal_for(*, rfp: RFP, partner) -> Proposal:
    """The partner's proposal to the RFP (a draft is started on first use)."""
    proposal, _ = Proposal.objects.get_or_create(rfp=rfp, partner=partner)
    return proposal


def _check_open(proposal: Proposal):
    refusal = submission_refusal(proposal.rfp)
    if refusal:
        raise Locked(refusal)
    if proposal.is_submitted:
        raise Locked("This proposal is submitted.")


def proposal_save(*, proposal_id: int, answers: dict, cost, version: int, user) -> Proposal:
    """Save the proposal's answers and cost before the deadline (versioned)."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("rfp").get(pk=proposal_id)
        _check_open(proposal)
        if proposal.version != version:
            raise StaleVersion(proposal)
        proposal.answers = answers
        proposal.cost = cost
        proposal.version += 1
        proposal.save()
    return proposal


def proposal_sequence_set(*, proposal: Proposal, text: str = "", upload=None, user) -> Proposal:
    """The sample scope and sequence, read by the directory's importer (seed-format text) or
    from a CSV/XLSX with the template's columns (partners.sequence_files)."""
    _check_open(proposal)
    try:
        rows = rows_from_upload(upload) if upload else engagement_from_text(text)["items"]
    except ScopeSequenceError as error:
        raise ValidationError(f"The scope and sequence could not be read: {error}") from error
    except ValueError as error:  # SequenceFileError
        raise ValidationError(str(error)) from error
    if not rows:
        raise ValidationError("The scope and sequence has no rows under its header.")
    proposal.sequence = rows
    proposal.version += 1
    proposal.save()
    return proposal


def proposal_attach(*, proposal: Proposal, upload, user) -> ProposalAttachment:
    """Attach a file (type, size and content checked as every upload is)."""
    _check_open(proposal)
    kind = upload_validate(upload, kinds=ATTACHMENT_KINDS, max_bytes=settings.MATERIAL_MAX_BYTES)
    check_limit(
        current=proposal.attachments.count(),
        adding=1,
        limit=ATTACHMENTS_LIMIT,
        what="attachments",
        holder="a proposal",
    )
    attachment = ProposalAttachment(
        proposal=proposal,
        filename=safe_display_name(upload.name, default=f"attachment.{kind}"),
        kind=kind,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(storage_name(owner_id=proposal.pk, kind=kind), upload, save=False)
    attachment.save()
    return attachment


def proposal_submit(*, proposal: Proposal, user, notify: bool = True) -> Proposal:
    """Submit before the deadline; the district's leads are told. Answers must be there."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("rfp").get(pk=proposal.pk)
        _check_open(proposal)
        missing = [label for key, label, text in proposal.answer_rows() if not text.strip()]
        if proposal.cost is None:
            missing.append("the total cost")
        if not proposal.sequence:
            missing.append("the sample scope and sequence")
        if missing:
            raise ValidationError("Before submitting, add: " + "; ".join(missing) + ".")
        proposal.submitted_at = timezone.now()
        proposal.submitted_by = user
        proposal.version += 1
        with_reason(proposal, "Submitted the proposal")
        proposal.save()
    rfp = proposal.rfp
    leads = _lead_emails(rfp) if notify else []
    if leads:
        send_email(
            to=leads,
            template="interviews/email/proposal_submitted",
            context={
                "rfp": rfp,
                "proposal": proposal,
                "url": absolute_url(
                    reverse("interviews:rfp_proposal", args=[rfp.selection_id, proposal.pk])
                ),
            },
        )
    return proposal


def proposal_review_save(*, proposal: Proposal, panel, user) -> Interview:
    """The panel that scores a submitted proposal: an Interview about the proposal (the same
    scorecards, blind rule, consensus and results), in progress from the start."""
    if not proposal.is_submitted:
        raise Locked("Only a submitted proposal is scored.")
    selection = proposal.rfp.selection
    if selection.guide_id is None:
        raise Locked("Choose the selection's interview guide first: its look-fors are the rubric.")
    review = Interview.objects.filter(proposal=proposal).first()
    if review is None:
        review = Interview(
            selection=selection,
            partner=proposal.partner,
            proposal=proposal,
            scheduled_at=proposal.submitted_at,
            guide=selection.guide,
            status=Interview.Status.IN_PROGRESS,
            duration_minutes=0,
        )
        sections = sections_in_scope(guide=selection.guide, selection=selection)
    else:
        sections = review.sections.all()
    return interview_save(interview=review, panel=panel, sections=list(sections), user=user)
