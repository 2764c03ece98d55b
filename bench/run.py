"""make bench: PLPG at production scale on PostgreSQL, side by side with Django's admin.

1. A bench database next to DATABASE_URL's (``<name>_bench``; without DATABASE_URL the
   machine's own cluster, started as scripts/test.sh does), migrated and filled by
   ``seed_scale`` (5,000 partners, 200 districts with one large one, 2,000 interviews,
   50,000 check-ins; idempotent, so a second run reuses it).
2. In-process figures with DEBUG=0 and hashed static files, as production runs: every item
   once per round, rounds interleaved (so a noisy neighbour hits every item alike), p50/p95
   over ROUNDS and the queries of one request.
3. A load test: gunicorn as the README deploys it (gunicorn.conf.py) driven by locust
   headless on 127.0.0.1 for LOAD_SECONDS, then a check that every autosave answered 2xx
   is in the database.

Writes bench/RESULTS.md and prints one JSON object as the last line of its output.
"""

import gc
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
PDF_ROUNDS = int(os.environ.get("BENCH_PDF_ROUNDS", "5"))
# The admin peer is slow; every ADMIN_EVERY-th round still gives ≥ 30 samples pooled.
ADMIN_EVERY = int(os.environ.get("BENCH_ADMIN_EVERY", "3"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
LOAD_USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
LOAD_RATE = float(os.environ.get("BENCH_LOAD_RATE", "70"))  # requests/s offered in total
PORT = int(os.environ.get("BENCH_PORT", "8097"))
# A full garbage collection between items, outside the timing (BENCH_GC_BETWEEN=0: none).
# Without it, the admin peer's garbage (a 5,000-partner change list) is collected during the
# next items: three 130 ms collections per eight rounds, doubling the directory's CPU p50.
GC_BETWEEN = os.environ.get("BENCH_GC_BETWEEN", "1") == "1"
# BENCH_ONLY=selection,engagement: only these in-process items (name or prefix before ":"),
# printed with their queries; no export, PDFs, load test or RESULTS.md. For before/after.
ONLY = [name for name in os.environ.get("BENCH_ONLY", "").split(",") if name]
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")  # not counted
SCALE = {"partners": 5000, "districts": 200, "interviews": 2000, "checkins": 50000}

# Ten directory searches (one value per parameter, so the admin can apply the same filters).
SEARCHES = [
    {},
    {"phase": "launch"},
    {"phase": "adoption", "content_area": "math"},
    {"curriculum": "illustrative-mathematics", "state": "tx"},
    {"cost": "100k-500k", "delivery": "hybrid", "grade_band": "k-2"},
    {"pl_type": "instructional-coaching", "specialty": "multilingual-learners"},
    {"phase": "ongoing-teachers", "sort": "reviewed", "page": "3"},
    {"q": "coaching"},
    {"q": "coaching literacy", "phase": "launch"},
    {"q": "ilustrative"},  # a typo: the pg_trgm fallback
]


def database_url() -> str:
    """The bench database's URL (created if missing) next to DATABASE_URL's."""
    url = (
        os.environ.get("DATABASE_URL")
        or subprocess.run(
            [str(ROOT / "scripts" / "local_postgres.sh")],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"make bench needs PostgreSQL, not {url}")
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    bench = name if name.endswith("_bench") else f"{name}_bench"
    import psycopg2

    # Not `with connect(...)`: psycopg2's connection context is a transaction, and
    # CREATE DATABASE refuses to run inside one (a fresh clone's first `make bench`).
    connection = psycopg2.connect(url)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [bench])
            if not cursor.fetchone():
                cursor.execute(f'CREATE DATABASE "{bench}"')
    finally:
        connection.close()
    return urlunsplit(parts._replace(path=f"/{bench}"))


PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-" + "k" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    # The bench speaks plain HTTP on the loopback; everything else is production.
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "STATIC_MANIFEST": "1",
    "LOG_LEVEL": "WARNING",
    "AXES_FAILURE_LIMIT": "1000",
}


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    os.environ["DATABASE_URL"] = database_url()
    os.environ.update(PRODUCTION_ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "plpg.settings"
    import django

    django.setup()
    from django.core.management import call_command

    say = lambda *a: print(*a, flush=True)  # noqa: E731
    say(f"== bench database {os.environ['DATABASE_URL'].rsplit('/', 1)[-1]}")
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command("seed_scale", **SCALE, seed=1)
    seed_seconds = time.monotonic() - started
    call_command("collectstatic", interactive=False, verbosity=0)
    fixtures = bench_fixtures()
    if ONLY:
        return measure_only(fixtures, say)
    say("== in-process figures (DEBUG=0, hashed static files)")
    figures = measure(fixtures, say)
    figures["seed_scale_s"] = round(seed_seconds, 1)
    say("== load test (gunicorn + locust)")
    figures.update(load_test(fixtures, say))
    write_results(figures, fixtures)
    keys = [
        "floor_p95_ms", "directory_p95_ms", "directory_text_p95_ms", "admin_p95_ms",
        "directory_vs_admin", "directory_after_write_ms", "directory_queries",
        "scoring_p95_ms", "autosave_p95_ms", "autosave_queries", "selection_p95_ms",
        "dashboard_p95_ms", "engagement_p95_ms", "export_csv_ms", "packet_pdf_s",
        "packet_pdf_pages", "packet_pdf_peak_mb", "pdf_repeat_ms", "load_rps", "load_p95_ms",
        "load_errors", "lost_autosaves",
    ]  # fmt: skip
    print(json.dumps({k: figures.get(k) for k in keys} | {"extra": figures["extra"]}))


def bench_fixtures() -> dict:
    """The large district and, once, the bench's own panel: 50 panelists scoring."""
    from django.db.models import Count

    from engagements.models import Engagement
    from interviews import services
    from interviews.models import Guide, Interview, Scorecard, SectionKind, Selection
    from partners.models import Partner
    from plpg.models import District, Membership, User

    large = District.objects.get(slug="s1-district-0")
    lead = User.objects.get(email="lead.s1-0@scale.test")
    manager = User.objects.get(email="manager.s1-0@scale.test")
    selection = (
        Selection.objects.filter(district=large).annotate(n=Count("interviews")).order_by("-n")[0]
    )
    engagement = (
        Engagement.objects.filter(district=large).annotate(n=Count("checkins")).order_by("-n")[0]
    )
    engagement_checkins = engagement.n
    guide = Guide.objects.templates().get(key="playbook")
    panelists = []
    for n in range(LOAD_USERS):
        user, made = User.objects.get_or_create(
            email=f"bench-panelist{n}@scale.test", defaults={"first_name": f"Bench {n}"}
        )
        if made:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(user=user, district=large, role="interviewer")
        panelists.append(user)
    load_selection, _ = Selection.objects.get_or_create(
        district=large, title="Bench load selection", defaults={"guide": guide}
    )
    partners = list(Partner.objects.published().order_by("pk")[:10])
    sections = list(guide.sections.filter(kind__in=[k for k, _ in SectionKind.choices]))
    interviews = list(load_selection.interviews.order_by("pk"))
    for k in range(len(interviews), 10):  # ten interviews of five panelists, the full guide
        interview = Interview(
            selection=load_selection,
            partner=partners[k],
            guide=guide,
            scheduled_at=django_now(),
        )
        services.interview_save(
            interview=interview, panel=panelists[k * 5 : k * 5 + 5], sections=sections, user=lead
        )
        interviews.append(interview)
    Scorecard.objects.filter(interview__in=interviews).update(
        conflict=Scorecard.Conflict.NONE, submitted_at=None
    )
    cards = {
        s.panelist_id: s for s in Scorecard.objects.filter(interview__in=interviews)
    }  # one card each
    superuser, made = User.objects.get_or_create(
        email="bench-admin@scale.test", defaults={"is_staff": True, "is_superuser": True}
    )
    if made:
        superuser.set_unusable_password()
        superuser.save()
    scored = Interview.objects.filter(selection=selection).order_by("pk").first()
    return {
        "large": large,
        "lead": lead,
        "manager": manager,
        "selection": selection,
        "engagement": engagement,
        "engagement_checkins": engagement_checkins,
        "panelists": panelists,
        "interviews": interviews,
        "cards": cards,
        "superuser": superuser,
        "scored": scored,
    }


def django_now():
    from django.utils import timezone

    return timezone.now()


def admin_query(search: dict) -> dict:
    """The same filters on the admin change list of partners, with facets on."""
    from partners.selectors import taxonomy_terms
    from partners.taxonomy import BY_PARAM

    terms = taxonomy_terms()
    query = {"_facets": "True"}
    for param, value in search.items():
        if param in BY_PARAM:
            query[f"{BY_PARAM[param].field}__id__exact"] = terms[param][value].id
        elif param == "q":
            query["q"] = value
        elif param == "page":
            query["p"] = str(int(value) - 1)
        elif param == "sort":
            query["o"] = "-6"  # last_reviewed, descending
    return query


def bench_items(fx) -> tuple[dict, dict]:
    """{item name: call} for the in-process figures, and the clients and URLs they use."""
    from django.test import Client
    from django.urls import reverse

    from partners import index
    from partners.models import Partner

    anonymous, lead, manager, admin = Client(), Client(), Client(), Client()
    lead.force_login(fx["lead"])
    manager.force_login(fx["manager"])
    admin.force_login(fx["superuser"])
    panelist = Client()
    card = fx["cards"][fx["panelists"][0].pk]
    panelist.force_login(fx["panelists"][0])
    interview = card.interview
    look_fors = list(
        __import__("interviews.models", fromlist=["LookFor"])
        .LookFor.objects.filter(block__section__in=interview.sections.all())
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # The current versions, read once here (not inside the saves that are measured).
    versions = dict(
        __import__("interviews.models", fromlist=["Rating"])
        .Rating.objects.filter(scorecard=card)
        .values_list("look_for_id", "version")
    )
    saves = {"n": 0}

    def autosave():
        look_for = look_fors[saves["n"] % len(look_fors)]
        saves["n"] += 1
        url = reverse("interviews:score_rate", args=[interview.pk, look_for])
        data = {"score": str(saves["n"] % 4 + 1), "note": f"bench {saves['n']}"}
        data["version"] = versions.get(look_for, 0)
        response = panelist.post(url, data, HTTP_HX_REQUEST="true")
        if response.status_code == 200:
            versions[look_for] = int(response["X-Version"])
        return response

    packet_url = reverse("interviews:packet", args=[interview.pk])
    items = {"floor": lambda: anonymous.get("/robots.txt")}
    for n, search in enumerate(SEARCHES):
        kind = "directory_text" if "q" in search else "directory"
        items[f"{kind}:{n}"] = lambda s=search: anonymous.get("/partners/", s)
        items[f"admin:{n}"] = lambda s=search: admin.get("/admin/partners/partner/", admin_query(s))
    some = list(Partner.objects.published().order_by("pk").values_list("slug", flat=True)[:4])
    items.update(
        {
            "profile": lambda: anonymous.get(reverse("partners:detail", args=[some[0]])),
            "compare": lambda: anonymous.get(reverse("partners:compare"), {"p": some[:3]}),
            "scoring": lambda: panelist.get(reverse("interviews:score", args=[interview.pk])),
            "autosave": autosave,
            "results": lambda: lead.get(reverse("interviews:detail", args=[fx["scored"].pk])),
            "selection": lambda: lead.get(
                reverse("interviews:selection_detail", args=[fx["selection"].pk])
            ),
            "dashboard": lambda: manager.get(reverse("engagements:dashboard")),
            "engagement": lambda: manager.get(
                reverse("engagements:detail", args=[fx["engagement"].pk])
            ),
        }
    )
    writes = {"n": 0}

    def after_write():
        while index._rebuilding.is_set():  # the previous round's rebuild has finished
            time.sleep(0.005)
        index.directory_index()
        writes["n"] += 1
        Partner.objects.filter(slug=some[3]).update(summary=f"bench write {writes['n']}")
        Partner.objects.filter(slug=some[3]).update(last_reviewed=django_now().date())
        return anonymous.get("/partners/", {"phase": "launch"})

    items["directory_after_write"] = after_write
    used = {
        "anonymous": anonymous,
        "panelist": panelist,
        "manager": manager,
        "packet_url": packet_url,
        "interview": interview,
    }
    return items, used


def run_rounds(items: dict) -> tuple[dict, dict]:
    """Every item once per round, ROUNDS rounds interleaved: {name: [ms]}, {name: queries}."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partners import index

    times = {name: [] for name in items}
    cpu = {name: [] for name in items}  # this process's CPU (not PostgreSQL's): load-proof
    queries = {}
    for name, call in items.items():  # warm: templates, fonts, the index, connections
        response = call()
        assert response.status_code == 200, (name, response.status_code)
    for round_ in range(ROUNDS):
        for name, call in items.items():
            if name.startswith("admin:") and round_ % ADMIN_EVERY:
                continue
            if GC_BETWEEN:
                gc.collect()  # the previous item's garbage is not collected on this one's clock
            started, cpu_started = time.perf_counter(), time.process_time()
            response = call()
            times[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.process_time() - cpu_started) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        if round_ == 0:
            for name, call in items.items():
                with CaptureQueriesContext(connection) as captured:
                    call()
                queries[name] = len(
                    [q for q in captured.captured_queries if not q["sql"].startswith(CONTROL)]
                )
    while index._rebuilding.is_set():
        time.sleep(0.01)
    queries["_cpu_p50_ms"] = {n: round(statistics.median(v), 1) for n, v in cpu.items() if v}
    return times, queries


def measure_only(fx, say) -> None:
    """BENCH_ONLY: the named items (and the floor) over ROUNDS rounds, one JSON line."""
    items, _ = bench_items(fx)
    chosen = {
        name: call
        for name, call in items.items()
        if name == "floor" or name in ONLY or name.split(":")[0] in ONLY
    }
    times, queries = run_rounds(chosen)
    cpu = queries.pop("_cpu_p50_ms")
    figures = {}
    for name, values in times.items():
        p50, p95 = statistics.median(values), pct(values, 95)
        say(
            f"  {name:<24} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  cpu p50 {cpu[name]:7.1f} ms"
            f"  queries {queries.get(name)}"
        )
        figures[name] = {
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "cpu_p50_ms": cpu[name],
            "queries": queries[name],
        }
    figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(figures))


def measure(fx, say) -> dict:
    from django.core.cache import caches
    from django.urls import reverse

    items, used = bench_items(fx)
    anonymous, panelist, manager = used["anonymous"], used["panelist"], used["manager"]
    packet_url = used["packet_url"]
    times, queries = run_rounds(items)
    cpu = queries.pop("_cpu_p50_ms")

    # export.csv: every published partner, streamed
    export = []
    for _ in range(max(5, ROUNDS // 3)):
        if GC_BETWEEN:
            gc.collect()
        started = time.perf_counter()
        response = anonymous.get(reverse("partners:export"))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        export.append((time.perf_counter() - started) * 1000)
    export_rows = body.count(b"\n") - 1

    # PDFs: a render (cache emptied first), the cached 200 and the conditional 304 repeat
    renders, reports, cached, repeats = [], [], [], []
    report_url = reverse("engagements:report_pdf", args=[fx["engagement"].pk])
    for _ in range(PDF_ROUNDS):
        caches["pdf"].clear()
        started = time.perf_counter()
        packet = panelist.get(packet_url)
        renders.append(time.perf_counter() - started)
        started = time.perf_counter()
        report = manager.get(report_url)
        reports.append(time.perf_counter() - started)
    report_repeats = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        again = panelist.get(packet_url)
        cached.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        repeat = panelist.get(packet_url, HTTP_IF_NONE_MATCH=packet["ETag"])
        repeats.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        report_repeat = manager.get(report_url, HTTP_IF_NONE_MATCH=report["ETag"])
        report_repeats.append((time.perf_counter() - started) * 1000)
    assert again.status_code == 200 and repeat.status_code == 304
    assert report_repeat.status_code == 304
    packet_pages = _pdf_pages(packet.content)
    report_pages = _pdf_pages(report.content)

    summary = {n: (statistics.median(v), pct(v, 95)) for n, v in times.items()}

    def pooled(prefix):
        values = [t for n, v in times.items() if n.split(":")[0] == prefix for t in v]
        return round(statistics.median(values), 1), round(pct(values, 95), 1)

    directory = pooled("directory")
    text = pooled("directory_text")
    admin_figures = pooled("admin")
    both = [t for n, v in times.items() if n.startswith("directory") and ":" in n for t in v]
    directory_all = round(pct(both, 95), 1)
    memory = _peak_mb(packet_url, fx["panelists"][0].pk)
    report_memory = _peak_mb(report_url, fx["manager"].pk)
    index_mb = _index_memory_mb()
    for name, (p50, p95) in summary.items():
        say(f"  {name:<24} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  queries {queries.get(name)}")
    say(f"  export.csv {export_rows} rows: p50 {statistics.median(export):.0f} ms")
    say(
        f"  packet PDF render {statistics.median(renders):.2f} s, {packet_pages} pages, peak {memory} MB"
    )
    say(
        f"  report PDF render {statistics.median(reports):.2f} s, {report_pages} pages,"
        f" peak {report_memory} MB ({fx['engagement_checkins']} check-ins)"
    )
    return {
        "floor_p95_ms": round(summary["floor"][1], 1),
        "directory_p95_ms": directory_all,
        "directory_text_p95_ms": text[1],
        "admin_p95_ms": admin_figures[1],
        "directory_vs_admin": round(directory_all / admin_figures[1], 3),
        "directory_after_write_ms": round(pct(times["directory_after_write"], 95), 1),
        "directory_queries": max(queries[n] for n in queries if n.startswith("directory")),
        "scoring_p95_ms": round(summary["scoring"][1], 1),
        "autosave_p95_ms": round(summary["autosave"][1], 1),
        "autosave_queries": queries["autosave"],
        "selection_p95_ms": round(summary["selection"][1], 1),
        "dashboard_p95_ms": round(summary["dashboard"][1], 1),
        "engagement_p95_ms": round(summary["engagement"][1], 1),
        "export_csv_ms": round(statistics.median(export), 1),
        "gc_between": GC_BETWEEN,
        "packet_pdf_s": round(statistics.median(renders), 2),
        "packet_pdf_pages": packet_pages,
        "packet_pdf_peak_mb": memory,
        "pdf_repeat_ms": round(pct(repeats, 95), 1),
        "extra": {
            "rounds": ROUNDS,
            "directory_filters_p50_p95_ms": directory,
            "directory_text_p50_p95_ms": text,
            "admin_p50_p95_ms": admin_figures,
            "per_item_p50_p95_ms": {n: [round(a, 1), round(b, 1)] for n, (a, b) in summary.items()},
            "per_item_cpu_p50_ms": cpu,
            "queries": queries,
            "export_csv_rows": export_rows,
            "report_pdf_s": round(statistics.median(reports), 2),
            "report_pdf_pages": report_pages,
            "report_pdf_peak_mb": report_memory,
            "report_pdf_repeat_p95_ms": round(pct(report_repeats, 95), 1),
            "report_engagement_checkins": fx["engagement_checkins"],
            "pdf_cached_200_p95_ms": round(pct(cached, 95), 1),
            "index_memory_mb": index_mb,
        },
    }


def _pdf_pages(content: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _peak_mb(url, user_pk) -> float:
    """Peak resident memory of a fresh process that renders one PDF once (uncached)."""
    code = (
        "import django,resource;django.setup();"
        "from django.test import Client;from django.core.cache import caches;"
        "from plpg.models import User;caches['pdf'].clear();c=Client();"
        f"c.force_login(User.objects.get(pk={user_pk}));"
        f"r=c.get('{url}');assert r.status_code==200;"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return round(int(out.strip().splitlines()[-1]) / 1024, 1)


def _index_memory_mb() -> dict:
    """The directory index's own memory (tracemalloc) at this scale, and per partner."""
    import tracemalloc

    from partners.index import directory_token, index_build

    tracemalloc.start()
    built = index_build(token=directory_token()[0])
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    partners = len(built.ids)
    return {
        "partners": partners,
        "mb": round(size / 2**20, 1),
        "mb_at_50000_partners_linear": round(size / partners * 50000 / 2**20, 1),
    }


def load_test(fx, say) -> dict:
    """gunicorn (gunicorn.conf.py, as the README deploys) + locust headless, then the check."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from interviews.models import LookFor, Rating

    sessions = []
    for user in fx["panelists"]:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        card = fx["cards"][user.pk]
        look_fors = list(
            LookFor.objects.filter(block__section__in=card.interview.sections.all()).values_list(
                "pk", flat=True
            )
        )
        versions = dict(Rating.objects.filter(scorecard=card).values_list("look_for_id", "version"))
        sessions.append(
            {
                "session": store.session_key,
                "interview": card.interview_id,
                "scorecard": card.pk,
                "look_fors": look_fors,
                "versions": {str(k): v for k, v in versions.items()},
            }
        )
    work = Path(tempfile.mkdtemp(prefix="plpg-bench-"))
    (work / "sessions.json").write_text(json.dumps(sessions))
    env = {**os.environ, "BENCH_SESSIONS": str(work / "sessions.json"), "BENCH_OUT": str(work)}
    env["BENCH_SEARCHES"] = json.dumps(SEARCHES)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "plpg.wsgi", "--bind", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115
    )
    try:
        _wait_for(f"http://127.0.0.1:{PORT}/healthz")
        _warm(sessions)
        rate = LOAD_RATE / LOAD_USERS
        env["BENCH_USER_RATE"] = str(rate)
        locust = subprocess.run(
            [
                str(Path(sys.executable).parent / "locust"),
                "-f", str(ROOT / "bench" / "locustfile.py"),
                "--headless", "--only-summary",
                "-u", str(LOAD_USERS), "-r", str(LOAD_USERS),
                "-t", f"{LOAD_SECONDS}s",
                "--host", f"http://127.0.0.1:{PORT}",
                "--csv", str(work / "load"),
                "--exit-code-on-error", "0",
            ],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=LOAD_SECONDS + 120,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    if locust.returncode != 0:
        say(locust.stdout[-3000:], locust.stderr[-3000:])
        raise SystemExit("locust failed")
    stats = {row["Name"]: row for row in _csv(work / "load_stats.csv")}
    total = stats["Aggregated"]
    requests = int(total["Request Count"])
    failures = int(total["Failure Count"])
    acked = json.loads((work / "acked.json").read_text())
    lost = 0
    for entry in acked:
        rating = Rating.objects.filter(
            scorecard_id=entry["scorecard"], look_for_id=entry["look_for"]
        ).first()
        if (
            rating is None
            or rating.version < entry["version"]
            or (rating.version == entry["version"] and rating.score != entry["score"])
        ):
            lost += 1
    by_kind = {
        name: {
            "requests": int(row["Request Count"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "failures": int(row["Failure Count"]),
        }
        for name, row in stats.items()
        if name != "Aggregated"
    }
    say(f"  {requests} requests in {LOAD_SECONDS} s, {failures} errors, {lost} lost autosaves")
    shutil.rmtree(work, ignore_errors=True)
    return {
        "load_rps": round(requests / LOAD_SECONDS, 1),
        "load_p95_ms": float(total["95%"]),
        "load_errors": failures,
        "lost_autosaves": lost,
        "load": {
            "users": LOAD_USERS,
            "offered_rps": LOAD_RATE,
            "seconds": LOAD_SECONDS,
            "p50_ms": float(total["50%"]),
            "autosaves_acknowledged": len(acked),
            "by_kind": by_kind,
        },
    }


def _warm(sessions):
    """A running server is warm: each worker has built its directory index, and the panel's
    unchanged packets are in the shared PDF cache (a repeat download is the common case)."""
    import urllib.request

    for _ in range(8):  # reaches every worker
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/partners/", timeout=120):  # noqa: S310
            pass
    for interview in sorted({s["interview"] for s in sessions}):
        me = next(s for s in sessions if s["interview"] == interview)
        request = urllib.request.Request(
            f"http://127.0.0.1:{PORT}/interviews/{interview}/packet.pdf",
            headers={"Cookie": f"sessionid={me['session']}"},
        )
        with urllib.request.urlopen(request, timeout=120):  # noqa: S310
            pass


def _csv(path):
    import csv

    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def _wait_for(url):
    import urllib.request

    for _ in range(120):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url}")


def write_results(figures: dict, fx) -> None:
    from bench.report import results_markdown

    (ROOT / "bench" / "RESULTS.md").write_text(results_markdown(figures, machine()))


def machine() -> dict:
    import django
    import weasyprint
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    load = os.getloadavg()
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": pg,
        "weasyprint": weasyprint.__version__,
        "load_average_at_end": [round(x, 2) for x in load],
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


if __name__ == "__main__":
    main()
