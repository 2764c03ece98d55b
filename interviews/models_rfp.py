"""Requests for proposals: a selection's RFP, its sections, invitations, questions and the
partners' proposals (imported by interviews.models; docs/rfp.md).

A proposal is scored by the same Scorecard/Rating/Consensus machinery as an interview: its
review is an ``Interview`` row whose ``proposal`` is set (interviews.models), so the blind
rule, autosave, consensus and results apply unchanged.
"""

from django.conf import settings
from django.db import models

from partners.models import Partner
from plpg.access import DistrictScopedQuerySet
from plpg.history import district_history
from plpg.trash import live_manager

RFP_TEXT_MAX_LENGTH = 10_000

# What a proposal answers, one text per requirement (the sample scope and sequence is a
# table read by partners.importer, not a text). Keys are stable: proposals store them.
REQUIREMENTS = [
    ("approach", "Proposed services and approach"),
    ("sequence", "Sample scope and sequence"),
    ("references", "References from districts like ours"),
    ("facilitators", "Facilitator qualifications"),
    ("evaluation", "Evaluation approach"),
]
TEXT_REQUIREMENTS = [(key, label) for key, label in REQUIREMENTS if key != "sequence"]


class RFPQuerySet(DistrictScopedQuerySet):
    district_field = "selection__district"
    trash_paths = ("selection__",)

    def open_to(self, partner):
        """Published RFPs the partner was invited to (or reached by publishing to all)."""
        return self.filter(status=RFP.Status.PUBLISHED, invitations__partner=partner)


class RFP(models.Model):
    """A selection's request for proposals: sections, timeline, invited partners."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CLOSED = "closed", "Closed"

    selection = models.OneToOneField(
        "interviews.Selection", on_delete=models.CASCADE, related_name="rfp"
    )
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    questions_due = models.DateField("questions due", null=True, blank=True)
    proposals_due = models.DateTimeField("proposals due")
    interviews_on = models.DateField("finalist interviews", null=True, blank=True)
    decision_on = models.DateField("decision", null=True, blank=True)
    services_start = models.DateField("services start", null=True, blank=True)
    open_to_all = models.BooleanField(
        default=False, help_text="Published to every partner matching its phases and content area."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(RFPQuerySet)
    all_objects = RFPQuerySet.as_manager()

    history = district_history(parent="selection")

    class Meta:
        verbose_name = "RFP"

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class RFPSectionQuerySet(DistrictScopedQuerySet):
    district_field = "rfp__selection__district"
    trash_paths = ("rfp__selection__",)


class RFPSection(models.Model):
    """One section of the RFP: text generated from the selection, then edited (versioned)."""

    rfp = models.ForeignKey(RFP, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(max_length=RFP_TEXT_MAX_LENGTH, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = live_manager(RFPSectionQuerySet)

    history = district_history(parent="rfp")

    class Meta:
        ordering = ["rfp", "position"]
        constraints = [models.UniqueConstraint(fields=["rfp", "key"], name="rfp_section_once")]

    def __str__(self):
        return self.title


class RFPInvitation(models.Model):
    """A partner invited to answer the RFP (by name, or by publishing to all matching)."""

    rfp = models.ForeignKey(RFP, on_delete=models.CASCADE, related_name="invitations")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="rfp_invitations")
    matched = models.BooleanField(default=False, help_text="Reached by publishing to all.")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    history = district_history(parent="rfp")

    class Meta:
        ordering = ["partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["rfp", "partner"], name="rfp_invitation_once")
        ]

    def __str__(self):
        return f"{self.partner} invited to {self.rfp}"


class RFPQuestion(models.Model):
    """A partner's question; its answer is published to every invited partner."""

    rfp = models.ForeignKey(RFP, on_delete=models.CASCADE, related_name="questions")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(max_length=2000)
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(max_length=RFP_TEXT_MAX_LENGTH, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    history = district_history(parent="rfp")

    class Meta:
        ordering = ["asked_at", "id"]

    def __str__(self):
        return self.text[:80]


class ProposalQuerySet(DistrictScopedQuerySet):
    district_field = "rfp__selection__district"
    trash_paths = ("rfp__selection__",)

    def submitted(self):
        return self.filter(submitted_at__isnull=False)


class Proposal(models.Model):
    """A partner's answer to an RFP: text per requirement, a cost, attachments and a sample
    scope and sequence. Only its own partner's staff and the district see it."""

    rfp = models.ForeignKey(RFP, on_delete=models.CASCADE, related_name="proposals")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="proposals")
    answers = models.JSONField(default=dict, blank=True)  # requirement key → text
    cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    sequence = models.JSONField(default=list, blank=True)  # rows read by partners.importer
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = live_manager(ProposalQuerySet)

    history = district_history(parent="rfp")

    class Meta:
        ordering = ["partner__name"]
        constraints = [models.UniqueConstraint(fields=["rfp", "partner"], name="proposal_once")]

    def __str__(self):
        return f"{self.partner}'s proposal"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def answer_rows(self) -> list[tuple[str, str, str]]:
        """(key, requirement, answer) in the RFP's order."""
        return [(key, label, self.answers.get(key, "")) for key, label in TEXT_REQUIREMENTS]


class ProposalAttachment(models.Model):
    """A file sent with a proposal (checked by partners.uploads; served through a view)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="proposals/", max_length=300)
    filename = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = district_history(parent="proposal")

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.filename
