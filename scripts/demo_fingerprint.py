"""Fingerprint of the demo data: every row of PLPG's tables (and its history rows) after
`seed_demo`, so a change to the demo's files or loader can be checked to load the same data.

    DATABASE_URL=postgres://…/empty_db .venv/bin/python scripts/demo_fingerprint.py out.json

Run it on an empty database (it migrates and seeds). Rows are written in primary-key order
with every field but the ones that differ between two identical loads: moments of "now",
password hashes, random tokens. Compare two outputs with `diff`."""

import io
import json
import os
import re
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))  # run from the repository root
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plpg.settings")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="demo-fingerprint-"))
os.environ.setdefault("TASKS_IMMEDIATE", "1")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import models  # noqa: E402
from django.utils import timezone  # noqa: E402

# Values that two identical loads write differently.
RANDOM = {"password", "token", "key", "secret", "etag", "session_key", "history_id"}


def _value(field, value, started):
    if isinstance(value, datetime) and abs(value - started) < timedelta(hours=1):
        return "<now>"
    if isinstance(field, models.FileField) and value:
        value = str(value)
    if isinstance(value, str):  # uploaded files' names
        return re.sub(r"/[0-9a-f]{32}\.", "/<uuid>.", value)
    if value is None or isinstance(value, (int, float, bool, list, dict)):
        return value
    return str(value)


def fingerprint(started):
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if not (model.__module__.split(".")[0] in {"plpg", "partners", "interviews",
                                                   "engagements"} or
                model._meta.label in {"auth.Group", "auth.User_groups"}):  # fmt: skip
            continue
        fields = [f for f in model._meta.concrete_fields if f.name not in RANDOM]
        rows = [
            [_value(f, f.value_from_object(obj), started) for f in fields]
            for obj in model._default_manager.using("default").order_by("pk")
        ] if hasattr(model, "_default_manager") else []  # fmt: skip
        if hasattr(model, "all_objects"):  # soft-deleted rows too
            rows = [
                [_value(f, f.value_from_object(obj), started) for f in fields]
                for obj in model.all_objects.order_by("pk")
            ]
        tables[model._meta.label] = {"fields": [f.attname for f in fields], "rows": rows}
    return tables


def main(out):
    started = timezone.now()
    call_command("migrate", verbosity=0)
    output = io.StringIO()
    call_command("seed_demo", force=True, stdout=output)
    tables = fingerprint(started)
    tables["seed_demo output"] = output.getvalue().splitlines()
    Path(out).write_text(
        json.dumps(tables, indent=0, ensure_ascii=False, default=str),
        encoding="utf-8",
    )
    counts = {label: len(t["rows"]) for label, t in tables.items() if "rows" in t and t["rows"]}
    print(f"{sum(counts.values())} rows in {len(counts)} tables → {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
