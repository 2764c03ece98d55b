"""Evidence of impact: invoices against the contract, outcomes-based payment terms,
participant feedback per session, the year-end review (docs/impact.md)."""

import secrets

from django.conf import settings
from django.db import models

from engagements.models import Engagement, Goal, PlanSession
from plpg.access import DistrictScopedQuerySet
from plpg.history import district_history
from plpg.trash import live_manager


class InvoiceQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"
    trash_paths = ("engagement__",)


class Invoice(models.Model):
    """A partner's invoice against the engagement's contract."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        APPROVED = "approved", "Approved"
        PAID = "paid", "Paid"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="invoices")
    number = models.CharField("invoice number", max_length=60)
    date = models.DateField("invoice date")
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="USD")
    period_start = models.DateField("period from")
    period_end = models.DateField("period to")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(InvoiceQuerySet)
    all_objects = InvoiceQuerySet.as_manager()

    history = district_history(parent="engagement")

    class Meta:
        ordering = ["engagement", "date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "number"], name="invoice_number_once")
        ]

    def __str__(self):
        return f"Invoice {self.number}"


class OutcomeTermsQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"
    trash_paths = ("engagement__",)


class OutcomeTerms(models.Model):
    """Outcomes-based payment terms: the contract split into a base amount and contingent
    amounts, each tied to a goal (optional, at most one per engagement)."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="outcome_terms"
    )
    base_amount = models.DecimalField(
        max_digits=12, decimal_places=2, help_text="Paid for the work itself (USD)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(OutcomeTermsQuerySet)
    all_objects = OutcomeTermsQuerySet.as_manager()

    history = district_history(parent="engagement")

    def __str__(self):
        return f"Outcome terms of {self.engagement_id}"


class ContingentAmountQuerySet(DistrictScopedQuerySet):
    district_field = "terms__engagement__district"
    trash_paths = ("terms__engagement__", "goal__")


class ContingentAmount(models.Model):
    """A share of the payment that depends on one goal's verified value at a date."""

    class Rule(models.TextChoices):
        ALL_OR_NOTHING = "all-or-nothing", "All or nothing (the target is reached)"
        LINEAR = "linear", "Linear between a floor and the target, capped"

    terms = models.ForeignKey(OutcomeTerms, on_delete=models.CASCADE, related_name="contingents")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="contingent_amounts")
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="USD at most.")
    rule = models.CharField(max_length=20, choices=Rule.choices, default=Rule.ALL_OR_NOTHING)
    floor = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Linear rule: the value at which payment starts (nothing at or below it).",
    )
    measurement_date = models.DateField(help_text="When the goal's value is verified.")
    verified_value = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    verified_on = models.DateField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    payout = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    computation = models.TextField(blank=True, help_text="How the payout was computed.")
    version = models.PositiveIntegerField(default=1)

    objects = live_manager(ContingentAmountQuerySet)
    all_objects = ContingentAmountQuerySet.as_manager()

    history = district_history(parent="terms")

    class Meta:
        ordering = ["terms", "measurement_date", "pk"]

    def __str__(self):
        return f"${self.amount} on {self.goal}"


class CommitmentQuerySet(DistrictScopedQuerySet):
    district_field = "terms__engagement__district"
    trash_paths = ("terms__engagement__",)


class DistrictCommitment(models.Model):
    """What the district commits to beside the partner's outcomes (mutual accountability)."""

    class Status(models.TextChoices):
        ON_TRACK = "on-track", "Kept so far"
        SLIPPING = "slipping", "Slipping"
        MET = "met", "Met"
        NOT_MET = "not-met", "Not met"

    terms = models.ForeignKey(OutcomeTerms, on_delete=models.CASCADE, related_name="commitments")
    text = models.CharField(
        "the district commits to",
        max_length=300,
        help_text="e.g. Coaches released for weekly planning",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ON_TRACK)

    objects = live_manager(CommitmentQuerySet)
    all_objects = CommitmentQuerySet.as_manager()

    history = district_history(parent="terms")

    class Meta:
        ordering = ["terms", "pk"]

    def __str__(self):
        return self.text


def new_feedback_token() -> str:
    return secrets.token_urlsafe(16)


class FeedbackLinkQuerySet(DistrictScopedQuerySet):
    district_field = "session__plan_item__engagement__district"
    trash_paths = ("session__plan_item__", "session__plan_item__engagement__")


class FeedbackLink(models.Model):
    """A session's public feedback link (shown as a QR code on the last slide)."""

    session = models.OneToOneField(
        PlanSession, on_delete=models.CASCADE, related_name="feedback_link"
    )
    token = models.CharField(max_length=40, unique=True, default=new_feedback_token)
    can_statement = models.CharField(
        "“I can …” statement",
        max_length=200,
        help_text="From the session's objective, e.g. I can plan a lesson with the IM structure.",
    )
    closes_on = models.DateField(help_text="The last day the link accepts answers.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(FeedbackLinkQuerySet)
    all_objects = FeedbackLinkQuerySet.as_manager()

    history = district_history(parent="session")

    def __str__(self):
        return f"Feedback on {self.session}"


class FeedbackResponseQuerySet(DistrictScopedQuerySet):
    district_field = "link__session__plan_item__engagement__district"
    trash_paths = ("link__session__plan_item__", "link__session__plan_item__engagement__")


class FeedbackResponse(models.Model):
    """One participant's anonymous answers: four 1–4 statements and a comment. Nothing about
    the person is stored (no account, no address, no time of day)."""

    SCALE = [(1, "Strongly disagree"), (2, "Disagree"), (3, "Agree"), (4, "Strongly agree")]

    link = models.ForeignKey(FeedbackLink, on_delete=models.CASCADE, related_name="responses")
    relevance = models.PositiveSmallIntegerField(choices=SCALE)
    facilitation = models.PositiveSmallIntegerField(choices=SCALE)
    learning = models.PositiveSmallIntegerField(choices=SCALE)
    intended_use = models.PositiveSmallIntegerField(choices=SCALE)
    comment = models.TextField(blank=True)
    answered_on = models.DateField()

    objects = live_manager(FeedbackResponseQuerySet)
    all_objects = FeedbackResponseQuerySet.as_manager()

    class Meta:
        ordering = ["link", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(relevance__range=(1, 4))
                & models.Q(facilitation__range=(1, 4))
                & models.Q(learning__range=(1, 4))
                & models.Q(intended_use__range=(1, 4)),
                name="feedback_answers_1_to_4",
            )
        ]

    def __str__(self):
        return f"Response {self.pk} to {self.link}"


class YearEndReviewQuerySet(DistrictScopedQuerySet):
    district_field = "engagement__district"
    trash_paths = ("engagement__",)


class YearEndReview(models.Model):
    """The year-end review: the playbook's decision questions asked again as a retrospective,
    and the decision to renew, renew with changes or close."""

    class Decision(models.TextChoices):
        RENEW = "renew", "Renew"
        RENEW_WITH_CHANGES = "renew-with-changes", "Renew with changes"
        CLOSE = "close", "Close"

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="year_end_review"
    )
    vision = models.TextField(
        "Does this partner's work align with our vision and help us reach our goals?"
    )
    capacity = models.TextField("Does it build our own capacity beyond the contract?")
    coherence = models.TextField("Does it support or contradict our other partners' work?")
    next_contract = models.TextField("What must the next contract include?")
    evidence = models.TextField(
        "Evidence", blank=True, help_text="What the goals' results rest on (data, walkthroughs…)."
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    changes = models.TextField(
        "Changes for the next contract", blank=True, help_text="Renew with changes: which."
    )
    next_engagement = models.OneToOneField(
        Engagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewed_from",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    objects = live_manager(YearEndReviewQuerySet)
    all_objects = YearEndReviewQuerySet.as_manager()

    history = district_history(parent="engagement")

    def __str__(self):
        return f"Year-end review of {self.engagement_id}: {self.decision}"
