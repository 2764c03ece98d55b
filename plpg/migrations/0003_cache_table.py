from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """The database cache (settings.CACHES) — allauth's sign-in rate limits live in it."""
    call_command("createcachetable", "plpg_cache", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("plpg", "0002_pdf_cache_table")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
