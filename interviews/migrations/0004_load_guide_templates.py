"""The global guide templates (the seeds' interview guides) exist in every database."""

from django.db import migrations


def load(apps, schema_editor):
    from interviews.guide_data import guide_templates_load

    guide_templates_load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("interviews", "0003_guides_interviews_scorecards")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
