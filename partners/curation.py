"""Writes of the provider portal and the curator workspace: the draft state machine, the one
publication path, claims with evidence, gateway 3, renewal and partner staff.

Draft states: editing → submitted → approved (published) or returned (with comments);
a later submission withdraws an earlier one still waiting. Editing after submission starts a
new draft. Every publication — a provider's approved draft, a curator's direct edit, a
renewal without changes — goes through ``draft_approve``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from partners.gateways import EVALUATION, GATEWAY_OF_CLAIM
from partners.models import (
    Claim,
    Curriculum,
    GatewayReview,
    Partner,
    PartnerStaff,
    Phase,
    ProfileDraft,
    Specialty,
)
from partners.profile import profile_apply, profile_snapshot
from partners.services import partner_index
from partners.uploads import evidence_storage_name, evidence_validate, safe_display_name

Status = ProfileDraft.Status


class CurationError(Exception):
    """A transition that is not allowed now; the message says why, for the user."""


def _locked(draft: ProfileDraft) -> ProfileDraft:
    return ProfileDraft.objects.select_for_update().select_related("partner").get(pk=draft.pk)


def _next_number(partner: Partner) -> int:
    return (partner.drafts.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def draft_start(*, partner: Partner, user) -> ProfileDraft:
    """The partner's draft being edited, or a new one.

    A new draft copies the latest submitted or returned draft when there is one (so a
    provider keeps working on what they sent), otherwise the published profile.
    """
    # Locked and read afresh: the snapshot must be what is published now.
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    current = partner.drafts.filter(status=Status.EDITING).first()
    if current:
        return current
    latest = partner.drafts.order_by("-number").first()
    if latest and latest.status in (Status.SUBMITTED, Status.RETURNED):
        data = latest.data
    else:
        data = profile_snapshot(partner=partner)
    return ProfileDraft.objects.create(
        partner=partner, number=_next_number(partner), data=data, created_by=user
    )


@transaction.atomic
def draft_save(*, draft: ProfileDraft, data: dict, revision: int | None, user) -> ProfileDraft:
    """Replace the draft's data; refused unless it is being edited and the form is current."""
    draft = _locked(draft)
    if draft.status != Status.EDITING:
        raise CurationError(
            f"Draft {draft.number} is “{draft.get_status_display()}” and can no longer be "
            "edited; start a new draft."
        )
    if revision is not None and revision != draft.revision:
        raise CurationError(
            "Someone saved this draft after you opened it. Reload the page to see their "
            "changes, then make yours again."
        )
    draft.data = data
    draft.revision += 1
    draft.save(update_fields=["data", "revision", "updated_at"])
    return draft


@transaction.atomic
def draft_submit(*, draft: ProfileDraft, user, note: str = "") -> ProfileDraft:
    """Send the draft for review; an earlier submission still waiting is withdrawn."""
    draft = _locked(draft)
    if draft.status != Status.EDITING:
        raise CurationError(f"Draft {draft.number} was already submitted.")
    if not (draft.data.get("name") or "").strip():
        raise CurationError("The profile needs a name before it can be submitted.")
    draft.partner.drafts.filter(status=Status.SUBMITTED).exclude(pk=draft.pk).update(
        status=Status.WITHDRAWN
    )
    draft.status = Status.SUBMITTED
    draft.submitted_by = user
    draft.submitted_at = timezone.now()
    draft.submit_note = note.strip()
    draft.save()
    return draft


@transaction.atomic
def draft_return(*, draft: ProfileDraft, reviewer, comment: str) -> ProfileDraft:
    """Send a submitted draft back to the provider with comments."""
    draft = _locked(draft)
    if draft.status != Status.SUBMITTED:
        raise CurationError(f"Only a submitted draft can be returned (this one is {draft.status}).")
    if not comment.strip():
        raise CurationError("Say what the provider should change.")
    draft.status = Status.RETURNED
    draft.reviewed_by = reviewer
    draft.reviewed_at = timezone.now()
    draft.review_comment = comment.strip()
    draft.save()
    return draft


def application_blockers(partner: Partner) -> list[str]:
    """Why a new partner's application cannot be approved yet (empty when it can)."""
    if partner.status == Partner.Status.PUBLISHED:
        return []
    blockers = []
    gateway = GatewayReview.objects.filter(partner=partner).first()
    if not (gateway and gateway.passed):
        blockers.append(f"Gateway 3 ({EVALUATION.title.lower()}) has not been passed.")
    return blockers


@transaction.atomic
def draft_approve(*, draft: ProfileDraft, reviewer, comment: str = "") -> ProfileDraft:
    """Publish a submitted draft: the one way a profile changes in the directory.

    Records the reviewer, the date and the profile it replaces; the profile counts as
    reviewed today (renewal).
    """
    draft = _locked(draft)
    if draft.status != Status.SUBMITTED:
        raise CurationError(
            f"Only a submitted draft can be approved (this one is “{draft.get_status_display()}”)."
        )
    partner = Partner.objects.select_for_update().get(pk=draft.partner_id)
    blockers = application_blockers(partner)
    if blockers:
        raise CurationError(" ".join(blockers))
    draft.previous = (
        profile_snapshot(partner=partner) if partner.drafts.filter(status=Status.APPROVED).exists()
        or partner.status == Partner.Status.PUBLISHED else None
    )  # fmt: skip
    profile_apply(partner=partner, data=draft.data)
    partner.status = Partner.Status.PUBLISHED
    partner.last_reviewed = timezone.localdate()
    partner.renewal_reminded_on = None
    partner.save(update_fields=["status", "last_reviewed", "renewal_reminded_on", "updated_at"])
    partner_index(partner=partner)
    draft.status = Status.APPROVED
    draft.reviewed_by = reviewer
    draft.reviewed_at = timezone.now()
    draft.review_comment = comment.strip()
    draft.save()
    return draft


@transaction.atomic
def draft_publish_direct(*, draft: ProfileDraft, curator, note: str = "") -> ProfileDraft:
    """A curator's own edit: submitted and approved at once, through the same path."""
    draft = draft_submit(draft=draft, user=curator, note=note or "Edited by a curator.")
    return draft_approve(draft=draft, reviewer=curator)


@transaction.atomic
def partner_renew(*, partner: Partner, curator, note: str = "") -> ProfileDraft:
    """Record a review of the published profile without changes (renewal): a new version
    equal to the current one, approved by the curator."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    if partner.status != Partner.Status.PUBLISHED:
        raise CurationError("Only a published profile can be renewed.")
    draft = ProfileDraft.objects.create(
        partner=partner,
        number=_next_number(partner),
        status=Status.SUBMITTED,
        data=profile_snapshot(partner=partner),
        created_by=curator,
        submitted_by=curator,
        submitted_at=timezone.now(),
        submit_note=note.strip() or "Renewal review: profile checked, no changes.",
    )
    return draft_approve(draft=draft, reviewer=curator)


def partner_create(*, name: str, slug: str, curator) -> Partner:
    """A new applicant partner (not in the directory until its first draft is approved)."""
    return Partner.objects.create(name=name, slug=slug, status=Partner.Status.DRAFT)


# Claims ------------------------------------------------------------------------------------

TERM_MODELS = {"curriculum": Curriculum, "phase": Phase, "specialty": Specialty}


def claims_publish(*, partner: Partner) -> None:
    """Set the partner's phases, curricula and specialties to its confirmed claims.

    The only writer of those three fields outside migrations: what the directory filters,
    counts and shows as badges is exactly what a curator confirmed.
    """
    confirmed = partner.claims.filter(status=Claim.Status.CONFIRMED)
    partner.phases.set(Phase.objects.filter(pk__in=confirmed.values("phase")))
    partner.curricula.set(Curriculum.objects.filter(pk__in=confirmed.values("curriculum")))
    partner.specialties.set(Specialty.objects.filter(pk__in=confirmed.values("specialty")))
    partner_index(partner=partner)


def _evidence_store(claim: Claim, upload) -> None:
    evidence_validate(upload)
    claim.evidence_filename = safe_display_name(upload.name)
    name = evidence_storage_name(partner_id=claim.partner_id)
    claim.evidence_file.save(name, upload, save=False)


@transaction.atomic
def claim_create(*, partner: Partner, kind: str, term, user, note="", url="", upload=None):
    """A new claim; with evidence it waits for review, otherwise for evidence."""
    if kind not in TERM_MODELS or not isinstance(term, TERM_MODELS[kind]):
        raise CurationError("Choose what you claim.")
    if partner.claims.filter(kind=kind, **{kind: term}).exists():
        raise CurationError(f"{partner} already claims {term}.")
    claim = Claim(partner=partner, kind=kind, created_by=user, **{kind: term})
    claim.evidence_note, claim.evidence_url = note.strip(), url.strip()
    if upload is not None:
        _evidence_store(claim, upload)
    claim.status = Claim.Status.SUBMITTED if claim.has_evidence else Claim.Status.AWAITING_EVIDENCE
    claim.save()
    return claim


@transaction.atomic
def claim_evidence_add(*, claim: Claim, user, note="", url="", upload=None) -> Claim:
    """New or more evidence for a claim that is not confirmed; it then waits for review."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.status == Claim.Status.CONFIRMED:
        raise CurationError("This claim is already confirmed.")
    if not (url.strip() or upload is not None or claim.has_evidence):
        raise CurationError("Add a link or a PDF as evidence.")
    if note.strip():
        claim.evidence_note = note.strip()
    if url.strip():
        claim.evidence_url = url.strip()
    if upload is not None:
        old = claim.evidence_file.name
        _evidence_store(claim, upload)
        if old:
            transaction.on_commit(lambda: claim.evidence_file.storage.delete(old))
    claim.status = Claim.Status.SUBMITTED
    claim.save()
    return claim


@transaction.atomic
def claim_decide(*, claim: Claim, curator, confirm: bool, checklist, notes: str = "") -> Claim:
    """Confirm or decline a claim. A curriculum or phase claim is confirmed only when its
    gateway item passes (every point ticked); then the directory shows it."""
    claim = Claim.objects.select_for_update().select_related("partner").get(pk=claim.pk)
    gateway = GATEWAY_OF_CLAIM.get(claim.kind)
    checked = [c for c in (checklist or []) if gateway and c in gateway.item_keys()]
    if confirm:
        if not claim.has_evidence:
            raise CurationError("A claim without evidence cannot be confirmed.")
        if gateway and not gateway.passes(checked):
            raise CurationError(
                f"Gateway {gateway.number} ({gateway.title.lower()}) is not passed: tick every "
                "point of its checklist to confirm."
            )
    elif not notes.strip():
        raise CurationError("Say why the claim is not confirmed, for the provider.")
    claim.checklist = checked
    claim.curator_notes = notes.strip()
    claim.status = Claim.Status.CONFIRMED if confirm else Claim.Status.REJECTED
    claim.reviewed_by = curator
    claim.reviewed_at = timezone.now()
    claim.save()
    claims_publish(partner=claim.partner)
    return claim


@transaction.atomic
def gateway_review_save(*, partner: Partner, curator, checklist, notes: str) -> GatewayReview:
    """Record gateway 3 for a partner; it passes when every point is ticked."""
    review, _ = GatewayReview.objects.select_for_update().get_or_create(partner=partner)
    review.checklist = [c for c in (checklist or []) if c in EVALUATION.item_keys()]
    review.notes = notes.strip()
    review.passed = EVALUATION.passes(review.checklist)
    review.reviewed_by = curator
    review.reviewed_at = timezone.now()
    review.save()
    return review


# Partner staff ------------------------------------------------------------------------------


def staff_add(*, partner: Partner, user, added_by=None) -> PartnerStaff:
    """Make user a staff member of partner (a user works for one partner)."""
    existing = PartnerStaff.objects.filter(user=user).first()
    if existing and existing.partner_id != partner.pk:
        raise ValidationError(f"{user.email} already works for {existing.partner}.")
    if existing:
        return existing
    return PartnerStaff.objects.create(user=user, partner=partner, added_by=added_by)


# Renewal reminders ----------------------------------------------------------------------


def renewal_reminders_send(*, today, dry_run: bool = False) -> list[tuple[str, str]]:
    """Email each published partner due for renewal (its staff), at most every 30 days, and
    the curators one list of them (plpg.email). Returns the (email, partner) pairs."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.db.models import Q
    from django.urls import reverse

    from partners.renewal import REMIND_EVERY_DAYS, due_before, hidden_on
    from plpg.access import curator_q
    from plpg.email import absolute_url, send_email

    due = list(
        Partner.objects.filter(status=Partner.Status.PUBLISHED)
        .filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lte=due_before(today)))
        .filter(
            Q(renewal_reminded_on__isnull=True)
            | Q(renewal_reminded_on__lte=today - timedelta(days=REMIND_EVERY_DAYS))
        )
        .prefetch_related("staff__user")
        .order_by("name")
    )
    sent = []
    for partner in due:
        emails = [staff.user.email for staff in partner.staff.all()]
        sent += [(email, partner.name) for email in emails]
        if emails and not dry_run:
            send_email(
                to=emails,
                template="partners/email/renewal",
                context={
                    "partner": partner,
                    "hidden_on": hidden_on(partner.last_reviewed)
                    if partner.last_reviewed
                    else None,
                    "portal_url": absolute_url(reverse("partners:portal_home")),
                },
            )
    if not due:
        return sent
    curators = list(
        get_user_model().objects.filter(curator_q()).distinct().values_list("email", flat=True)
    )
    sent += [(email, "(curators' list)") for email in curators]
    if not dry_run:
        if curators:
            send_email(
                to=curators,
                template="partners/email/renewals_due",
                context={
                    "names": [p.name for p in due],
                    "queue_url": absolute_url(reverse("partners:curation_queue")),
                },
            )
        Partner.objects.filter(pk__in=[p.pk for p in due]).update(renewal_reminded_on=today)
    return sent
