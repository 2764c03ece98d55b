"""Give the plan rows that exist the sessions their date and timing say (engagements/timing.py)."""

import datetime as dt

from django.db import migrations

from engagements.timing import ContractYear, row_dates

LIMIT = 200


def sessions_create(apps, schema_editor):
    PlanItem = apps.get_model("engagements", "PlanItem")
    PlanSession = apps.get_model("engagements", "PlanSession")
    Holiday = apps.get_model("plpg", "Holiday")
    holidays = {}
    for district_id, day in Holiday.objects.values_list("district_id", "date"):
        holidays.setdefault(district_id, set()).add(day)
    today = dt.date.today()
    for item in PlanItem.objects.select_related("engagement").iterator():
        engagement = item.engagement
        year = ContractYear.of(
            start=engagement.contract_start,
            end=engagement.contract_end,
            day=item.planned_date,
            today=today,
        )
        first, dates = row_dates(
            timing_text=item.timing,
            planned_date=item.planned_date,
            year=year,
            holidays=frozenset(holidays.get(engagement.district_id, ())),
            limit=LIMIT,
        )
        if first and item.planned_date is None:
            PlanItem.objects.filter(pk=item.pk).update(planned_date=first)
        PlanSession.objects.bulk_create(
            [PlanSession(plan_item_id=item.pk, date=day, status=item.status) for day in dates],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0008_plan_sessions"),
        ("plpg", "0005_holidays"),
    ]

    operations = [migrations.RunPython(sessions_create, migrations.RunPython.noop)]
