"""Database triggers keep DirectoryRevision.token current (partners.index).

Every write to a table the in-memory directory index reads gives the token a new random
value, whatever made the write: save(), QuerySet.update(), bulk_create(), m2m changes,
raw SQL, another app's script. Signals could not see most of those. On PostgreSQL one
statement-level trigger per table; on SQLite (the smoke run) row-level ones.
"""

from django.db import migrations

TAXONOMY = [
    "Phase",
    "ContentArea",
    "Curriculum",
    "PLType",
    "DeliveryFormat",
    "GradeBand",
    "CostBand",
    "State",
    "Specialty",
]
M2M = [
    "phases",
    "content_areas",
    "curricula",
    "pl_types",
    "delivery_formats",
    "grade_bands",
    "cost_bands",
    "specialties",
    "states_served",
]
# The Partner columns the index reads; re-indexing the search text changes none of them.
PARTNER_COLUMNS = "name, status, national, last_reviewed"

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION partners_directory_changed() RETURNS trigger AS $$
BEGIN
    INSERT INTO partners_directoryrevision (id, token, changed_at)
    VALUES (1, md5(random()::text || clock_timestamp()::text), now())
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token, changed_at = EXCLUDED.changed_at;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""
SQLITE_TOUCH = (
    "INSERT OR REPLACE INTO partners_directoryrevision (id, token, changed_at) "
    "VALUES (1, lower(hex(randomblob(16))), CURRENT_TIMESTAMP);"
)


def watched(apps) -> list[tuple[str, list[str]]]:
    """(table, events) for every table the directory index reads."""
    Partner = apps.get_model("partners", "Partner")
    every = ["INSERT", "UPDATE", "DELETE"]
    tables = [(Partner._meta.db_table, ["INSERT", "DELETE", f"UPDATE OF {PARTNER_COLUMNS}"])]
    tables.append((apps.get_model("partners", "SampleEngagement")._meta.db_table, every))
    tables += [(Partner._meta.get_field(f).remote_field.through._meta.db_table, every) for f in M2M]
    tables += [(apps.get_model("partners", m)._meta.db_table, every) for m in TAXONOMY]
    return tables


def create(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run(PG_FUNCTION)
        for table, events in watched(apps):
            run(
                f"CREATE TRIGGER partners_directory_changed "
                f"AFTER {' OR '.join(events)} OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION partners_directory_changed();"
            )
    elif schema_editor.connection.vendor == "sqlite":
        for table, events in watched(apps):
            for n, event in enumerate(events):
                run(
                    f"CREATE TRIGGER {table}_directory_changed_{n} AFTER {event} ON {table} "
                    f"BEGIN {SQLITE_TOUCH} END;"
                )


def drop(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for table, _ in watched(apps):
            run(f"DROP TRIGGER IF EXISTS partners_directory_changed ON {table};")
        run("DROP FUNCTION IF EXISTS partners_directory_changed();")
    elif schema_editor.connection.vendor == "sqlite":
        for table, events in watched(apps):
            for n in range(len(events)):
                run(f"DROP TRIGGER IF EXISTS {table}_directory_changed_{n};")


class Migration(migrations.Migration):
    dependencies = [("partners", "0005_directory_revision")]

    operations = [migrations.RunPython(create, drop)]
