"""Sharing an engagement with the partner's staff (and, later, what both sides share)."""

from django.conf import settings
from django.db import models

from engagements.models import Engagement
from plpg.access import DistrictScopedQuerySet
from plpg.history import district_history
from plpg.trash import live_manager


class EngagementShareQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"


class EngagementShare(models.Model):
    """One partner staff member may work in one engagement: the district decided so.

    Deleting the row revokes it at once (every workspace request asks
    ``engagements.workspace.access``, which reads these rows).
    """

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="engagement_shares"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    objects = EngagementShareQuerySet.as_manager()
    history = district_history(parent="engagement")

    class Meta:
        ordering = ["engagement", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "user"], name="share_once_per_user")
        ]

    def __str__(self):
        return f"{self.engagement} shared with {self.user}"


class MaterialQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"
    trash_paths = ("engagement__",)  # rows of a trashed engagement are hidden with it

    def awaiting_review(self):
        return self.filter(status=Material.Status.SUBMITTED)


class Material(models.Model):
    """A session material the partner prepares for a plan row; the district reviews each
    version before it goes out to schools (the playbook's review of materials)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for review"
        CHANGES = "changes", "Changes requested"
        APPROVED = "approved", "Approved"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="materials")
    plan_item = models.ForeignKey(
        "engagements.PlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name="plan row",
    )
    title = models.CharField(max_length=200)
    needed_by = models.DateField(
        null=True, blank=True, help_text="When the district's review must be done."
    )
    # The latest version's review state (materials.services keeps it in step).
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = live_manager(MaterialQuerySet)
    all_objects = MaterialQuerySet.as_manager()  # also under a trashed engagement (export)
    history = district_history(parent="engagement")

    class Meta:
        ordering = ["engagement", "needed_by", "pk"]
        indexes = [models.Index(fields=["engagement", "status"])]

    def __str__(self):
        return self.title


class MaterialVersionQuerySet(DistrictScopedQuerySet):
    district_field = "material__engagement__district"
    trash_paths = ("material__engagement__",)  # rows of a trashed engagement are hidden with it


class MaterialVersion(models.Model):
    """One uploaded file of a material, with the district's review of it. An approved
    version is frozen: nothing changes it any more (a change is a new version)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for review"
        CHANGES = "changes", "Changes requested"
        APPROVED = "approved", "Approved"
        SUPERSEDED = "superseded", "Replaced before review"

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to="materials/", max_length=300)
    filename = models.CharField(max_length=200)
    kind = models.CharField(max_length=4)  # pdf, pptx, docx, xlsx (partners.uploads)
    size = models.PositiveBigIntegerField()
    note = models.TextField(blank=True, help_text="What changed in this version.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    review_comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = live_manager(MaterialVersionQuerySet)
    all_objects = MaterialVersionQuerySet.as_manager()  # also under a trashed engagement (export)
    history = district_history(parent="material")

    class Meta:
        ordering = ["material", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["material", "number"], name="material_version_once")
        ]

    def __str__(self):
        return f"{self.material} v{self.number}"


class Side(models.TextChoices):
    """Which side of the table a person sits on in a shared workspace."""

    DISTRICT = "district", "District"
    PARTNER = "partner", "Partner"


class FieldIssueQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"
    trash_paths = ("engagement__",)  # rows of a trashed engagement are hidden with it

    def open(self):
        return self.filter(status=FieldIssue.Status.OPEN)


class FieldIssue(models.Model):
    """Something either side observed in the field and raised: what, where, how serious,
    who owns it and by when; a comment thread; a resolution."""

    class Severity(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="issues")
    title = models.CharField(max_length=200)
    seen = models.TextField("what was seen")
    where = models.CharField(max_length=200, blank=True, help_text="School, grade, session…")
    severity = models.CharField(max_length=6, choices=Severity.choices, default=Severity.MEDIUM)
    owner = models.CharField(max_length=200, help_text="Who deals with it.")
    due_date = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    raised_side = models.CharField(max_length=8, choices=Side.choices)
    raised_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    # The day the lead was last told it is high and overdue (escalation, once a week at most).
    escalated_on = models.DateField(null=True, blank=True, editable=False)

    objects = live_manager(FieldIssueQuerySet)
    all_objects = FieldIssueQuerySet.as_manager()  # also under a trashed engagement (export)
    history = district_history(parent="engagement")

    class Meta:
        ordering = ["status", "due_date", "pk"]
        indexes = [models.Index(fields=["engagement", "status"])]

    def __str__(self):
        return self.title


class IssueCommentQuerySet(DistrictScopedQuerySet):
    district_field = "issue__engagement__district"
    trash_paths = ("issue__engagement__",)  # rows of a trashed engagement are hidden with it


class IssueComment(models.Model):
    issue = models.ForeignKey(FieldIssue, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    side = models.CharField(max_length=8, choices=Side.choices)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(IssueCommentQuerySet)
    all_objects = IssueCommentQuerySet.as_manager()  # also under a trashed engagement (export)
    history = district_history(parent="issue")

    class Meta:
        ordering = ["issue", "created_at", "pk"]

    def __str__(self):
        return f"Comment on {self.issue}"


class DocumentQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"
    trash_paths = ("engagement__",)  # rows of a trashed engagement are hidden with it

    def shared(self):
        return self.filter(visibility=Document.Visibility.SHARED)


class Document(models.Model):
    """A file of the engagement: the contract, the scope of work, amendments, invoices…"""

    class Kind(models.TextChoices):
        CONTRACT = "contract", "Contract"
        SCOPE = "scope", "Scope of work"
        AMENDMENT = "amendment", "Contract amendment"
        INVOICE = "invoice", "Invoice"
        OTHER = "other", "Other"

    class Visibility(models.TextChoices):
        DISTRICT = "district", "District only"
        SHARED = "shared", "Shared with the partner"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    date = models.DateField()
    visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.DISTRICT
    )
    file = models.FileField(upload_to="documents/", max_length=300)
    filename = models.CharField(max_length=200)
    file_kind = models.CharField(max_length=4)  # pdf, pptx, docx, xlsx (partners.uploads)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_side = models.CharField(max_length=8, choices=Side.choices)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(DocumentQuerySet)
    all_objects = DocumentQuerySet.as_manager()  # also under a trashed engagement (export)
    history = district_history(parent="engagement")

    class Meta:
        ordering = ["engagement", "-date", "-pk"]

    def __str__(self):
        return self.title


class ContractAmendmentQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"
    trash_paths = ("engagement__",)  # rows of a trashed engagement are hidden with it


class ContractAmendment(models.Model):
    """A change to the contract's terms: the terms before and after, kept side by side, so
    the engagement page shows the current terms and how they came to be."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="amendments")
    document = models.OneToOneField(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="amendment"
    )
    effective = models.DateField("effective from")
    old_start = models.DateField(null=True, blank=True)
    old_end = models.DateField(null=True, blank=True)
    old_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    new_start = models.DateField(null=True, blank=True)
    new_end = models.DateField(null=True, blank=True)
    new_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    scope_change = models.TextField(
        "change of scope", blank=True, help_text="What the amendment adds, removes or changes."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(ContractAmendmentQuerySet)
    all_objects = ContractAmendmentQuerySet.as_manager()  # also under a trashed engagement (export)
    history = district_history(parent="engagement")

    class Meta:
        ordering = ["engagement", "-effective", "-pk"]

    def __str__(self):
        return f"Amendment of {self.effective}"


class CoordinationSpaceQuerySet(DistrictScopedQuerySet):
    district_field = "district"


class CoordinationSpace(models.Model):
    """A place where several of a district's partners coordinate (the managing guide:
    partners speak monthly to align their support; all partners meet once or twice a year).
    The district opens it and chooses which engagements' partner staff share it."""

    district = models.ForeignKey(
        "plpg.District", on_delete=models.CASCADE, related_name="coordination_spaces"
    )
    title = models.CharField(max_length=200, help_text="e.g. K–8 math and ELA coaching partners")
    purpose = models.TextField(
        blank=True, help_text="What the partners align on: audiences, trends, shared tools…"
    )
    engagements = models.ManyToManyField(
        Engagement, through="CoordinationMember", related_name="coordination_spaces"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CoordinationSpaceQuerySet.as_manager()
    history = district_history()

    class Meta:
        ordering = ["district", "title", "pk"]

    def __str__(self):
        return self.title


class CoordinationMemberQuerySet(DistrictScopedQuerySet):
    district_field = "space__district"
    trash_paths = ("engagement__",)  # a trashed engagement leaves the space with it


class CoordinationMember(models.Model):
    """One engagement (its partner's staff with a share on it) in a coordination space.
    Deleting the row takes the partner out at once."""

    space = models.ForeignKey(CoordinationSpace, on_delete=models.CASCADE, related_name="members")
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="coordination_members"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(CoordinationMemberQuerySet)
    all_objects = CoordinationMemberQuerySet.as_manager()
    history = district_history(parent="space")

    class Meta:
        ordering = ["space", "engagement__partner__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["space", "engagement"], name="coordination_member_once")
        ]

    def __str__(self):
        return f"{self.engagement} in {self.space}"


class CoordinationPostQuerySet(DistrictScopedQuerySet):
    district_field = "space__district"


class CoordinationPost(models.Model):
    """A message in a coordination space's thread, from the district or a partner."""

    space = models.ForeignKey(CoordinationSpace, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    side = models.CharField(max_length=8, choices=Side.choices)
    # The author's partner when they wrote it (partner posts), for "who says this".
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CoordinationPostQuerySet.as_manager()
    history = district_history(parent="space")

    class Meta:
        ordering = ["space", "created_at", "pk"]

    def __str__(self):
        return f"Post in {self.space}"
