"""Sharing an engagement with the partner's staff (and, later, what both sides share)."""

from django.conf import settings
from django.db import models

from engagements.models import Engagement
from plpg.access import DistrictScopedQuerySet
from plpg.history import district_history


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
