"""Selections (a district's search for a partner), guides, interviews and scorecards."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from partners.models import ContentArea, CostBand, Curriculum, GradeBand, Partner, Phase
from plpg import formats
from plpg.access import DistrictScopedQuerySet, districts_for_user
from plpg.history import district_history
from plpg.models import District
from plpg.trash import Trashable, live_manager

NOTE_MAX_LENGTH = 5000

# The rating scale (DESIGN.md): four points, no neutral middle; "not addressed" is no score.
SCALE = [
    (1, "Not evident"),
    (2, "Partially evident"),
    (3, "Evident"),
    (4, "Strong evidence"),
]
SCALE_LABELS = dict(SCALE)


class SectionKind(models.TextChoices):
    """General questions, or one of the four phases (the values are the phase slugs)."""

    GENERAL = "general", "General"
    ADOPTION = "adoption", "Adoption"
    LAUNCH = "launch", "Launch (Initial Implementation)"
    ONGOING_TEACHERS = "ongoing-teachers", "Ongoing support for teachers"
    ONGOING_LEADERS = "ongoing-leaders", "Ongoing support for leaders"


# --- Guides -------------------------------------------------------------------------------


class GuideQuerySet(models.QuerySet):
    def templates(self):
        """The global guide templates (from the seeds), current versions only."""
        return self.filter(district__isnull=True, is_current=True)

    def default(self):
        """The default template (the playbook's guide), or None before guides are loaded."""
        return self.templates().filter(is_default=True).first()

    def usable_by(self, user):
        """Global templates plus the current guides of the user's districts."""
        return self.filter(
            Q(district__isnull=True) | Q(district__in=districts_for_user(user)), is_current=True
        )

    def for_user(self, user, roles=None):
        """Guides a user may open: global templates and their own districts' guides."""
        return self.filter(
            Q(district__isnull=True) | Q(district__in=districts_for_user(user, roles))
        )


class Guide(models.Model):
    """An interview guide: sections → blocks → questions and look-fors.

    Global templates have no district. A guide an interview has used is frozen: editing it
    makes a new version, so past interviews keep exactly what they asked.
    """

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, related_name="guides"
    )
    key = models.SlugField(
        max_length=60, blank=True, help_text="Natural key of a global template, e.g. playbook."
    )
    name = models.CharField(max_length=200)
    edition = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=300, blank=True)
    introduction = models.TextField(blank=True)
    preparation = models.TextField(
        blank=True, help_text="Preparation notes for the panel; shown, never scored."
    )
    is_default = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    previous_version = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_versions"
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    is_current = models.BooleanField(default=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GuideQuerySet.as_manager()

    history = district_history()

    class Meta:
        ordering = ["district_id", "name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(district__isnull=True),
                name="global_guide_key_version_unique",
            )
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})" if self.version > 1 else self.name

    @property
    def is_template(self) -> bool:
        return self.district_id is None

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None or self.is_template


class Section(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(max_length=20, choices=SectionKind.choices)
    title = models.CharField(max_length=200)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=1)
    position = models.PositiveIntegerField(default=0)

    history = district_history(parent="guide")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class Block(models.Model):
    """One or more questions that share their look-fors, with optional unscored guidance."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    guidance = models.TextField(blank=True, help_text="Shown to the panel; never scored.")
    position = models.PositiveIntegerField(default=0)

    history = district_history(parent="section")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.section} · block {self.position + 1}"


class Question(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    history = district_history(parent="block")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:80]


class LookFor(models.Model):
    """A thing to look for in the provider's response: one scorable criterion."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="look_fors")
    text = models.TextField(help_text="Lines starting with '- ' are shown as a list.")
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=1)
    position = models.PositiveIntegerField(default=0)

    history = district_history(parent="block")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "look-for"

    def __str__(self):
        return self.text[:80]

    @property
    def lead(self) -> str:
        return self.text.split("\n- ", 1)[0].strip()

    @property
    def points(self) -> list[str]:
        return [line[2:].strip() for line in self.text.splitlines()[1:] if line.startswith("- ")]


class NonNegotiable(models.Model):
    """A district's must-have ('determine your non-negotiables'), on a guide or a selection."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, null=True, blank=True, related_name="non_negotiables"
    )
    selection = models.ForeignKey(
        "Selection",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="non_negotiables",
    )
    text = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    history = district_history(parent=("selection", "guide"))

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(guide__isnull=True, selection__isnull=False)
                | Q(guide__isnull=False, selection__isnull=True),
                name="non_negotiable_on_guide_or_selection",
            )
        ]

    def __str__(self):
        return self.text


# --- Selections ----------------------------------------------------------------------------


class SelectionQuerySet(DistrictScopedQuerySet):
    district_field = "district"
    trash_paths = ("",)


class Selection(Trashable):
    """A district's search for a PL partner: needs, shortlist, interviews, decision."""

    class Status(models.TextChoices):
        # The allowed moves between them live in interviews.lifecycle.SELECTION_TRANSITIONS.
        OPEN = "open", "Open"
        INTERVIEWING = "interviewing", "Interviewing"
        DECIDED = "decided", "Decided"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="selections")
    title = models.CharField(max_length=200)
    needs = models.TextField(blank=True, help_text="What the district needs support with.")
    phases = models.ManyToManyField(Phase, blank=True, related_name="selections")
    content_area = models.ForeignKey(
        ContentArea, on_delete=models.PROTECT, null=True, blank=True, related_name="selections"
    )
    curricula = models.ManyToManyField(Curriculum, blank=True, related_name="selections")
    grade_bands = models.ManyToManyField(GradeBand, blank=True, related_name="selections")
    budget_band = models.ForeignKey(
        CostBand, on_delete=models.PROTECT, null=True, blank=True, related_name="selections"
    )
    guide = models.ForeignKey(
        Guide,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="selections",
        help_text="The guide new interviews use.",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    # The decision, and the playbook's four "questions to consider" before finalising it.
    chosen_partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="chosen_in"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer_vision = models.TextField(blank=True)
    answer_capacity = models.TextField(blank=True)
    answer_coherence = models.TextField(blank=True)
    answer_contract = models.TextField(blank=True)
    decision_notes = models.TextField(blank=True)
    override_reason = models.TextField(
        blank=True,
        help_text="Why the lead decided for a partner without a submitted scorecard.",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = live_manager(SelectionQuerySet)
    all_objects = SelectionQuerySet.as_manager()

    history = district_history()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    # States in which the shortlist and interviews may still change.
    ACTIVE = (Status.OPEN, Status.INTERVIEWING)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None


class ShortlistEntryQuerySet(DistrictScopedQuerySet):
    district_field = "selection__district"
    trash_paths = ("selection__",)


class ShortlistEntry(models.Model):
    class Status(models.TextChoices):
        CONSIDERING = "considering", "Considering"
        INTERVIEWING = "interviewing", "Interviewing"
        DECLINED = "declined", "Declined"
        SELECTED = "selected", "Selected"

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="shortlist")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="shortlist_entries")
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.CONSIDERING)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(ShortlistEntryQuerySet)
    all_objects = ShortlistEntryQuerySet.as_manager()

    history = district_history(parent="selection")

    class Meta:
        ordering = ["added_at"]
        verbose_name_plural = "shortlist entries"
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "partner"], name="partner_once_per_shortlist"
            )
        ]

    def __str__(self):
        return f"{self.partner} on {self.selection}"


# --- Interviews and scorecards -------------------------------------------------------------


class InterviewQuerySet(DistrictScopedQuerySet):
    district_field = "selection__district"
    trash_paths = ("", "selection__")


class Interview(Trashable):
    class Status(models.TextChoices):
        # The allowed moves between them live in interviews.lifecycle.INTERVIEW_TRANSITIONS.
        SCHEDULED = "scheduled", "Scheduled"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"
        NO_SHOW = "no_show", "No-show"

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="interviews")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="interviews")
    scheduled_at = models.DateTimeField()
    guide = models.ForeignKey(Guide, on_delete=models.PROTECT, related_name="interviews")
    sections = models.ManyToManyField(Section, related_name="interviews")
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="interview_panels")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    duration_minutes = models.PositiveSmallIntegerField("duration (minutes)", default=60)
    location = models.CharField(max_length=300, blank=True, help_text="A room or address.")
    video_url = models.URLField("video link", max_length=500, blank=True)
    notes = models.TextField("notes for the panel", blank=True)
    # Set when this "interview" is the panel's review of a written proposal (an RFP): the
    # scorecards, blind rule, consensus and results are the interview's, unchanged.
    proposal = models.OneToOneField(
        "interviews.Proposal",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="review",
    )
    # Calendar invitations: the UID stays, SEQUENCE goes up with every change sent.
    ics_sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(InterviewQuerySet)
    all_objects = InterviewQuerySet.as_manager()

    history = district_history(parent="selection")

    class Meta:
        ordering = ["scheduled_at", "id"]

    def __str__(self):
        if self.proposal_id:
            return f"{self.partner} · proposal"
        return f"{self.partner} · {formats.day(self.scheduled_at)}"

    @property
    def is_proposal_review(self) -> bool:
        return self.proposal_id is not None


class ScorecardQuerySet(DistrictScopedQuerySet):
    district_field = "interview__selection__district"
    trash_paths = ("", "interview__", "interview__selection__")


class Scorecard(Trashable):
    """One panelist's scores for one interview."""

    class Conflict(models.TextChoices):
        UNANSWERED = "unanswered", "Not yet declared"
        NONE = "none", "No conflict"
        DECLARED = "declared", "Conflict declared"
        CLEARED = "cleared", "Conflict reviewed, may score"
        RECUSED = "recused", "Recused"

    class Recommendation(models.TextChoices):
        STRONG_NO = "strong_no", "Strong no"
        NO = "no", "No"
        YES = "yes", "Yes"
        STRONG_YES = "strong_yes", "Strong yes"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    panelist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorecards"
    )
    conflict = models.CharField(
        max_length=12, choices=Conflict.choices, default=Conflict.UNANSWERED
    )
    conflict_note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    conflict_resolution = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    recommendation = models.CharField(max_length=12, choices=Recommendation.choices, blank=True)
    takeaways = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Withdrawn: the panelist no longer owes it (the lead closed the interview without it, or
    # the selection was decided). It leaves their "to score" list and blind scoring ends.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = live_manager(ScorecardQuerySet)
    all_objects = ScorecardQuerySet.as_manager()

    history = district_history(parent="interview")

    class Meta:
        ordering = ["interview", "panelist__email"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "panelist"], name="one_scorecard_each")
        ]

    def __str__(self):
        return f"{self.panelist} · {self.interview}"

    @property
    def may_score(self) -> bool:
        return self.conflict in (self.Conflict.NONE, self.Conflict.CLEARED)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_owed(self) -> bool:
        """Still to be submitted by its panelist (blind scoring holds while it is)."""
        return (
            self.submitted_at is None
            and self.withdrawn_at is None
            and self.conflict != self.Conflict.RECUSED
        )

    @property
    def progress(self) -> str:
        """Not started / in progress / submitted / recused / withdrawn, for the panel table."""
        if self.conflict == self.Conflict.RECUSED:
            return "Recused"
        if self.submitted_at is not None:
            return "Submitted"
        if self.withdrawn_at is not None:
            return "Withdrawn"
        if self.conflict == self.Conflict.UNANSWERED:
            return "Not started"
        return "In progress"


class Rating(models.Model):
    """A panelist's rating of one look-for: 1–4, or not addressed, with an evidence note."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="ratings")
    look_for = models.ForeignKey(LookFor, on_delete=models.PROTECT, related_name="ratings")
    score = models.PositiveSmallIntegerField(null=True, blank=True, choices=SCALE)
    not_addressed = models.BooleanField(default=False)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    history = district_history(parent="scorecard")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "look_for"], name="one_rating_each"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4),
                name="rating_score_1_to_4",
            ),
            models.CheckConstraint(
                condition=~Q(score__isnull=False, not_addressed=True),
                name="rating_score_or_not_addressed",
            ),
        ]

    def __str__(self):
        return f"{self.look_for_id}: {self.value_label}"

    @property
    def value_label(self) -> str:
        if self.not_addressed:
            return "Not addressed"
        return f"{self.score} · {SCALE_LABELS[self.score]}" if self.score else "Not rated"


class ConsensusQuerySet(DistrictScopedQuerySet):
    district_field = "interview__selection__district"


class Consensus(models.Model):
    """The panel's agreed rating of a look-for, set by the lead with a reason."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="consensus")
    look_for = models.ForeignKey(LookFor, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(null=True, blank=True, choices=SCALE)
    not_addressed = models.BooleanField(default=False)
    reason = models.TextField(max_length=NOTE_MAX_LENGTH)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConsensusQuerySet.as_manager()

    history = district_history(parent="interview")

    class Meta:
        verbose_name_plural = "consensus ratings"
        constraints = [
            models.UniqueConstraint(fields=["interview", "look_for"], name="one_consensus_each")
        ]

    def __str__(self):
        return f"Consensus {self.look_for_id}: {self.score or 'not addressed'}"


class NonNegotiableResult(models.Model):
    class Status(models.TextChoices):
        MET = "met", "Met"
        NOT_MET = "not_met", "Not met"
        UNCLEAR = "unclear", "Unclear"

    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="non_negotiable_results"
    )
    non_negotiable = models.ForeignKey(
        NonNegotiable, on_delete=models.CASCADE, related_name="results"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNCLEAR)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = district_history(parent="interview")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "non_negotiable"], name="one_result_per_non_negotiable"
            )
        ]

    def __str__(self):
        return f"{self.non_negotiable}: {self.get_status_display()}"


# Requests for proposals and proposals (a proposal's review is an Interview with ``proposal``).
from interviews.models_rfp import (  # noqa: E402, F401
    REQUIREMENTS,
    RFP,
    Proposal,
    ProposalAttachment,
    RFPInvitation,
    RFPQuestion,
    RFPSection,
)
