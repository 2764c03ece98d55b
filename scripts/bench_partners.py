"""Directory speed at scale: page time and query count with 5,000 synthetic partners.

Creates (once) a separate benchmark database's worth of partners with seed_scale, then
times GET /partners/ for a few typical searches through the test client. Prints figures;
asserts nothing (DESIGN.md: the target later is under 25 ms at this scale).

    DEBUG=1 .venv/bin/python scripts/bench_partners.py [--partners 5000] [--runs 15]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plpg.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SEARCHES = [
    "",
    "phase=launch",
    "phase=adoption&content_area=math",
    "phase=launch&phase=ongoing-teachers&content_area=math&cost=100k-500k&state=CA",
    "q=coaching+literacy",
    "q=coaching&phase=launch&context=urban&sort=reviewed",
    "page=100",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partners", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from django.core.management import call_command

    from partners.models import Partner

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    db = connection.settings_dict["NAME"]
    call_command("migrate", verbosity=0)
    have = Partner.objects.filter(slug__startswith="scale-partner-").count()
    if have < args.partners:
        started = time.perf_counter()
        call_command("seed_scale", partners=args.partners - have, seed=7, verbosity=0)
        print(
            f"seed_scale: {args.partners - have} partners in {time.perf_counter() - started:.1f} s"
        )
    total = Partner.objects.published().count()
    print(f"database {connection.vendor} {db}: {total} published partners")
    print(f"{'search':<80} {'median ms':>9} {'p90 ms':>7} {'queries':>7} {'results':>7}")
    client = Client()
    for query in SEARCHES:
        url = f"/partners/?{query}"
        client.get(url)  # warm
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        p90 = sorted(times)[int(len(times) * 0.9) - 1]
        print(
            f"{query or '(no filters)':<80} {statistics.median(times):>9.1f} {p90:>7.1f} "
            f"{len(queries.captured_queries):>7} {response.context['result'].total:>7}"
        )
    from django.http import QueryDict

    from partners.index import directory_token, index_build
    from partners.selectors import directory_search

    print(f"\n{'directory_search only (no template)':<80} {'index ms':>9} {'sql ms':>7}")
    for query in SEARCHES[:4]:
        figures = []
        for engine in ("index", "sql"):
            directory_search(params=QueryDict(query), engine=engine)
            started = time.perf_counter()
            for _ in range(args.runs):
                directory_search(params=QueryDict(query), engine=engine)
            figures.append((time.perf_counter() - started) * 1000 / args.runs)
        print(f"{query or '(no filters)':<80} {figures[0]:>9.1f} {figures[1]:>7.1f}")
    started = time.perf_counter()
    index_build(token=directory_token())
    print(f"index rebuild after a change: {(time.perf_counter() - started) * 1000:.0f} ms")
    started = time.perf_counter()
    response = client.get("/partners/export.csv?phase=launch")
    rows = response.content.count(b"\n") - 1
    print(f"export.csv?phase=launch: {(time.perf_counter() - started) * 1000:.0f} ms, {rows} rows")


if __name__ == "__main__":
    main()
