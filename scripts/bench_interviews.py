"""Interviews benchmark: autosave server time and queries per save; packet render figures.

Run with `make bench` (or DEBUG=1 .venv/bin/python scripts/bench_interviews.py). Uses the
database in DATABASE_URL inside a transaction that is rolled back: nothing is left behind.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plpg.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

SAVES = 200


class Rollback(Exception):
    pass


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def main():
    setup_test_environment()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from interviews import services
    from interviews.guide_data import guide_templates_load
    from interviews.models import Interview, LookFor, Scorecard, SectionKind, Selection
    from partners.models import Partner
    from plpg.models import District, Membership, User

    try:
        with transaction.atomic():
            guide_templates_load()
            from interviews.models import Guide

            guide = Guide.objects.templates().get(key="playbook")
            district = District.objects.create(
                name="Bench District", slug="bench-district-x", state="CA"
            )
            users = []
            for n in range(2):
                user = User.objects.create_user(f"bench{n}@bench.test", "x")
                Membership.objects.create(user=user, district=district, role="interviewer")
                users.append(user)
            partner = Partner.objects.create(
                name="Bench Partner", slug="bench-partner-x", status="published"
            )
            selection = Selection.objects.create(district=district, title="Bench", guide=guide)
            interview = Interview(
                selection=selection,
                partner=partner,
                guide=guide,
                scheduled_at=django.utils.timezone.now(),
            )
            sections = list(guide.sections.filter(kind__in=[k for k, _ in SectionKind.choices]))
            services.interview_save(interview=interview, panel=users, sections=sections, user=None)
            Scorecard.objects.filter(interview=interview).update(conflict="none")
            look_fors = list(LookFor.objects.filter(block__section__guide=guide))

            client = Client()
            client.force_login(users[0])
            versions = {lf.pk: 0 for lf in look_fors}
            times, queries = [], []
            for n in range(SAVES):
                look_for = look_fors[n % len(look_fors)]
                url = reverse("interviews:score_rate", args=[interview.pk, look_for.pk])
                data = {
                    "score": str(n % 4 + 1),
                    "note": f"note {n}",
                    "version": versions[look_for.pk],
                }
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.post(url, data, HTTP_X_AUTOSAVE="1")
                    times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.content
                versions[look_for.pk] = int(response["X-Version"])
                queries.append(len(captured.captured_queries))
            print(f"autosave: {SAVES} saves, {len(look_fors)} look-fors")
            print(
                f"  server time p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms"
            )
            print(
                f"  queries per save: median {statistics.median(queries):.0f}, max {max(queries)}"
            )
            if os.environ.get("BENCH_SHOW_QUERIES"):
                for query in captured.captured_queries:
                    print("   ", query["sql"][:110])

            packet = reverse("interviews:packet", args=[interview.pk])
            client.get(packet)  # warm fonts and templates
            renders = []
            for _ in range(3):
                start = time.perf_counter()
                response = client.get(packet)
                renders.append((time.perf_counter() - start) * 1000)
            content = response.content
            pages = content.count(b"/Type /Page\n") or content.count(b"/Type /Page ") or "?"
            try:
                import subprocess
                import tempfile

                with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
                    handle.write(content)
                    handle.flush()
                    info = subprocess.run(
                        ["pdfinfo", handle.name], capture_output=True, text=True
                    ).stdout
                    pages = next(
                        line.split()[-1] for line in info.splitlines() if line.startswith("Pages")
                    )
            except (OSError, StopIteration):
                pass
            print("packet (full playbook guide, all five sections):")
            print(f"  render time median {statistics.median(renders):.0f} ms (warm, 3 runs)")
            print(f"  size {len(content) / 1024:.1f} KiB, pages {pages}")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
