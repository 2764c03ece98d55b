"""Trash instead of hard delete (docs/trash.md).

Selections, interviews, scorecards, engagements, goals, check-ins and plan rows are never
deleted by a user: ``trash_move`` stamps ``deleted_at``; the model's default manager
(``LiveManager``) then leaves the row out, and also every row under a trashed one
(``trash_paths``: an interview's scorecards, an engagement's goals…), so every page,
fragment, PDF and scoped queryset stops showing them without asking. What hangs on a
trashed row is untouched, so ``trash_restore`` brings it all back. A lead restores within
``TRASH_DAYS``; ``manage.py purge_trash`` deletes what is older (cron, daily).
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from plpg.history import for_names, with_reason

TRASH_DAYS = 30


class LiveManager(models.Manager):
    """The default manager of a trashable (or trash-dependent) model: live rows only."""

    def get_queryset(self):
        queryset = super().get_queryset()
        for path in getattr(self._queryset_class, "trash_paths", ()):
            queryset = queryset.filter(**{f"{path}deleted_at__isnull": True})
        return queryset


def live_manager(queryset_class):
    """``objects`` for a model whose QuerySet class declares ``trash_paths``."""
    return LiveManager.from_queryset(queryset_class)()


class Trashable(models.Model):
    """Fields of a row that goes to the trash instead of being deleted."""

    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


@transaction.atomic
def trash_move(*, obj: Trashable, user) -> None:
    """Move obj (and so everything under it) to the trash."""
    obj.deleted_at, obj.deleted_by = timezone.now(), user
    with_reason(obj, "Moved to the trash")
    obj.save(update_fields=["deleted_at", "deleted_by"])


@transaction.atomic
def trash_restore(*, obj: Trashable, user) -> None:
    """Bring obj back from the trash, with everything that hangs on it."""
    obj.deleted_at, obj.deleted_by = None, None
    with_reason(obj, "Restored from the trash")
    obj._history_user = user
    obj.save(update_fields=["deleted_at", "deleted_by"])


def trash_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, Trashable)]


def trash_cutoff(now=None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=TRASH_DAYS)


def trash_items(district) -> list:
    """The district's trashed rows, newest first, still restorable (within TRASH_DAYS)."""
    items = []
    for model in trash_models():
        queryset = model.all_objects.for_district(district).filter(
            deleted_at__isnull=False, deleted_at__gte=trash_cutoff()
        )
        items.extend(for_names(queryset))
    # Who deleted them: one query for every kind of row (select_related() above joins only
    # the foreign keys that cannot be empty).
    users = get_user_model().objects.in_bulk({obj.deleted_by_id for obj in items} - {None})
    for obj in items:
        obj.deleted_by = users.get(obj.deleted_by_id)
    return sorted(items, key=lambda obj: obj.deleted_at, reverse=True)


def trash_purge(*, now=None) -> int:
    """Delete for good what has been in the trash longer than TRASH_DAYS; returns how many."""
    purged = 0
    for model in trash_models():
        for obj in model.all_objects.filter(deleted_at__lt=trash_cutoff(now)):
            with_reason(obj, f"Purged after {TRASH_DAYS} days in the trash")
            obj.delete()
            purged += 1
    return purged
