"""Invalidate the in-memory directory index (partners.index) when its inputs change.

Only cache invalidation lives here: any save or delete of a partner, a sample engagement
or a taxonomy term, and any change of a partner's many-to-many terms. Writes that bypass
signals (QuerySet.update, bulk_create) call partners.services.directory_changed themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from partners import models
from partners.services import directory_changed

WATCHED = [
    models.Partner,
    models.SampleEngagement,
    models.Phase,
    models.ContentArea,
    models.Curriculum,
    models.PLType,
    models.DeliveryFormat,
    models.GradeBand,
    models.CostBand,
    models.State,
    models.Specialty,
]
M2M_FIELDS = [
    "phases",
    "content_areas",
    "curricula",
    "pl_types",
    "delivery_formats",
    "grade_bands",
    "cost_bands",
    "specialties",
    "states_served",
]


def _changed(sender, **kwargs):
    directory_changed()


def _m2m_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        directory_changed()


def connect():
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"directory-{model.__name__}-save")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"directory-{model.__name__}-delete"
        )
    for field in M2M_FIELDS:
        m2m_changed.connect(
            _m2m_changed,
            sender=getattr(models.Partner, field).through,
            dispatch_uid=f"directory-{field}",
        )
