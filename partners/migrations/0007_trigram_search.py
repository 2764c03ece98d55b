"""Typo-forgiving search (partners.search): the pg_trgm extension and trigram indexes on the
text a search reads. PostgreSQL only; SQLite (make run) suggests with difflib instead."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in ("name", "search_document"):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS partner_{column}_trgm "
            f"ON partners_partner USING gin ({column} gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in ("name", "search_document"):
        schema_editor.execute(f"DROP INDEX IF EXISTS partner_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("partners", "0006_directory_triggers")]

    operations = [migrations.RunPython(forwards, backwards)]
