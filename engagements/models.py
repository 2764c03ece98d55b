"""Engagements: running a partnership after the decision.

An Engagement is one partner's contract with one district for a school year or more: its
role, audiences, plan (the scope-and-sequence table), goals, check-ins and action items.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from engagements.progress import PlanProgress, plan_progress
from engagements.timing import timing_parse
from partners.audiences import Audience  # noqa: F401 (engagements name it here too)
from partners.models import ContentArea, CostBand, Curriculum, GradeBand, Partner
from plpg.access import DistrictScopedQuerySet
from plpg.history import district_history
from plpg.models import District
from plpg.trash import Trashable, live_manager


class CheckInCadence(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    BIWEEKLY = "biweekly", "Every two weeks"
    MONTHLY = "monthly", "Every month"
    NONE = "none", "No regular check-ins"


class StepBackCadence(models.TextChoices):
    QUARTERLY = "quarterly", "Every quarter"
    TWICE_A_YEAR = "twice-a-year", "Twice a year"
    NONE = "none", "No step-backs"


class EngagementQuerySet(DistrictScopedQuerySet):
    district_field = "district"

    def open(self):
        """Engagements still running (not closed)."""
        return self.exclude(status=Engagement.Status.CLOSED)

    trash_paths = ("",)


class Engagement(Trashable):
    """One partner's engagement with one district."""

    class Status(models.TextChoices):
        ONBOARDING = "onboarding", "Onboarding"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        CLOSED = "closed", "Closed"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="engagements")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="engagements")
    selection = models.ForeignKey(
        "interviews.Selection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagements",
        help_text="The selection this engagement came from, if any.",
    )
    title = models.CharField(max_length=200, help_text="e.g. K–8 math: IM launch")
    role_statement = models.TextField(
        blank=True,
        help_text="What this partner owns in the district's strategy, so roles don't overlap.",
    )
    audiences = models.JSONField(default=list, blank=True)
    content_areas = models.ManyToManyField(ContentArea, blank=True, related_name="+")
    grade_bands = models.ManyToManyField(GradeBand, blank=True, related_name="+")
    curricula = models.ManyToManyField(Curriculum, blank=True, related_name="+")
    contract_start = models.DateField(null=True, blank=True)
    contract_end = models.DateField(null=True, blank=True)
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Contract amount (USD)."
    )
    cost_band = models.ForeignKey(
        CostBand, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ONBOARDING)
    checkin_cadence = models.CharField(
        "check-in cadence",
        max_length=12,
        choices=CheckInCadence.choices,
        default=CheckInCadence.MONTHLY,
    )
    step_back_cadence = models.CharField(
        "step-back cadence",
        max_length=12,
        choices=StepBackCadence.choices,
        default=StepBackCadence.QUARTERLY,
    )
    required_language_tools = models.TextField(
        "required language and tools",
        blank=True,
        help_text="Language, systems and tools the partner must use, e.g. our observation tool.",
    )
    protocol_materials_review = models.TextField(
        "review of materials",
        blank=True,
        help_text="How materials are reviewed before they go to leaders and teachers.",
    )
    protocol_escalation = models.TextField(
        "escalating issues",
        blank=True,
        help_text="How and when the partner elevates issues observed in the field.",
    )
    protocol_checkins = models.TextField(
        "check-in structure",
        blank=True,
        help_text="Who attends check-ins, how long they are and what they cover.",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = live_manager(EngagementQuerySet)
    all_objects = EngagementQuerySet.as_manager()

    history = district_history()

    class Meta:
        ordering = ["district", "status", "partner__name", "pk"]
        indexes = [models.Index(fields=["district", "status"])]

    def __str__(self):
        return f"{self.partner.name}: {self.title}"

    def get_absolute_url(self):
        return reverse("engagements:detail", args=[self.pk])

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels.get(value, value) for value in self.audiences]


class OnboardingItemQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"
    trash_paths = ("engagement__",)


class OnboardingItem(models.Model):
    """One item of the kick-off meeting checklist (playbook, "Onboard Your Vendor")."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="onboarding_items"
    )
    key = models.SlugField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = live_manager(OnboardingItemQuerySet)
    all_objects = OnboardingItemQuerySet.as_manager()

    history = district_history(parent="engagement")

    class Meta:
        ordering = ["engagement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "key"], name="onboarding_item_once")
        ]

    def __str__(self):
        return self.title


class GoalQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"
    trash_paths = ("", "engagement__")


class Goal(Trashable):
    """A measurable goal of the engagement: from baseline to target by a due date."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(max_length=200)
    measure = models.CharField(
        max_length=300, help_text="How progress is measured, e.g. % of classrooms observed…"
    )
    unit = models.CharField(max_length=20, blank=True, help_text="e.g. %, teachers, points")
    baseline = models.DecimalField(max_digits=10, decimal_places=2)
    target = models.DecimalField(max_digits=10, decimal_places=2)
    start_date = models.DateField(help_text="When the baseline was measured.")
    due_date = models.DateField()
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(GoalQuerySet)
    all_objects = GoalQuerySet.as_manager()

    history = district_history(parent="engagement")

    class Meta:
        ordering = ["engagement", "position", "due_date", "pk"]

    def __str__(self):
        return self.title


class GoalUpdateQuerySet(DistrictScopedQuerySet):
    district_field = "goal__engagement__district"
    trash_paths = ("goal__", "goal__engagement__")


class GoalUpdate(models.Model):
    """A dated measurement of a goal, usually recorded at a check-in."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="updates")
    checkin = models.ForeignKey(
        "CheckIn", on_delete=models.SET_NULL, null=True, blank=True, related_name="goal_updates"
    )
    date = models.DateField()
    value = models.DecimalField(max_digits=10, decimal_places=2)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(GoalUpdateQuerySet)
    all_objects = GoalUpdateQuerySet.as_manager()

    history = district_history(parent="goal")

    class Meta:
        ordering = ["goal", "date", "pk"]

    def __str__(self):
        return f"{self.goal}: {self.value} on {self.date}"


class PlanItemQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"
    trash_paths = ("", "engagement__")


class PlanItem(Trashable):
    """One row of the engagement's scope-and-sequence plan."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        DELIVERED = "delivered", "Delivered"
        CANCELLED = "cancelled", "Cancelled"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="plan_items")
    position = models.PositiveSmallIntegerField(default=0)
    timing = models.CharField(max_length=200, help_text="e.g. August, Monthly, 4–6 times a year")
    participants = models.CharField(max_length=300)
    name = models.CharField("name of PL", max_length=300)
    format = models.CharField(max_length=100, blank=True, help_text="Virtual, in-person, hybrid…")
    description = models.TextField(blank=True)
    planned_date = models.DateField(
        null=True,
        blank=True,
        help_text="When it happens (a recurring row: its first session). Left empty, the "
        "timing's first working day within the contract year.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    delivered_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = live_manager(PlanItemQuerySet)
    all_objects = PlanItemQuerySet.as_manager()

    history = district_history(parent="engagement")

    class Meta:
        ordering = ["engagement", "position", "pk"]

    def __str__(self):
        return f"{self.timing}: {self.name}"

    @property
    def recurring(self) -> bool:
        """Whether its timing repeats ("Monthly"): then it has one session per date."""
        return timing_parse(self.timing).recurring

    def session_progress(self) -> PlanProgress:
        """Delivered versus planned over this row's sessions (prefetch "sessions")."""
        return plan_progress(session.status for session in self.sessions.all())


class PlanSessionQuerySet(DistrictScopedQuerySet):
    district_field = "plan_item__engagement__district"
    trash_paths = ("plan_item__", "plan_item__engagement__")


class PlanSession(models.Model):
    """One dated session of a plan row, with its own status: delivered versus planned counts
    these. A dated one-off row has one (its status follows the row's); a recurring row
    ("Monthly", "4-6 times per year") has one per date (engagements/timing.py). A row with no
    date has none yet and counts as one. Kept in step by services.plan_sessions_sync."""

    Status = PlanItem.Status

    class Confirmation(models.TextChoices):
        """Where the session's delivery stands (engagements/deliveries.py). Only a confirmed
        session is delivered (``status``), so delivered-vs-planned counts only those; the
        district marking a session delivered itself confirms it."""

        NONE = "none", "Not reported"
        AWAITING = "awaiting", "Reported by the partner, awaiting confirmation"
        DISPUTED = "disputed", "Disputed by the district"
        CONFIRMED = "confirmed", "Confirmed delivered"

    plan_item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(help_text="The planned date.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    # The delivery as the partner reported it (or the district recorded it).
    confirmation = models.CharField(
        max_length=10, choices=Confirmation.choices, default=Confirmation.NONE
    )
    delivered_on = models.DateField("delivered on", null=True, blank=True)
    facilitator = models.CharField(max_length=200, blank=True)
    attendance = models.PositiveIntegerField("attendance (people)", null=True, blank=True)
    sign_in_sheet = models.FileField(upload_to="sign-in/", max_length=300, blank=True)
    sign_in_filename = models.CharField(max_length=200, blank=True)
    sign_in_kind = models.CharField(max_length=4, blank=True)  # partners.uploads kinds
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(null=True, blank=True)
    # Who confirmed or disputed it, when, and why (a dispute needs a reason).
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    dispute_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = live_manager(PlanSessionQuerySet)
    all_objects = PlanSessionQuerySet.as_manager()

    history = district_history(parent="plan_item")

    class Meta:
        ordering = ["plan_item", "date"]
        constraints = [
            models.UniqueConstraint(fields=["plan_item", "date"], name="one_session_a_day_per_row"),
            # One rule for "delivered": delivered means confirmed (and only then); a report
            # awaiting or disputed belongs to a session still planned.
            models.CheckConstraint(
                condition=models.Q(status="delivered", confirmation="confirmed")
                | models.Q(status="planned", confirmation__in=["none", "awaiting", "disputed"])
                | models.Q(status="cancelled", confirmation="none"),
                name="session_delivered_iff_confirmed",
            ),
        ]

    # Fields that follow ``status`` (settle_confirmation); saved with it.
    FOLLOW_STATUS = ("confirmation", "delivered_on")

    def __str__(self):
        return f"{self.plan_item.name} on {self.date:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        self.settle_confirmation()
        fields = kwargs.get("update_fields")
        if fields is not None and "status" in fields:
            kwargs["update_fields"] = list({*fields, *self.FOLLOW_STATUS})
        super().save(*args, **kwargs)

    def settle_confirmation(self) -> None:
        """Keep the confirmation in step with the status: a delivered session is confirmed
        (the district marked or confirmed it), on its date unless a report gave another; a
        session no longer delivered is not confirmed; a cancelled one has no report."""
        C = self.Confirmation
        if self.status == self.Status.DELIVERED:
            self.confirmation = C.CONFIRMED
            self.delivered_on = self.delivered_on or self.date
        elif self.status == self.Status.CANCELLED or self.confirmation == C.CONFIRMED:
            self.confirmation = C.NONE
            self.delivered_on = None

    @property
    def reported(self) -> bool:
        """Reported by the partner and not settled yet (awaiting or disputed)."""
        return self.confirmation in (self.Confirmation.AWAITING, self.Confirmation.DISPUTED)


class CheckInQuerySet(DistrictScopedQuerySet):
    district_field = "district"
    trash_paths = ("",)


class CheckIn(Trashable):
    """A meeting with one partner, or with several (joint and coherence meetings)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "Regular check-in"
        STEP_BACK = "step-back", "Step-back meeting"
        JOINT = "joint", "Joint check-in"
        COHERENCE = "coherence", "All-partner coherence meeting"
        KICK_OFF = "kick-off", "Kick-off meeting"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="checkins")
    engagements = models.ManyToManyField(Engagement, related_name="checkins")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    date = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField("duration (minutes)", default=60)
    attendees = models.TextField(blank=True)
    progress = models.TextField(blank=True)
    challenges = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    # What the partner's staff see of the meeting (in the shared workspace); every other
    # field of a check-in, private_notes above all, stays with the district.
    shared_notes = models.TextField(
        "notes shared with the partner",
        blank=True,
        help_text="Shown to the partner's staff in the shared workspace.",
    )
    private_notes = models.TextField(
        "private notes",
        blank=True,
        help_text="For the district only: never shown to the partner.",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(CheckInQuerySet)
    all_objects = CheckInQuerySet.as_manager()

    history = district_history()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["district", "date"])]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.date}"


class ActionItemQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"

    def open(self):
        return self.filter(done=False)

    trash_paths = ("engagement__",)


class ActionItem(models.Model):
    """Something someone agreed to do, with a due date (usually from a check-in)."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="action_items"
    )
    checkin = models.ForeignKey(
        CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    description = models.CharField(max_length=500)
    owner = models.CharField(max_length=200, help_text="Who does it (district or partner staff).")
    for_partner = models.BooleanField(
        "the partner's to do",
        default=False,
        help_text="Assigned to the partner: shown to its staff in the shared workspace.",
    )
    due_date = models.DateField()
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    # Who closed it: a district member, or the partner's staff (their own to-dos, from the
    # shared workspace or a coordination space).
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(ActionItemQuerySet)
    all_objects = ActionItemQuerySet.as_manager()

    history = district_history(parent="engagement")

    class Meta:
        ordering = ["done", "due_date", "pk"]
        indexes = [models.Index(fields=["engagement", "done", "due_date"])]

    def __str__(self):
        return self.description

    def save(self, *args, **kwargs):
        # A due date on a weekend or district holiday moves to the working day before.
        from plpg.holidays import district_holidays, previous_working_day

        if self.due_date:
            district_id = (
                Engagement.objects.filter(pk=self.engagement_id)
                .values_list("district_id", flat=True)
                .first()
            )
            holidays = district_holidays([district_id]).get(district_id, frozenset())
            self.due_date = previous_working_day(self.due_date, holidays)
        super().save(*args, **kwargs)


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's private calendar feed; the secret token in its URL can be revoked (replaced)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="engagement_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Calendar feed of {self.user}"
