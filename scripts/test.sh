#!/usr/bin/env bash
# make test: the whole suite on a real PostgreSQL (DATABASE_URL, or this machine's own
# cluster, started here), browser tests included, then a smoke run on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

scripts/system_packages.sh
echo "== Lint (make lint: ruff check, ruff format --check)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL=$(scripts/local_postgres.sh)
  export DATABASE_URL
fi
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "make test needs a PostgreSQL DATABASE_URL, not $DATABASE_URL" >&2; exit 2 ;;
esac

echo "== Database: $($PY - <<'PYEOF'
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()
from django.db import connection
with connection.cursor() as c:
    c.execute("select version()")
    print(c.fetchone()[0].split(",")[0], "at", connection.settings_dict["HOST"] or "local socket")
PYEOF
)"

# -p no:cacheprovider keeps a read-only checkout clean; the suite runs on two workers.
rm -rf test-artifacts/html
$PY -m pytest -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" "$@"
# The pages the browser tests visited must be valid HTML (W3C Nu checker).
if [ -d test-artifacts/html ]; then scripts/valid_html.sh; fi

echo "== Smoke run on SQLite"
rm -f var/smoke.sqlite3
DATABASE_URL="sqlite:///$(pwd)/var/smoke.sqlite3" $PY -m pytest -p no:cacheprovider -q -m smoke tests
echo "== make test: all passed (PostgreSQL, then SQLite smoke)"
