"""Selections (a district's search for a partner), guides, interviews and scorecards."""

from django.conf import settings
from django.db import models

from partners.models import ContentArea, CostBand, Curriculum, GradeBand, Partner, Phase
from plpg.access import DistrictScopedQuerySet
from plpg.models import District


class SelectionQuerySet(DistrictScopedQuerySet):
    district_field = "district"


class Selection(models.Model):
    """A district's search for a PL partner: needs, shortlist, interviews, decision."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DECIDED = "decided", "Decided"
        CLOSED = "closed", "Closed without a decision"

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
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SelectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class ShortlistEntryQuerySet(DistrictScopedQuerySet):
    district_field = "selection__district"


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

    objects = ShortlistEntryQuerySet.as_manager()

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
