"""The directory's vocabularies, loaded from fixtures/partners/taxonomy.json.

Taxonomy is not demo data: migration 0004 loads it, ``manage.py load_taxonomy`` brings it up
to date, and partners.demo calls it too. Terms are matched by slug (states by code), so a
curator's renamed term keeps its slug and nothing is duplicated.
"""

import json
from pathlib import Path

from django.conf import settings

TAXONOMY_FILE = Path(settings.BASE_DIR) / "fixtures" / "partners" / "taxonomy.json"

# fixture key -> model name, in an order that satisfies foreign keys
GROUPS = [
    ("phases", "Phase"),
    ("content_areas", "ContentArea"),
    ("curricula", "Curriculum"),
    ("pl_types", "PLType"),
    ("delivery_formats", "DeliveryFormat"),
    ("grade_bands", "GradeBand"),
    ("cost_bands", "CostBand"),
    ("states", "State"),
    ("specialties", "Specialty"),
]


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
    for key, model_name in GROUPS:
        model = get_model(model_name)
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
