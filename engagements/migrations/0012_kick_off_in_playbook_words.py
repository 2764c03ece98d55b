"""The kick-off checklist in the playbook's own words (issue 15): existing rows follow."""

from django.db import migrations

# Frozen here: a migration must not change when engagements.guidance does.
ITEMS = {
    "vision": "Communicate your academic vision and how your partner will help you achieve it",
    "practices": "Provide an overview of your district's current professional learning practices "
    "and discuss which of these should stop, start, or continue to achieve your professional "
    "learning goals",
    "cohesion": "Discuss how the professional learning providers' practices coincide with your "
    "practices, as well as where they may contradict, and create a plan for cohesion, avoiding "
    "confusion in the field",
    "non-negotiables": "Review the non-negotiables you included in the contract and how you will "
    "measure if they are met",
    "monitoring": "Establish a plan for monitoring professional learning services, providing "
    "feedback to the provider from all users, and refining the scope of work based on these "
    "data.",
}


def forwards(apps, schema_editor):
    OnboardingItem = apps.get_model("engagements", "OnboardingItem")
    for key, title in ITEMS.items():
        OnboardingItem.objects.filter(key=key).update(title=title, guidance="")


class Migration(migrations.Migration):
    dependencies = [("engagements", "0011_action_item_done_by")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
