"""Benchmark: the PL manager's dashboard, an engagement page and the calendar feed at scale.

Runs in a throwaway test database (test_<name> of DATABASE_URL, or SQLite in memory), so
the real data is never touched. Prints wall time (median of several runs) and query counts.

    DEBUG=1 .venv/bin/python scripts/bench_engagements.py [--engagements 150] [--checkins 6000]

BENCH_PROFILE=1 also prints a cProfile of one dashboard request (BENCH_PROFILE_URL: another
statement to profile, e.g. "for _ in range(5): client.get('/engagements/1/')";
BENCH_PROFILE_SORT: a pstats sort key, default cumulative).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402


def build(*, engagements: int, checkins: int, other_districts: int, seed: int):
    from engagements.models import (
        ActionItem,
        Audience,
        CalendarFeed,
        CheckIn,
        Engagement,
        Goal,
        GoalUpdate,
        PlanItem,
    )
    from engagements.services import onboarding_items_create
    from partners.models import GradeBand, Partner
    from plpg.models import District, Membership, User

    rng = random.Random(seed)
    today = timezone.localdate()
    bands = [
        GradeBand.objects.get_or_create(slug=s, defaults={"name": s, "position": n})[0]
        for n, s in enumerate(["k-2", "3-5", "6-8", "9-12"])
    ]
    partners = Partner.objects.bulk_create(
        Partner(name=f"Bench Partner {n}", slug=f"bench-partner-{n}", status="published")
        for n in range(60)
    )
    districts = District.objects.bulk_create(
        District(name=f"Bench District {n}", slug=f"bench-district-{n}", state="CA")
        for n in range(other_districts + 1)
    )
    manager = User.objects.create_user("bench-manager@bench.test", "x")
    Membership.objects.create(user=manager, district=districts[0], role="manager")
    rows = []
    for district in districts:
        count = engagements if district is districts[0] else 5
        for n in range(count):
            rows.append(
                Engagement(
                    district=district,
                    partner=partners[n % len(partners)],
                    title=f"Engagement {n}",
                    audiences=rng.sample(Audience.values, 2),
                    status=rng.choice(["onboarding", "active", "active", "active", "paused"]),
                    contract_start=today - dt.timedelta(days=rng.randint(0, 300)),
                    contract_end=today + dt.timedelta(days=rng.randint(1, 400)),
                )
            )
    made = Engagement.objects.bulk_create(rows)
    through = Engagement.grade_bands.through
    through.objects.bulk_create(
        through(engagement_id=e.pk, gradeband_id=b.pk) for e in made for b in rng.sample(bands, 2)
    )
    for e in made[:engagements]:
        onboarding_items_create(engagement=e)
    PlanItem.objects.bulk_create(
        PlanItem(
            engagement=e,
            position=p,
            timing="Monthly",
            participants="Teachers",
            name=f"Session {p}",
            status=rng.choice(["planned", "delivered", "cancelled"]),
            planned_date=today + dt.timedelta(days=rng.randint(-100, 100)),
        )
        for e in made
        for p in range(10)
    )
    ActionItem.objects.bulk_create(
        ActionItem(
            engagement=e,
            description=f"Action {a}",
            owner="Someone",
            due_date=today + dt.timedelta(days=rng.randint(-30, 30)),
            done=rng.random() < 0.5,
        )
        for e in made
        for a in range(4)
    )
    goals = Goal.objects.bulk_create(
        Goal(
            engagement=e,
            title=f"Goal {g}",
            measure="%",
            baseline=10,
            target=80,
            start_date=today - dt.timedelta(days=200),
            due_date=today + dt.timedelta(days=200),
        )
        for e in made[:engagements]
        for g in range(3)
    )
    GoalUpdate.objects.bulk_create(
        GoalUpdate(goal=g, date=today - dt.timedelta(days=d), value=rng.randint(10, 80))
        for g in goals
        for d in (90, 60, 30)
    )
    home = made[:engagements]
    meetings = CheckIn.objects.bulk_create(
        CheckIn(
            district=districts[0],
            kind=rng.choice(["regular", "regular", "regular", "step-back", "joint"]),
            date=today - dt.timedelta(days=rng.randint(0, 365)),
        )
        for _ in range(checkins)
    )
    CheckIn.engagements.through.objects.bulk_create(
        CheckIn.engagements.through(checkin_id=c.pk, engagement_id=rng.choice(home).pk)
        for c in meetings
    )
    feed = CalendarFeed.objects.create(user=manager)
    return manager, home[0], feed.token


def measure(client, url, runs):
    client.get(url)  # warm up
    timings, queries = [], []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
    assert response.status_code == 200, (url, response.status_code)
    for _ in range(runs - 1):
        start = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engagements", type=int, default=150)
    parser.add_argument("--checkins", type=int, default=6000)
    parser.add_argument("--districts", type=int, default=100, help="Other districts (5 each).")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        manager, engagement, token = build(
            engagements=args.engagements,
            checkins=args.checkins,
            other_districts=args.districts,
            seed=1,
        )
        client = Client()
        client.force_login(manager)
        print(
            f"engagements bench ({connection.vendor}): {args.engagements} engagements and "
            f"{args.checkins} check-ins in the manager's district, {args.districts} other districts"
        )
        if os.environ.get("BENCH_PROFILE"):
            import cProfile

            cProfile.runctx(
                os.environ.get("BENCH_PROFILE_URL", "client.get(reverse('engagements:dashboard'))"),
                globals(),
                {"client": client, "reverse": reverse},
                sort=os.environ.get("BENCH_PROFILE_SORT", "cumulative"),
            )
        for label, url in [
            ("dashboard", reverse("engagements:dashboard")),
            ("engagement page", reverse("engagements:detail", args=[engagement.pk])),
            ("check-in form", reverse("engagements:checkin_create", args=[engagement.pk])),
            ("coherence page", reverse("engagements:coherence")),
            ("north star", reverse("engagements:north_star")),
            ("calendar feed", reverse("engagements:calendar_feed", args=[token])),
        ]:
            ms, queries = measure(client, url, args.runs)
            print(f"  {label:<16} {ms:8.1f} ms  {queries:3d} queries")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
