#!/usr/bin/env python3
"""Tracking dashboards at national scale: builds (or reuses) the national data set of
benchmarks/national.py, starts the platform under gunicorn with benchmarks/settings.py and a django-q2
cluster, logs in through the real form as each dashboard reader, and loads each dashboard page with 1
and 16 clients next to two floors served in the same run (a bare template, and the base page for the
logged-in national team). Then asks for the national XLSX export of a year through the page, and
times the real django-q2 task until its file is ready. Prints p50/p95, the factor over each floor, the
queries each page runs, and pass/fail against the targets (dashboard p95 ≤ 150 ms at 16 clients,
export < 30 s).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/epop_bench_national .venv/bin/python benchmarks/tracking.py

PostgreSQL when DATABASE_URL is set (created when missing; an already filled database is reused),
else a temporary SQLite file (`--sqlite-cache` keeps a migrated empty one for the next run). Figures
only, not a test; loopback only; stops what it started.
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (  # noqa: E402
    PYTHON,
    ROOT,
    Page,
    Session,
    _die_with_parent,
    _exit_on_sigterm,
    load,
    markdown_table,
    migrations_fingerprint,
    run,
    start_gunicorn,
    stop,
)
from benchmarks.national import FUNDER, NATIONAL, ORGANISATION, PASSWORD, REGIONAL  # noqa: E402

DASHBOARD_P95_MS = 150
EXPORT_SECONDS = 30


# --------------------------------------------------------------------------------------------------
# Preparation (inside Django, in a child process): the pages' URLs and the queries each one runs.
# --------------------------------------------------------------------------------------------------


def prepare() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from lms.cohorts.models import TrainingGroup
    from lms.people.models import Region, User

    dashboard = reverse("reporting:dashboard")
    region = Region.objects.annotate(groups=Count("territories__training_groups")).order_by("-groups").first()
    groups = TrainingGroup.objects.filter(territory__region=region).exclude(status=TrainingGroup.Status.CANCELLED)
    finished = groups.filter(status=TrainingGroup.Status.FINISHED).order_by("pk").first()
    group = finished or groups.order_by("pk").first()  # a finished group has every kind of figure
    year = timezone.localdate().year - 1  # the last full year
    pages = {
        "auth floor": (NATIONAL, "/__bench__/auth/"),
        "regional": (REGIONAL, dashboard),
        "organisation": (ORGANISATION, dashboard),
        "national": (NATIONAL, dashboard),
        "national, year": (NATIONAL, f"{dashboard}?annee={year}"),
        "national → region": (NATIONAL, f"{dashboard}?region={region.pk}"),
        "national → groups list": (NATIONAL, reverse("reporting:groups") + f"?region={region.pk}"),
        "group": (NATIONAL, reverse("reporting:group", args=[group.pk])),
        "funder": (FUNDER, dashboard),
    }
    found = {}
    for label, (email, url) in pages.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(email=email))
        client.get(url)  # warms what a worker keeps between requests
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        if status != 200:
            raise SystemExit(f"{label}: {url} answered {status}")
        found[label] = {"email": email, "url": url, "queries": len(queries)}
    print("TARGETS " + json.dumps({"pages": found, "year": year}))


# --------------------------------------------------------------------------------------------------
# Orchestration.
# --------------------------------------------------------------------------------------------------


def start_cluster(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )


def export_year(session: Session, year: int, timeout: float) -> tuple[float, int, str]:
    """Asks for the national XLSX export of `year` on the dashboard, then reads its page until the
    file is there: (seconds from the request to the file, file size, the page's status line)."""
    status, page = session.request("GET", f"/indicateurs/?annee={year}")
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not match:
        raise SystemExit(f"export form not found ({status})")
    form = {"csrfmiddlewaretoken": match.group(1).decode(), "annee": str(year), "format": "xlsx"}
    started = time.perf_counter()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    body = urllib.parse.urlencode(form)
    status, _ = session.request("POST", "/indicateurs/exports/", body=body, headers=headers)
    location = session.last_location
    if status != 302 or not location or "/indicateurs/exports/" not in location:
        raise SystemExit(f"export not started ({status}, {location})")
    path = urllib.parse.urlparse(location).path
    state = ""
    while time.perf_counter() - started < timeout:
        status, page = session.request("GET", path)
        found = re.search(rb'role="status">([^<]*)<', page)
        state = found.group(1).decode().strip() if found else f"HTTP {status}"
        if b"fichier/" in page:
            seconds = time.perf_counter() - started
            status, data = session.request("GET", path + "fichier/")
            if status != 200 or not data.startswith(b"PK"):
                raise SystemExit(f"export file not served as XLSX ({status})")
            return seconds, len(data), state
        if b'class="warning"' in page:
            raise SystemExit(f"export failed: {state}")
        time.sleep(0.1)
    raise SystemExit(f"export not ready after {timeout:.0f} s ({state})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the national data set (e.g. 0.01)")
    parser.add_argument("--requests", type=int, default=100, help="requests per page and per client count")
    parser.add_argument("--clients", default="1,16", help="comma-separated concurrent client counts")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured requests per page first")
    parser.add_argument("--export-timeout", type=float, default=300, help="give up waiting for the export")
    parser.add_argument("--sqlite-cache", help="SQLite only: keep a migrated empty database here for next time")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare()
        return
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    clients = [int(value) for value in args.clients.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="epop-bench-tracking-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "BENCH_SQLITE_PATH": str(workdir / "db.sqlite3"),
        "MEDIA_ROOT": str(workdir / "media"),
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "PYTHONPATH": str(ROOT),
        "DEMO_PASSWORD": PASSWORD,
    }
    (workdir / "static").mkdir()
    postgres = bool(os.environ.get("DATABASE_URL", "").strip())
    gunicorn = cluster = None
    try:
        if args.sqlite_cache and not postgres:
            cached = Path(args.sqlite_cache) / f"migrated-{migrations_fingerprint()}.sqlite3"
            if not cached.exists():
                print("Migrating an empty SQLite database for the cache…", file=sys.stderr)
                cached.parent.mkdir(parents=True, exist_ok=True)
                partial = cached.with_suffix(".partial")
                partial.unlink(missing_ok=True)
                run(
                    [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
                    {**env, "BENCH_SQLITE_PATH": str(partial)},
                    900,
                )
                partial.rename(cached)
            shutil.copy(cached, workdir / "db.sqlite3")
        print(f"Building the national data set ×{args.scale:g}…", file=sys.stderr)
        built = run([PYTHON, str(ROOT / "benchmarks" / "national.py"), "--scale", str(args.scale)], env, 1800)
        prepared = run([PYTHON, __file__, "--prepare"], env, 600)
        targets = json.loads(prepared.split("TARGETS ", 1)[1])
        gunicorn, port = start_gunicorn(env, args.workers, workdir / "gunicorn.log")
        cluster = start_cluster(env, workdir / "qcluster.log")
        sessions = {}
        for email in {page["email"] for page in targets["pages"].values()}:
            sessions[email] = Session(port=port)
            sessions[email].login(email, PASSWORD)
        pages = [(Page("bare template (floor)", "/__bench__/bare/", Session(port=port)), None)]
        for label, page in targets["pages"].items():
            shown = "auth floor (base page, national team)" if label == "auth floor" else f"dashboard: {label}"
            pages.append((Page(shown, page["url"], sessions[page["email"]]), page["queries"]))
        db_name = urllib.parse.urlparse(os.environ.get("DATABASE_URL", "")).path.lstrip("/")
        results = []

        async def measure():
            with ThreadPoolExecutor(max_workers=max(clients)) as pool:
                for page, queries in pages:
                    await load(page, 1, args.warmup, pool, gunicorn.pid, float("inf"), db_name)
                    for count in clients:
                        result = await load(page, count, args.requests, pool, gunicorn.pid, float("inf"), db_name)
                        results.append((result, queries))
                        print(f"  measured {page.label}, {count} client(s)", file=sys.stderr)

        asyncio.run(measure())
        seconds, size, state = export_year(sessions[NATIONAL], targets["year"], args.export_timeout)

        floors = {}
        for result, _ in results:
            if result.page.label.startswith(("bare template", "auth floor")):
                floors[(result.page.label.split()[0], result.clients)] = result
        auth_cpu = statistics.mean(r.cpu_ms for (kind, _), r in floors.items() if kind == "auth")
        header = ("page", "clients", "p50 ms", "p95 ms", "× bare p95", "× auth p95", "CPU ms/req", "× auth CPU")
        header += ("DB CPU ms/req",) * postgres + ("queries", "errors", "target")
        rows = [header]
        for result, queries in results:
            bare, auth = floors[("bare", result.clients)], floors[("auth", result.clients)]
            target = ""
            if result.page.label.startswith("dashboard") and result.clients == 16:
                target = "pass" if result.percentile(95) <= DASHBOARD_P95_MS else "FAIL"
                target += f" (p95 ≤ {DASHBOARD_P95_MS} ms)"
            rows.append(
                (
                    result.page.label,
                    str(result.clients),
                    f"{result.percentile(50):.1f}",
                    f"{result.percentile(95):.1f}",
                    f"{result.percentile(95) / bare.percentile(95):.1f}",
                    f"{result.percentile(95) / auth.percentile(95):.2f}",
                    f"{result.cpu_ms:.1f}",
                    f"{result.cpu_ms / auth_cpu:.2f}" if auth_cpu else "nan",
                    *((f"{result.db_cpu_ms:.1f}",) if postgres else ()),
                    "—" if queries is None else str(queries),
                    f"{result.errors} {sorted(result.statuses)}" if result.errors else "0",
                    target,
                )
            )
        print(built.strip())
        print(
            f"EPoP tracking benchmark: national data set ×{args.scale:g}, gunicorn {args.workers} sync workers, "
            f"{'PostgreSQL' if postgres else 'SQLite'}, {args.requests} requests per row, {os.cpu_count()} CPUs"
        )
        print(markdown_table(rows))
        verdict = "pass" if seconds < EXPORT_SECONDS else "FAIL"
        print(
            f"National XLSX export of {targets['year']} (django-q2 task, from the request to the file): "
            f"{seconds:.1f} s, {size} bytes, {verdict} (< {EXPORT_SECONDS} s)."
        )
    finally:
        stop(cluster)
        stop(gunicorn)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
