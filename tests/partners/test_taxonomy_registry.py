"""One taxonomy registry (partners.taxonomy.TAXONOMIES) covers everything the search reads."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners import index
from partners.admin import PartnerAdmin
from partners.filters import GROUPS
from partners.models import Partner, TaxonomyTerm
from partners.models_portal import CLAIM_FIELDS
from partners.resources import PartnerResource
from partners.selectors import TERM_MODELS, directory_search
from partners.taxonomy import TAXONOMIES, taxonomy_read

pytestmark = pytest.mark.django_db


def test_every_taxonomy_is_declared_once():
    terms = {m for m in apps.get_app_config("partners").get_models() if issubclass(m, TaxonomyTerm)}
    assert {t.model for t in TAXONOMIES} == terms
    taxonomy_fields = {
        f.name
        for f in Partner._meta.get_fields()
        if f.many_to_many and issubclass(f.related_model, TaxonomyTerm)
    }
    assert {t.field for t in TAXONOMIES} == taxonomy_fields
    assert len({t.param for t in TAXONOMIES}) == len(TAXONOMIES)
    fixture = taxonomy_read()
    assert all(t.plural in fixture for t in TAXONOMIES)


def test_filters_csv_and_admin_derive_from_the_registry():
    from partners.views.directory import CSV_COLUMNS

    assert GROUPS is TAXONOMIES
    assert all((t.plural, t.param) in CSV_COLUMNS for t in TAXONOMIES)
    assert list(TERM_MODELS) == [t.param for t in TAXONOMIES]
    columns = [f.column_name for f in PartnerResource().get_export_fields()]
    assert all(t.field in columns for t in TAXONOMIES)
    # Claimed terms (phases, curricula, specialties) are export-only: curation confirms them.
    imported = {f.attribute for f in PartnerResource().get_import_fields()}
    assert all((t.field in imported) != (t.field in CLAIM_FIELDS) for t in TAXONOMIES)
    assert all(t.field in PartnerAdmin.list_filter for t in TAXONOMIES)


def test_every_table_the_search_reads_has_the_change_trigger(taxonomy):
    with CaptureQueriesContext(connection) as queries:
        index.index_build(token="x")
        directory_search(params={"q": ["math"], "phase": ["launch"]})
    read = set()
    for query in queries.captured_queries:
        read |= set(re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', query["sql"]))
    read.discard("partners_directorychange")
    assert {t.through._meta.db_table for t in TAXONOMIES} <= read
    assert {t.model._meta.db_table for t in TAXONOMIES} <= read
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_name = 'partners_directory_changed'"
        )
        triggered = {row[0] for row in cursor.fetchall()}
    assert read <= triggered, read - triggered
