"""Load the directory's vocabularies (fixtures/partners/taxonomy.json) and, on PostgreSQL,
the GIN index that serves the directory's text search."""

from django.db import migrations


def load(apps, schema_editor):
    from partners.taxonomy import taxonomy_load

    taxonomy_load(get_model=lambda name: apps.get_model("partners", name))


def gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS partner_search_vector_gin "
            "ON partners_partner USING gin (search_vector)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS partner_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_partner_search")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(gin_index, drop_gin_index),
    ]
