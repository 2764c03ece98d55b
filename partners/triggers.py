"""Database triggers that record every change to what the directory index reads.

Every write to a watched table inserts a row into partners_directorychange, whatever made
it: save(), QuerySet.update(), bulk_create(), m2m changes, raw SQL, another app's script.
Signals could not see most of those. Inserting takes no lock another writer waits for, so
two curators' writes never queue behind each other. On PostgreSQL one statement-level
trigger per table, and now and then (one insert in a hundred, and only if no other
transaction is pruning) the rows older than an hour are deleted; on SQLite row-level ones.

The watched tables derive from the taxonomy registry (partners.taxonomy.TAXONOMIES), so
a migration that adds a taxonomy calls ``install`` again and its tables are covered;
tests/partners/test_taxonomy_registry.py checks every table the search reads is.
"""

from partners.taxonomy import TAXONOMIES

# The Partner columns the index reads; re-indexing the search text changes none of them.
PARTNER_COLUMNS = "name, status, national, last_reviewed"
CHANGES = "partners_directorychange"

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION partners_directory_changed() RETURNS trigger AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO {CHANGES} (changed_at) VALUES (clock_timestamp()) RETURNING id INTO new_id;
    IF mod(new_id, 100) = 0 AND pg_try_advisory_xact_lock(hashtext('{CHANGES}')) THEN
        DELETE FROM {CHANGES} WHERE changed_at < clock_timestamp() - interval '1 hour';
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""
SQLITE_TOUCH = f"INSERT INTO {CHANGES} (changed_at) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'));"


def watched(apps) -> list[tuple[str, list[str]]]:
    """(table, events) for every table the directory index reads."""
    Partner = apps.get_model("partners", "Partner")
    every = ["INSERT", "UPDATE", "DELETE"]
    tables = [(Partner._meta.db_table, ["INSERT", "DELETE", f"UPDATE OF {PARTNER_COLUMNS}"])]
    tables.append((apps.get_model("partners", "SampleEngagement")._meta.db_table, every))
    for taxonomy in TAXONOMIES:
        through = Partner._meta.get_field(taxonomy.field).remote_field.through
        tables.append((through._meta.db_table, every))
        tables.append((apps.get_model("partners", taxonomy.model_name)._meta.db_table, every))
    return tables


def install(apps, schema_editor):
    """(Re)create the triggers on every watched table (idempotent)."""
    run = schema_editor.execute
    uninstall(apps, schema_editor)
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


def uninstall(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for table, _ in watched(apps):
            run(f"DROP TRIGGER IF EXISTS partners_directory_changed ON {table};")
    elif schema_editor.connection.vendor == "sqlite":
        for table, events in watched(apps):
            for n in range(len(events)):
                run(f"DROP TRIGGER IF EXISTS {table}_directory_changed_{n};")
