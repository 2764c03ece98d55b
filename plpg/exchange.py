"""District export and import (docs/export.md).

``district_export(district)`` returns a dict: ``schema`` (SCHEMA_VERSION), the district, and
one list of rows per table in TABLES. Rows carry no database ids: each row has a ``_ref``
("interviews.selection:3", its position in the table), references to other district rows
are refs, and references to shared data are natural keys (a user's email, a partner's or
taxonomy term's slug, a global guide's key/version and the position of a section or
look-for in it). So an export loads into another installation that has the same directory
and guide templates, and exporting what was imported gives the same document.

``export_zip`` packs the document as ``district.json`` plus one CSV per table for people.
``district_import(data)`` loads a document into a new district, in one transaction.
The history is not exported (it describes this installation's rows); trashed rows are.
"""

import contextlib
import csv
import datetime as dt
import decimal
import io
import json
import zipfile
from collections import defaultdict

from django.apps import apps
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.dateparse import parse_date, parse_datetime

SCHEMA_VERSION = 1

# (table, path from a row to its district) in the order an import must create them.
TABLES = [
    ("plpg.membership", "district"),
    ("interviews.guide", "district"),
    ("interviews.section", "guide__district"),
    ("interviews.block", "section__guide__district"),
    ("interviews.question", "block__section__guide__district"),
    ("interviews.lookfor", "block__section__guide__district"),
    ("interviews.selection", "district"),
    ("interviews.nonnegotiable", ("guide__district", "selection__district")),
    ("interviews.shortlistentry", "selection__district"),
    # RFPs and proposals (before interviews: a proposal's review is an interview about it).
    ("interviews.rfp", "selection__district"),
    ("interviews.rfpsection", "rfp__selection__district"),
    ("interviews.rfpinvitation", "rfp__selection__district"),
    ("interviews.rfpquestion", "rfp__selection__district"),
    ("interviews.proposal", "rfp__selection__district"),
    ("interviews.proposalattachment", "proposal__rfp__selection__district"),
    ("interviews.interview", "selection__district"),
    ("interviews.scorecard", "interview__selection__district"),
    ("interviews.rating", "scorecard__interview__selection__district"),
    ("interviews.consensus", "interview__selection__district"),
    ("interviews.nonnegotiableresult", "interview__selection__district"),
    ("engagements.engagement", "district"),
    ("engagements.onboardingitem", "engagement__district"),
    ("engagements.goal", "engagement__district"),
    ("engagements.checkin", "district"),
    ("engagements.goalupdate", "goal__engagement__district"),
    ("engagements.planitem", "engagement__district"),
    ("engagements.plansession", "plan_item__engagement__district"),
    ("engagements.actionitem", "engagement__district"),
    # The shared workspace (engagements.workspace): files are listed by their storage name;
    # the bytes stay in the installation's storage (docs/export.md).
    ("workspace.engagementshare", "engagement__district"),
    ("workspace.material", "engagement__district"),
    ("workspace.materialversion", "material__engagement__district"),
    ("workspace.fieldissue", "engagement__district"),
    ("workspace.issuecomment", "issue__engagement__district"),
    ("workspace.document", "engagement__district"),
    ("workspace.contractamendment", "engagement__district"),
    # Evidence of impact (engagements.impact).
    ("impact.invoice", "engagement__district"),
    ("impact.outcometerms", "engagement__district"),
    ("impact.contingentamount", "terms__engagement__district"),
    ("impact.districtcommitment", "terms__engagement__district"),
    ("impact.feedbacklink", "session__plan_item__engagement__district"),
    ("impact.feedbackresponse", "link__session__plan_item__engagement__district"),
    ("impact.yearendreview", "engagement__district"),
    # Days off: the import replaces the federal holidays a new district is seeded with.
    ("plpg.holiday", "district"),
    # Coordination spaces: who is in one is the through table's rows, not the m2m field.
    ("workspace.coordinationspace", "district"),
    ("workspace.coordinationmember", "space__district"),
    ("workspace.coordinationpost", "space__district"),
]
# District data deliberately left out, and why (tests/plpg/test_exchange.py checks that every
# district-scoped table is either in TABLES or here).
NOT_EXPORTED = {
    "plpg.invitation": "one-time sign-up links; invite people again after an import",
}
# Secrets that grant access by URL: not written to the file; an import makes new ones.
SECRET_FIELDS = {"impact.feedbacklink": {"token"}}
DISTRICT_FIELDS_SKIPPED = {"id", "slug"}
USER = "plpg.user"


class ImportRefused(Exception):
    """The file cannot be loaded here; the message says why (nothing was saved)."""


def _model(label):
    return apps.get_model(label)


def _rows(label, path, district):
    model = _model(label)
    manager = getattr(model, "all_objects", model._default_manager)
    paths = (path,) if isinstance(path, str) else path
    condition = models.Q()
    for one in paths:
        condition |= models.Q(**{one: district})
    return manager.filter(condition).order_by("pk")


# --- Shared data: natural keys ------------------------------------------------------------


def _guide_parts(guide):
    """Sections and look-fors of a global guide, in a stable order (the natural keys)."""
    sections = list(guide.sections.order_by("position", "id"))
    look_fors = list(
        _model("interviews.lookfor")
        .objects.filter(block__section__guide=guide)
        .order_by(
            "block__section__position",
            "block__section_id",
            "block__position",
            "block_id",
            "position",
            "id",
        )
    )
    return sections, look_fors


# What a natural key reads beyond the row itself (a section's or look-for's guide).
_KEY_PATHS = {
    "interviews.section": ("guide",),
    "interviews.lookfor": ("block__section__guide",),
}


class SharedKeys:
    """Natural keys of shared rows (export) and the rows for keys (import), cached."""

    def __init__(self):
        self._guides = {}
        self._rows = {}  # (model, pk) → row, read in bulk by prime()

    def prime(self, model, pks) -> None:
        """Read the rows these keys will be asked for in one query (not one per key)."""
        wanted = {pk for pk in pks if (model, pk) not in self._rows}
        rows = model._base_manager.select_related(*_KEY_PATHS.get(model._meta.label_lower, ()))
        for pk, obj in rows.in_bulk(wanted).items():
            self._rows[(model, pk)] = obj

    def _parts(self, guide):
        if guide.pk not in self._guides:
            self._guides[guide.pk] = _guide_parts(guide)
        return self._guides[guide.pk]

    def key(self, model, pk):
        label = model._meta.label_lower
        obj = self._rows.get((model, pk)) or model._base_manager.get(pk=pk)
        if label == USER:
            return {"email": obj.email, "first_name": obj.first_name, "last_name": obj.last_name}
        if hasattr(obj, "slug"):
            return {"slug": obj.slug}
        if label == "interviews.guide":
            return {"guide": obj.key, "version": obj.version}
        if label == "interviews.section":
            sections, _ = self._parts(obj.guide)
            return {
                "guide": obj.guide.key,
                "version": obj.guide.version,
                "section": sections.index(obj),
            }
        if label == "interviews.lookfor":
            guide = obj.block.section.guide
            _, look_fors = self._parts(guide)
            return {"guide": guide.key, "version": guide.version, "look_for": look_fors.index(obj)}
        raise ImportRefused(f"No natural key for {label}.")

    def find(self, model, key):
        label = model._meta.label_lower
        try:
            if label == USER:
                user = model.objects.filter(email=key["email"]).first()
                if user is None:
                    user = model.objects.create_user(
                        email=key["email"],
                        first_name=key.get("first_name", ""),
                        last_name=key.get("last_name", ""),
                    )
                return user.pk
            if "slug" in key:
                return model._base_manager.get(slug=key["slug"]).pk
            guide = _model("interviews.guide").objects.get(
                district__isnull=True, key=key["guide"], version=key["version"]
            )
            if label == "interviews.guide":
                return guide.pk
            sections, look_fors = self._parts(guide)
            if label == "interviews.section":
                return sections[key["section"]].pk
            return look_fors[key["look_for"]].pk
        except (model.DoesNotExist, IndexError, KeyError, TypeError) as error:
            raise ImportRefused(
                f"This installation has no {model._meta.verbose_name} {key!r}: load the same "
                "directory and guide templates first."
            ) from error


# --- Export --------------------------------------------------------------------------------


def _plain_many_to_many(meta):
    """Many-to-many fields kept as lists of refs; one with its own through model is exported
    as that model's table instead (TABLES lists it)."""
    return [field for field in meta.many_to_many if field.remote_field.through._meta.auto_created]


def _plain(value):
    if isinstance(value, FieldFile):
        return value.name  # the storage key; the file's bytes are not in the document
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def district_export(district) -> dict:
    """Everything of the district as one JSON-ready document (see the module docstring)."""
    District = _model("plpg.district")
    keys = SharedKeys()
    refs = {}  # (label, pk) → ref, for every exported district row
    querysets = [(label, list(_rows(label, path, district))) for label, path in TABLES]
    for label, rows in querysets:
        for index, obj in enumerate(rows, start=1):
            refs[(label, obj.pk)] = f"{label}:{index}"

    def reference(model, pk):
        if pk is None:
            return None
        label = model._meta.label_lower
        if label == "plpg.district":
            return "district" if pk == district.pk else None
        if (label, pk) in refs:
            return refs[(label, pk)]
        return keys.key(model, pk)

    # Many-to-many links: one query per field for the whole table, not one per row.
    links = {}  # (label, field name) → {row pk: [related pks]}
    for label, rows in querysets:
        for field in _plain_many_to_many(_model(label)._meta):
            found = defaultdict(list)
            for own, other in field.remote_field.through.objects.filter(
                **{f"{field.m2m_field_name()}__in": [obj.pk for obj in rows]}
            ).values_list(field.m2m_field_name(), field.m2m_reverse_name()):
                found[own].append(other)
            links[(label, field.name)] = found
    # Shared rows (users, partners, taxonomy, guides) named by key: read in bulk first.
    shared = defaultdict(set)
    for label, rows in querysets:
        model = _model(label)
        for field in model._meta.concrete_fields:
            if field.is_relation:
                for obj in rows:
                    shared[field.related_model].add(getattr(obj, field.attname))
        for field in _plain_many_to_many(model._meta):
            for pks in links[(label, field.name)].values():
                shared[field.related_model].update(pks)
    for model, pks in shared.items():
        label = model._meta.label_lower
        keys.prime(model, [pk for pk in pks if pk is not None and (label, pk) not in refs])

    def row(obj):
        data = {}
        label = obj._meta.label_lower
        secret = SECRET_FIELDS.get(label, ())
        for field in obj._meta.concrete_fields:
            if field.primary_key or field.name in secret:
                continue
            value = getattr(obj, field.attname)
            if field.is_relation:
                data[field.name] = reference(field.related_model, value)
            else:
                data[field.name] = _plain(value)
        for field in _plain_many_to_many(obj._meta):
            ids = links[(label, field.name)].get(obj.pk, [])
            data[field.name] = [reference(field.related_model, pk) for pk in sorted(ids)]
        return data

    district_row = {
        field.name: _plain(getattr(district, field.attname))
        for field in District._meta.concrete_fields
        if field.name not in DISTRICT_FIELDS_SKIPPED
    }
    tables = {}
    for label, rows in querysets:
        tables[label] = [{"_ref": refs[(label, obj.pk)], **row(obj)} for obj in rows]
    return {"schema": SCHEMA_VERSION, "district": district_row, "tables": tables}


def _csv(rows) -> str:
    columns = []
    for row in rows:
        for name in row:
            if name not in columns:
                columns.append(name)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                name: json.dumps(value, ensure_ascii=False)
                if isinstance(value, dict | list)
                else ("" if value is None else value)
                for name, value in row.items()
            }
        )
    return out.getvalue()


def export_zip(document: dict) -> bytes:
    """district.json (for machines) and a CSV per table (for people), zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "district.json", json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
        )
        archive.writestr("district.csv", _csv([document["district"]]))
        for label, rows in document["tables"].items():
            archive.writestr(f"{label}.csv", _csv(rows))
        archive.writestr(
            "README.txt",
            "PLPG district export, schema version "
            f"{document['schema']}.\n\ndistrict.json holds everything (load it with "
            "`python manage.py import_district FILE`).\nEach CSV is one table for reading; "
            "references to other rows are their _ref, or a JSON natural key.\n",
        )
    return buffer.getvalue()


def read_document(raw: bytes) -> dict:
    """The document from a zip (district.json inside) or a bare JSON file."""
    try:
        if raw[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                raw = archive.read("district.json")
        document = json.loads(raw.decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefused(f"Not a PLPG district export: {error}") from error
    if not isinstance(document, dict) or document.get("schema") != SCHEMA_VERSION:
        raise ImportRefused(
            f"Unknown export schema {document.get('schema') if isinstance(document, dict) else '?'}; "
            f"this installation reads schema {SCHEMA_VERSION}."
        )
    return document


# --- Import --------------------------------------------------------------------------------


@contextlib.contextmanager
def _keep_timestamps():
    """Imported rows keep their created/updated times (auto_now fields are paused)."""
    paused = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                paused.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in paused:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _value(field, value):
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        return parse_datetime(value)
    if isinstance(field, models.DateField):
        return parse_date(value)
    if isinstance(field, models.DecimalField):
        return decimal.Decimal(value)
    return value


@transaction.atomic
def district_import(document: dict, *, slug: str | None = None):
    """Create a new district from an export document; returns it. All or nothing."""
    from django.utils.text import slugify

    from plpg.history import bulk_create

    District = _model("plpg.district")
    keys = SharedKeys()
    fields = document["district"]
    slug = slug or slugify(fields.get("name", ""))[:200]
    if District.objects.filter(slug=slug).exists():
        raise ImportRefused(
            f"A district with the slug “{slug}” exists already; import with --slug NEW-SLUG."
        )
    with _keep_timestamps():
        district = District(slug=slug)
        for field in District._meta.concrete_fields:
            if field.name in fields:
                setattr(district, field.attname, _value(field, fields[field.name]))
        district.save()
        if "plpg.holiday" in document["tables"]:
            district.holidays.all().delete()  # seeded on creation; the file has the real ones
        ids = {"district": district.pk}

        def resolve(model, value):
            if value is None:
                return None
            if isinstance(value, str):
                if value not in ids:
                    raise ImportRefused(f"The file refers to {value}, which it does not contain.")
                return ids[value]
            return keys.find(model, value)

        for label, _path in TABLES:
            model = _model(label)
            rows = document["tables"].get(label, [])
            objects, m2m = [], []
            for data in rows:
                obj = model()
                for field in model._meta.concrete_fields:
                    if field.primary_key or field.name not in data:
                        continue
                    if field.is_relation and field.related_model is model:
                        continue  # set below, once the rows it points to exist
                    if field.is_relation:
                        setattr(obj, field.attname, resolve(field.related_model, data[field.name]))
                    else:
                        setattr(obj, field.attname, _value(field, data[field.name]))
                objects.append(obj)
                m2m.append(
                    {
                        f: [resolve(f.related_model, v) for v in data.get(f.name, [])]
                        for f in _plain_many_to_many(model._meta)
                    }
                )
            # Self references (a guide's previous version) point backwards: save in order.
            if any(f.related_model is model for f in model._meta.concrete_fields if f.is_relation):
                for obj, data in zip(objects, rows, strict=True):
                    for field in model._meta.concrete_fields:
                        if field.is_relation and field.related_model is model:
                            setattr(obj, field.attname, resolve(model, data.get(field.name)))
                    obj.save()
                    ids[data["_ref"]] = obj.pk
            else:
                bulk_create(objects, reason="Imported")
                for obj, data in zip(objects, rows, strict=True):
                    ids[data["_ref"]] = obj.pk
            for obj, relations in zip(objects, m2m, strict=True):
                for field, targets in relations.items():
                    getattr(obj, field.name).set(targets)
    return district
