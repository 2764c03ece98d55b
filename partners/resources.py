"""CSV import and export of partners for curators (django-import-export, in the admin).

One row per partner, matched by slug; taxonomies as slugs separated by ";" (states by
their two-letter code). An unknown term fails its row with a message instead of being
dropped silently.

The export has every column. The import brings in **applicants** (new partners, status
draft, reviewed through /curation/) and updates partners that are still applicants; it
never writes a profile that is in the directory (or archived) — those change through a
draft and ``partners.curation.draft_approve`` — and never writes the claimed terms
(phases, curricula, specialties: confirmed claims, ``claims_publish``), the status or the
review date. Those columns are export-only: a row may leave them empty or as they are;
a different value fails the row with a sentence (all or nothing).
"""

from import_export import fields, resources, widgets

from partners.models import Partner, State
from partners.models_portal import CLAIM_FIELDS
from partners.services import partners_index_all
from partners.taxonomy import TAXONOMIES


class TermsWidget(widgets.ManyToManyWidget):
    """Terms by slug (or code), separated by ";"; unknown values are an error."""

    def __init__(self, model, field="slug"):
        super().__init__(model, separator=";", field=field)

    def clean(self, value, row=None, **kwargs):
        values = [v.strip() for v in str(value or "").split(self.separator) if v.strip()]
        if self.field == "code":
            values = [v.upper() for v in values]
        found = self.model.objects.filter(**{f"{self.field}__in": values})
        missing = set(values) - {getattr(t, self.field) for t in found}
        if missing:
            raise ValueError(
                f"unknown {self.model._meta.verbose_name} {', '.join(sorted(missing))}"
            )
        return found


def _terms(attribute, model, field="slug"):
    return fields.Field(
        column_name=attribute,
        attribute=attribute,
        widget=TermsWidget(model, field=field),
        readonly=attribute in CLAIM_FIELDS,
    )


# Export-only columns besides the claimed terms (see the module docstring).
EXPORT_ONLY = ("status", "last_reviewed")


class PartnerResource(resources.ModelResource):
    hq_state = fields.Field(
        column_name="hq_state",
        attribute="hq_state",
        widget=widgets.ForeignKeyWidget(State, field="code"),
    )
    # One column per taxonomy of the registry (partners.taxonomy).
    for _taxonomy in TAXONOMIES:
        locals()[_taxonomy.field] = _terms(_taxonomy.field, _taxonomy.model, _taxonomy.lookup)
    del _taxonomy

    class Meta:
        model = Partner
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        # All or nothing: one bad row leaves the directory as it was.
        use_transactions = True
        fields = [
            "slug",
            "name",
            "summary",
            "description",
            "website",
            "contact_name",
            "contact_email",
            "hq_state",
            "national",
            *(t.field for t in TAXONOMIES),
            "status",
            "is_demo",
            "last_reviewed",
        ]
        export_order = fields

    def get_import_fields(self):
        """Export-only columns are neither written nor compared (skip_unchanged)."""
        return [
            field
            for field in super().get_import_fields()
            if not field.readonly and field.attribute not in EXPORT_ONLY
        ]

    def before_import_row(self, row, **kwargs):
        """Check the taxonomy columns before the row is saved (they are saved last), and
        that export-only columns are empty or unchanged."""
        for field in self.get_import_fields():
            if isinstance(field.widget, TermsWidget) and field.column_name in row:
                field.widget.clean(row[field.column_name])
        existing = Partner.objects.filter(slug=row.get("slug")).first()
        for name in CLAIM_FIELDS:
            if not str(row.get(name) or "").strip():
                continue
            wanted = {t.pk for t in self.fields[name].widget.clean(row[name])}
            current = (
                set(getattr(existing, name).values_list("pk", flat=True)) if existing else set()
            )
            if wanted != current:
                raise ValueError(
                    f"{name}: phases, curricula and specialties are claims a curator confirms "
                    "with evidence in /curation/; leave the column empty or as exported"
                )
        for name in EXPORT_ONLY:
            value = str(row.get(name) or "").strip()
            if not value:
                continue
            current = self.fields[name].export(existing) if existing else Partner.Status.DRAFT
            if value != str(current):
                raise ValueError(
                    f"{name}: set by review in /curation/, not by import; leave it empty or "
                    "as exported"
                )

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk and instance.status != Partner.Status.DRAFT:
            raise ValueError(
                f"{instance.slug} is {instance.get_status_display().lower()}: change its profile "
                "through a draft in /curation/ (the import only brings in and updates applicants)"
            )
        super().before_save_instance(instance, row, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run") and not result.has_errors():
            slugs = [row.get("slug") for row in dataset.dict if row.get("slug")]
            partners_index_all(queryset=Partner.objects.filter(slug__in=slugs))
