"""The table behind the "pdf" cache (settings.CACHES), created like `createcachetable` does."""

from django.core.management import call_command
from django.db import migrations


def create(apps, schema_editor):
    call_command("createcachetable", "plpg_pdf_cache", database=schema_editor.connection.alias)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS plpg_pdf_cache")


class Migration(migrations.Migration):
    dependencies = [("plpg", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
