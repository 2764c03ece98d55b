"""The directory's taxonomies: ONE registry, and their terms loaded from
fixtures/partners/taxonomy.json.

``TAXONOMIES`` is the single declaration of every vocabulary a partner is filed under: its
URL parameter, label, model, field on ``Partner`` and plural (fixture key, CSV column). The directory filters and
facets (partners.filters, partners.selectors, partners.index), the CSV columns
(partners.resources), the admin (partners.admin), the change triggers (partners.triggers)
and the loader below all derive from it; tests/partners/test_taxonomy_registry.py checks
that every table the search reads is covered. A new taxonomy is one line here, its model
and a migration (that calls partners.triggers.install).

Taxonomy is not demo data: migration 0004 loads it, ``manage.py load_taxonomy`` brings it up
to date, and partners.demo calls it too. Terms are matched by slug (states by code), so a
curator's renamed term keeps its slug and nothing is duplicated.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

TAXONOMY_FILE = Path(settings.BASE_DIR) / "fixtures" / "partners" / "taxonomy.json"


@dataclass(frozen=True)
class Taxonomy:
    param: str  # the directory's URL parameter
    label: str  # the facet's heading
    field: str  # the many-to-many field on Partner
    model_name: str  # the term model in the partners app
    plural: str  # its list in fixtures/partners/taxonomy.json and its CSV export column
    lookup: str = "slug"  # how a CSV cell names a term

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model("partners", self.model_name)

    @property
    def through(self):
        from partners.models import Partner

        return getattr(Partner, self.field).through

    @property
    def column(self) -> str:
        """The through table's column holding the term id."""
        from partners.models import Partner

        return getattr(Partner, self.field).field.m2m_reverse_field_name() + "_id"


# In facet order; content areas come before curricula (a curriculum names its area).
TAXONOMIES = [
    Taxonomy("phase", "Phase", "phases", "Phase", "phases"),
    Taxonomy("content_area", "Content area", "content_areas", "ContentArea", "content_areas"),
    Taxonomy("curriculum", "Curriculum", "curricula", "Curriculum", "curricula"),
    Taxonomy("grade_band", "Grade band", "grade_bands", "GradeBand", "grade_bands"),
    Taxonomy("cost", "Total cost", "cost_bands", "CostBand", "cost_bands"),
    Taxonomy("delivery", "Delivery", "delivery_formats", "DeliveryFormat", "delivery_formats"),
    Taxonomy("pl_type", "Type of PL", "pl_types", "PLType", "pl_types"),
    Taxonomy("specialty", "Specialty", "specialties", "Specialty", "specialties"),
    Taxonomy("state", "Works in", "states_served", "State", "states", lookup="code"),
]
BY_PARAM = {t.param: t for t in TAXONOMIES}


def taxonomy_read() -> dict:
    """The taxonomy fixture as a dict of lists."""
    return json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))


def taxonomy_load(*, get_model=None) -> dict[str, int]:
    """Create or update every term of the fixture; returns how many terms each group has.

    ``get_model(name)`` lets a data migration pass its historical models.
    """
    if get_model is None:
        from django.apps import apps

        def get_model(name):
            return apps.get_model("partners", name)

    data = taxonomy_read()
    counts = {}
    content_areas = {}
    for taxonomy in TAXONOMIES:
        key, model = taxonomy.plural, get_model(taxonomy.model_name)
        for position, term in enumerate(data[key]):
            fields = {k: v for k, v in term.items() if k not in ("slug", "code")}
            fields["position"] = position
            if key == "states":
                fields["slug"] = term["code"].lower()
                obj, _ = model.objects.update_or_create(code=term["code"].upper(), defaults=fields)
            else:
                if key == "curricula":
                    fields["content_area"] = content_areas[fields["content_area"]]
                obj, _ = model.objects.update_or_create(slug=term["slug"], defaults=fields)
            if key == "content_areas":
                content_areas[obj.slug] = obj
        counts[key] = len(data[key])
    return counts
