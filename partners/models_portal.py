"""Partner staff, profile drafts, claims and gateway reviews: how providers keep their own
profiles and curators vet them (imported by partners.models; not district data)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from partners.models import Curriculum, Partner, Phase, Specialty


class PartnerStaffQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class PartnerStaff(models.Model):
    """A user who works for a partner (provider) and keeps its profile. One partner per user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_staff"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="staff")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartnerStaffQuerySet.as_manager()

    class Meta:
        verbose_name = "partner staff member"
        verbose_name_plural = "partner staff"
        ordering = ["partner__name", "user__email"]

    def __str__(self):
        return f"{self.user} — {self.partner}"


class PartnerInvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked (possibly expired): the team box lists these."""
        return self.filter(
            invitation__accepted_at__isnull=True, invitation__revoked_at__isnull=True
        )


class PartnerInvitation(models.Model):
    """An invitation (the core's: link, expiry, accept flow) to join a partner's staff.

    The core invitation has no district; accepting it calls partners.team's target, which
    makes the user staff of ``partner`` (partners.curation.staff_add)."""

    invitation = models.OneToOneField(
        "plpg.Invitation", on_delete=models.CASCADE, related_name="partner_invitation"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="invitations")

    objects = PartnerInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-invitation__sent_at", "-pk"]

    def __str__(self):
        return f"{self.invitation.email} to {self.partner}"


class ProfileDraft(models.Model):
    """A full copy of a partner's profile (text, taxonomies, sample engagements) under edit
    or review. ``data`` is the snapshot partners.profile reads and writes; an approved draft
    is one published version, with ``previous`` the profile it replaced."""

    class Status(models.TextChoices):
        EDITING = "editing", "Being edited"
        SUBMITTED = "submitted", "Waiting for review"
        RETURNED = "returned", "Returned with comments"
        APPROVED = "approved", "Published"
        WITHDRAWN = "withdrawn", "Replaced by a later submission"

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="drafts")
    number = models.PositiveIntegerField(help_text="Draft number within the partner.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.EDITING)
    data = models.JSONField(default=dict)
    previous = models.JSONField(null=True, blank=True, editable=False)
    # Bumped by every save, so a stale form is refused instead of overwriting newer edits.
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submit_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["partner", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "number"], name="draft_number_per_partner"),
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(status="editing"),
                name="one_draft_being_edited_per_partner",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="draft_queue")]

    def __str__(self):
        return f"{self.partner} — draft {self.number} ({self.get_status_display()})"


# The Partner fields that hold confirmed claims (written only by curation.claims_publish).
CLAIM_FIELDS = ("phases", "curricula", "specialties")


class Claim(models.Model):
    """A partner's claim to a curriculum, a phase of support or a specialty, with evidence.

    Only confirmed claims show as badges and in the directory: partners.curation copies
    them onto the partner's phases, curricula and specialties (and nothing else does).
    A curriculum claim is gateway 1's item for it, a phase claim gateway 2's.
    """

    class Kind(models.TextChoices):
        CURRICULUM = "curriculum", "Curriculum"
        PHASE = "phase", "Phase of support"
        SPECIALTY = "specialty", "Specialty"

    class Status(models.TextChoices):
        AWAITING_EVIDENCE = "awaiting", "Awaiting evidence"
        SUBMITTED = "submitted", "Evidence waiting for review"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Not confirmed"

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    specialty = models.ForeignKey(
        Specialty, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.AWAITING_EVIDENCE
    )
    evidence_note = models.TextField(blank=True)
    evidence_url = models.URLField(blank=True, max_length=500)
    # Stored under a generated name (partners.uploads); the uploader's name only for display.
    evidence_file = models.FileField(upload_to="evidence/", blank=True, max_length=300)
    evidence_filename = models.CharField(max_length=200, blank=True)
    checklist = models.JSONField(default=list, blank=True, help_text="Gateway items passed.")
    curator_notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["partner", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "curriculum"],
                condition=Q(kind="curriculum"),
                name="one_claim_per_curriculum",
            ),
            models.UniqueConstraint(
                fields=["partner", "phase"], condition=Q(kind="phase"), name="one_claim_per_phase"
            ),
            models.UniqueConstraint(
                fields=["partner", "specialty"],
                condition=Q(kind="specialty"),
                name="one_claim_per_specialty",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="curriculum", curriculum__isnull=False, phase=None, specialty=None)
                    | Q(kind="phase", phase__isnull=False, curriculum=None, specialty=None)
                    | Q(kind="specialty", specialty__isnull=False, curriculum=None, phase=None)
                ),
                name="claim_names_one_term_of_its_kind",
            ),
        ]

    def __str__(self):
        return f"{self.partner}: {self.term}"

    @property
    def term(self):
        return {"curriculum": self.curriculum, "phase": self.phase, "specialty": self.specialty}[
            self.kind
        ]

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_url or self.evidence_file)


class GatewayReview(models.Model):
    """Gateway 3 for a partner: how it measures and improves its services (the checklist
    and the curator's notes). Gateways 1 and 2 are reviewed per claim (Claim.checklist)."""

    partner = models.OneToOneField(Partner, on_delete=models.CASCADE, related_name="gateway")
    checklist = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    passed = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.partner}: gateway 3 {'passed' if self.passed else 'not passed'}"
