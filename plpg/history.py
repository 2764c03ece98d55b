"""One history for district data, kept by django-simple-history (docs/history.md).

Every district-owned model declares ``history = district_history(parent=...)``: each save
or delete then writes a historical row with who (``HistoryRequestMiddleware`` gives the
signed-in user), when, the full row, and optionally why (``history_change_reason``).
Each historical row also carries the district it belongs to and its place in the district's
tree (``history_path``, e.g. ``selection:3/interview:7/scorecard:12/``), so a district's
activity, or everything under one selection or engagement, is one filter per table and
survives the objects' deletion.

Writing history from a service:

- a plain ``save()``/``delete()`` needs nothing; to say why, call
  ``with_reason(obj, "Submitted the scorecard")`` before saving;
- ``note(obj, reason=..., user=...)`` records an event that changes no row (an export,
  a reminder sent): a snapshot of obj as it stands, with the reason;
- ``QuerySet.update()`` and ``bulk_create()`` write no history: use ``save()`` or
  ``simple_history.utils.bulk_update_with_history`` / ``bulk_create_with_history``.

Reading it: ``records_under(root)``, ``district_records(district)`` and ``object_records(obj)``
return ``Change`` rows (record + field-by-field diff against the previous record).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from heapq import merge

from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from plpg import formats

# Models registered through district_history(), in declaration order.
REGISTRY: list[type[models.Model]] = []


class DistrictHistoryBase(models.Model):
    """Fields every historical row of district data carries (added by district_history)."""

    history_district = models.ForeignKey(
        "plpg.District",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    history_path = models.CharField(max_length=300, blank=True, db_index=True)

    class Meta:
        abstract = True


class DistrictHistory(HistoricalRecords):
    """HistoricalRecords that knows how to reach the district from the instance."""

    def __init__(self, *, parent=(), **kwargs):
        # parent: FK name(s) towards the district, first non-empty one wins (NonNegotiable
        # hangs on a guide or a selection); () for models with their own district FK.
        self.parent = (parent,) if isinstance(parent, str) else tuple(parent)
        kwargs.setdefault("bases", [DistrictHistoryBase])
        kwargs.setdefault("cascade_delete_history", False)
        kwargs.setdefault("history_change_reason_field", models.TextField(null=True))
        super().__init__(**kwargs)

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is not self.cls:
            return
        sender._history_parent = self.parent
        if sender not in REGISTRY:
            REGISTRY.append(sender)


def district_history(*, parent=(), **kwargs) -> DistrictHistory:
    """The ``history`` field of a district-owned model; parent names the FK towards it."""
    return DistrictHistory(parent=parent, **kwargs)


def _label(obj_or_model) -> str:
    return obj_or_model._meta.model_name


def place_of(instance) -> tuple[int | None, str]:
    """(district id, history path) of a live instance; follows cached FKs where it can."""
    from plpg.models import District

    steps = []
    obj = instance
    while True:
        if isinstance(obj, District):
            return obj.pk, "/".join(reversed(steps)) + ("/" if steps else "")
        steps.append(f"{_label(obj)}:{obj.pk}")
        parents = getattr(type(obj), "_history_parent", ())
        upper = None
        for name in parents:
            if getattr(obj, f"{name}_id", None) is not None:
                upper = getattr(obj, name)
                break
        if upper is None:
            district_id = getattr(obj, "district_id", None)
            return district_id, "/".join(reversed(steps)) + "/"
        obj = upper


@receiver(pre_create_historical_record)
def _place_record(sender, instance, history_instance, **kwargs):
    if not hasattr(history_instance, "history_path"):
        return
    district_id, path = place_of(instance)
    history_instance.history_district_id = district_id
    history_instance.history_path = path[:300]


def with_reason(obj, reason: str):
    """Say why: the next save/delete of obj records this reason. Returns obj."""
    obj._change_reason = reason
    return obj


def version_restore(*, live, record, fields) -> None:
    """Copy ``fields`` of an earlier history record back onto the live row, as a new version
    that says which one it restored (a stale-edit ``version`` counter moves on too)."""
    for name in fields:
        setattr(live, name, getattr(record, name))
    if hasattr(live, "version"):
        live.version += 1
    with_reason(live, f"Restored the version of {formats.when(record.history_date)}")
    live.save()


def note(obj, *, reason: str, user=None):
    """Record an event about obj that changes no row (a snapshot of obj with the reason)."""
    district_id, path = place_of(obj)
    return type(obj).history.bulk_history_create(
        [obj],
        update=True,
        default_user=user if user is not None and user.is_authenticated else None,
        default_change_reason=reason,
        custom_historical_attrs={"history_district_id": district_id, "history_path": path},
    )[0]


def bulk_create(objs: list, *, user=None, reason: str = "") -> list:
    """``Model.objects.bulk_create(objs)`` plus one history row each (in two queries). A
    model kept without history (anonymous feedback answers) gets the rows alone."""
    if not objs:
        return objs
    model = type(objs[0])
    model.objects.bulk_create(objs)
    if not hasattr(model, "history"):
        return objs
    history = model.history.model
    rows = []
    for obj in objs:
        district_id, path = place_of(obj)
        rows.append(
            history(
                history_date=timezone.now(),
                history_type="+",
                history_user=user if user is not None and user.is_authenticated else None,
                history_change_reason=reason or None,
                history_district_id=district_id,
                history_path=path,
                **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields},
            )
        )
    history.objects.bulk_create(rows)
    return objs


def populate_missing(*, reason: str = "Recorded when history began") -> int:
    """Give every row without history a first version (rows older than the history, bulk
    loads); runs after each migrate and after seed_demo. Returns how many were added."""
    added = 0
    for model in REGISTRY:
        history = model.history.model
        missing = model._base_manager.exclude(pk__in=history.objects.values("id"))
        rows = []
        for obj in missing.iterator(chunk_size=500):
            district_id, path = place_of(obj)
            rows.append(
                history(
                    history_date=timezone.now(),
                    history_type="+",
                    history_change_reason=reason,
                    history_district_id=district_id,
                    history_path=path[:300],
                    **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields},
                )
            )
        history.objects.bulk_create(rows, batch_size=500)
        added += len(rows)
    return added


# --- Reading ---------------------------------------------------------------------------------

TYPE_LABELS = {"+": "Created", "~": "Changed", "-": "Deleted"}
# What names an object in a history line (first one present wins); relations are joined.
LABEL_FIELDS = ("title", "name", "description", "text", "key")
LABEL_RELATIONS = ("partner", "panelist", "user", "look_for")
# Bookkeeping fields nobody needs to read in a diff.
QUIET_FIELDS = {"version", "updated_at", "created_at", "position", "deleted_at", "deleted_by"}


def _quiet(model, model_field) -> bool:
    """Fields a change does not list: bookkeeping, and the references that only say where the
    row hangs (its district, its parent: the page it is shown on says that already)."""
    return (
        model_field.name in QUIET_FIELDS
        or model_field.primary_key
        or model_field.name == "district"
        or model_field.name in getattr(model, "_history_parent", ())
    )


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass
class Change:
    """One historical record with what changed against the previous record of its object."""

    record: models.Model
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def model(self):
        return self.record.instance_type

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def kind(self) -> str:
        return TYPE_LABELS.get(self.record.history_type, self.record.history_type)

    @property
    def what(self) -> str:
        return str(self.model._meta.verbose_name).capitalize()

    @property
    def object_label(self) -> str:
        """A name for the object without queries: its title/name/text, or who/which partner."""
        record = self.record
        for name in LABEL_FIELDS:
            value = getattr(record, name, None)
            if isinstance(value, str) and value.strip():
                return value.strip().splitlines()[0][:120]
        for name in LABEL_RELATIONS:
            if getattr(record, f"{name}_id", None) is not None:
                return f"{getattr(record, name)} (#{record.id})"
        return f"#{record.id}"

    @property
    def when(self):
        return self.record.history_date

    @property
    def who(self):
        return self.record.history_user

    @property
    def reason(self) -> str:
        return self.record.history_change_reason or ""


def _display(model, name, value, names=None) -> str:
    if value is None or value == "":
        return ""
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return str(value)
    if model_field.many_to_one and names is not None:
        # A reference reads as what it points at ("Morgan Manager", not "4"): ``names`` holds
        # them, looked up once per model for the whole list (_reference_names).
        return names.get((model_field.related_model, value), f"#{value} (deleted)")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _diff(model, previous, record, names=None) -> list[FieldChange]:
    if previous is None and record.history_type != "+":
        return []  # the first state we know of (rows older than the history, migrated lines)
    changes = []
    for model_field in model._meta.concrete_fields:
        name = model_field.attname
        if _quiet(model, model_field):
            continue
        new = getattr(record, name, None)
        old = getattr(previous, name, None) if previous is not None else None
        if previous is None and new in (None, "", False):
            continue
        if old != new:
            changes.append(
                FieldChange(
                    field=model_field.name,
                    label=str(model_field.verbose_name).capitalize(),
                    old=_display(model, model_field.name, old, names),
                    new=_display(model, model_field.name, new, names),
                )
            )
    return changes


def _reference_names(pairs) -> dict:
    """{(related model, pk): str(object)} for every reference that the (model, records) pairs
    carry: one query per related model for a whole page; rows since deleted are left out and
    read "#id (deleted)"."""
    wanted = {}
    for model, records in pairs:
        for model_field in model._meta.concrete_fields:
            if not model_field.many_to_one or _quiet(model, model_field):
                continue
            values = {getattr(r, model_field.attname, None) for r in records if r is not None}
            values.discard(None)
            if values:
                wanted.setdefault(model_field.related_model, set()).update(values)
    return {
        (related, obj.pk): str(obj)
        for related, pks in wanted.items()
        for obj in related._base_manager.filter(pk__in=pks)
    }


def with_diffs(model, records: list, versions=None, names=None) -> list[Change]:
    """Changes for records of one model, each diffed against its object's previous record.

    ``versions``: every version of those objects, if the caller has them; else one query.
    """
    if not records:
        return []
    if versions is None:
        versions = model.history.model.objects.filter(id__in={r.id for r in records})
    chains = {}
    for version in sorted(versions, key=lambda v: (v.history_date, v.history_id)):
        chains.setdefault(version.id, []).append(version)
    previous_of = {}
    for chain in chains.values():
        for before, after in zip([None, *chain[:-1]], chain, strict=True):
            previous_of[after.history_id] = before
    if names is None:
        names = _reference_names([(model, [*records, *previous_of.values()])])
    return [
        Change(record=r, changes=_diff(model, previous_of.get(r.history_id), r, names))
        for r in records
    ]


def records(model, **filters):
    """The historical rows of model matching filters, newest first, with their user."""
    history = model.history.model
    fields = {f.name for f in history._meta.fields}
    related = [name for name in LABEL_RELATIONS if name in fields and not _has_label(model)]
    return (
        history.objects.filter(**filters)
        .select_related("history_user", *related)
        .order_by("-history_date", "-history_id")
    )


def _has_label(model) -> bool:
    return any(name in {f.name for f in model._meta.fields} for name in LABEL_FIELDS)


def newest_first(per_model: list[list[Change]], limit: int | None) -> list[Change]:
    merged = merge(*per_model, key=lambda c: (c.when, c.record.history_id), reverse=True)
    out = []
    for change in merged:
        out.append(change)
        if limit is not None and len(out) >= limit:
            break
    return out


def models_under(root_model) -> list[type[models.Model]]:
    """Registered models whose rows can hang under root_model (root_model included)."""

    def reaches(model, seen=()):
        if model is root_model:
            return True
        for name in getattr(model, "_history_parent", ()):
            upper = model._meta.get_field(name).related_model
            if upper not in seen and reaches(upper, (*seen, model)):
                return True
        return False

    return [model for model in REGISTRY if reaches(model)]


def collect(querysets: dict, *, limit: int | None) -> list[Change]:
    """Newest changes across {model: queryset of its historical rows}.

    With a limit, one UNION query finds which rows are the newest ``limit`` overall, then
    one query per model that has any of them fetches their versions.
    """
    querysets = {model: qs for model, qs in querysets.items()}
    if limit is None:
        return newest_first([with_diffs(m, list(qs)) for m, qs in querysets.items()], None)
    order = list(querysets)
    keyed = [
        queryset.order_by()
        .annotate(history_kind=models.Value(index, output_field=models.IntegerField()))
        .values_list("history_kind", "history_id", "history_date")
        for index, queryset in enumerate(querysets.values())
    ]
    if not keyed:
        return []
    # One flat compound SELECT (chained .union() nests parentheses past SQLite's parser limit).
    union = keyed[0].union(*keyed[1:], all=True) if len(keyed) > 1 else keyed[0]
    newest = list(union.order_by("-history_date", "-history_id")[:limit])
    wanted = {}
    for kind, history_id, _date in newest:
        wanted.setdefault(order[kind], set()).add(history_id)
    fetched = []
    for model, ids in wanted.items():
        # Every version of the objects shown, in one query: the shown ones and their previous.
        shown_objects = model.history.model.objects.filter(history_id__in=ids).values("id")
        versions = list(records(model, id__in=shown_objects))
        fetched.append((model, [v for v in versions if v.history_id in ids], versions))
    names = _reference_names([(model, versions) for model, _shown, versions in fetched])
    per_model = [with_diffs(m, shown, versions, names) for m, shown, versions in fetched]
    return newest_first(per_model, limit)


def _scoped(model, queryset, exclude):
    return exclude(model, queryset) if exclude is not None else queryset


def records_under(root, *, limit: int | None = 200, models_only=None, exclude=None) -> list[Change]:
    """History of root and everything under it (a selection, an interview, an engagement)."""
    _district_id, path = place_of(root)
    return collect(
        {
            model: _scoped(model, records(model, history_path__startswith=path), exclude)
            for model in models_only or models_under(type(root))
        },
        limit=limit,
    )


def district_records(
    district, *, limit: int | None = 200, models_only=None, exclude=None
) -> list[Change]:
    """Every change in the district, newest first (the activity page)."""
    return collect(
        {
            model: _scoped(model, records(model, history_district=district), exclude)
            for model in models_only or REGISTRY
        },
        limit=limit,
    )


def object_records(model, pk, *, limit: int | None = None) -> list[Change]:
    """The history of one object (also after it was deleted), newest first."""
    queryset = records(model, id=pk)
    return with_diffs(model, list(queryset[:limit] if limit else queryset))
