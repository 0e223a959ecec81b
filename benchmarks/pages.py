#!/usr/bin/env python3
"""Page-load benchmark: starts the platform under gunicorn with production-like settings
(benchmarks/settings.py) on its own database, seeds the demo (optionally N× the trainees), logs in
through the real login form and loads each page with 1 and 16 clients. Prints p50/p95/p99, requests
per second, the CPU time of the gunicorn workers per request and its ratio to the "auth floor" (the
project's base page for a logged-in trainee), measured in the same run. Loopback only; stops by itself.

    .venv/bin/python benchmarks/pages.py [--requests 100] [--clients 1,16] [--scale 1] [--workers 3]

PostgreSQL when DATABASE_URL is set (that database is migrated and seeded: give it a new, empty one),
else a temporary SQLite file; Redis cache when REDIS_URL is set. Figures only, not a test.
"""

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import statistics
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
    Result,
    Session,
    _die_with_parent,
    _exit_on_sigterm,
    free_port,
    load,
    markdown_table,
    run,
    start_gunicorn,
    stop,
)

__all__ = ["PYTHON", "ROOT", "Session", "_die_with_parent", "free_port"]  # also read by benchmarks/topology.py
TRAINEE = "stagiaire@epop.example"
TRAINER = "formatrice@epop.example"
BIG_TRAINEE = "bench.assidue@epop.example"


# --------------------------------------------------------------------------------------------------
# Preparation (runs inside Django, in a child process): scale the data and find the pages' URLs.
# --------------------------------------------------------------------------------------------------


def _scale(factor: int, big_records: int) -> None:
    """Adds (factor - 1) × the demo group's trainees, each enrolled and signed on the held session,
    and optionally one trainee with `big_records` attendance records, through factories and services."""
    import datetime

    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils import timezone

    from lms.attendance import services as attendance
    from lms.attendance.demo import IP_GROUP
    from lms.attendance.models import AttendanceSlot, SignatureMethod
    from lms.cohorts import services as cohorts
    from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup
    from lms.people.factories import UserFactory
    from lms.people.models import Role, User
    from lms.people.services import assign_role

    if User.objects.filter(email__startswith="bench.").exists():
        print("Scaled data already present (reused PostgreSQL database): not added again.", file=sys.stderr)
        return
    group = TrainingGroup.objects.get(name=IP_GROUP)
    held = ScheduledSession.objects.filter(groups=group, date__lt=timezone.localdate()).order_by("date").first()
    trainer = group.trainers.first()
    enrolled = Enrolment.objects.filter(group=group, status=Enrolment.Status.ENROLLED).count()
    extra = enrolled * (factor - 1)
    if extra > 0:
        group.capacity = enrolled * factor + 1
        group.save(update_fields=["capacity"])
        slots = list(AttendanceSlot.objects.filter(session=held)) if held else []
        for index in range(extra):
            with transaction.atomic():
                trainee = UserFactory(email=f"bench.stagiaire{index:04d}@epop.example")
                assign_role(trainee, Role.TRAINEE)
                cohorts.enrol(group, trainee)
                for slot in slots:
                    with contextlib.suppress(ValidationError):
                        attendance.sign(slot, trainee, SignatureMethod.ONE_TAP, by=trainee, now=slot.opened_at)
    if big_records and held is not None:
        # One trainee present on `big_records` half-days: past sessions of the same curriculum page.
        # In a group of her own (a copy of the demo group), so the other trainees' pages do not grow.
        trainee = UserFactory(email=BIG_TRAINEE)
        assign_role(trainee, Role.TRAINEE)
        trainers, peers = list(group.trainers.all()), list(group.peer_trainers.all())
        group.pk = group.id = None
        group._state.adding = True
        group.name = f"{IP_GROUP} (banc d'essai)"
        group.capacity = 2
        group.save()
        group.trainers.set(trainers)
        group.peer_trainers.set(peers)
        cohorts.enrol(group, trainee)
        for index in range(big_records // 2):
            day = held.date - datetime.timedelta(days=7 * (index + 1))
            with transaction.atomic():
                session = ScheduledSession.objects.create(
                    session_page=held.session_page,
                    date=day,
                    start_time=held.start_time,
                    end_time=held.end_time,
                    venue=held.venue,
                    trainer=held.trainer,
                    peer_trainer=held.peer_trainer,
                )
                session.groups.add(group)
                for half_day in session.half_days:
                    opened = datetime.datetime.combine(day, datetime.time(9 if half_day == "morning" else 13))
                    opened = timezone.make_aware(opened)
                    slot = attendance.open_slot(session, half_day, by=trainer, now=opened)
                    with contextlib.suppress(ValidationError):
                        attendance.sign(slot, trainee, SignatureMethod.ONE_TAP, by=trainee, now=opened)


def _targets() -> dict:
    """The URLs to load, found in the seeded database."""
    from django.urls import reverse
    from django.utils import timezone
    from wagtail.models import Page
    from wagtail_lms.models import H5PActivity

    from lms.attendance.demo import IP_GROUP
    from lms.cohorts.models import ScheduledSession

    held = (
        ScheduledSession.objects.filter(groups__name=IP_GROUP, date__lt=timezone.localdate()).order_by("-date").first()
    )
    h5p_page = None
    for page in Page.objects.live().specific().filter(depth__gte=3).order_by("path"):
        body = getattr(page, "body", None)
        if body is not None and any(block.block_type == "h5p" for block in body):
            h5p_page = page
            break
    activity = H5PActivity.objects.order_by("pk").first()
    return {
        "attendance": reverse("attendance:session", args=[held.pk]) if held else None,
        "sheet": reverse("attendance:sheet_pdf", args=[held.pk]) if held else None,
        "home": reverse("attendance:trainee_home"),
        "export": reverse("people:data_export"),
        "h5p_page": h5p_page.url if h5p_page else None,
        "xapi": reverse("wagtail_lms:h5p_xapi", args=[activity.pk]) if activity else None,
    }


def prepare(scale: int, big_records: int) -> None:
    import django

    django.setup()
    if scale > 1 or big_records:
        _scale(scale, big_records)
    print("TARGETS " + json.dumps(_targets()))


# --------------------------------------------------------------------------------------------------
# Orchestration.
# --------------------------------------------------------------------------------------------------


def demo_fingerprint() -> str:
    """Changes whenever a migration, a demo module or a factory changes: names a reusable seeded database."""
    import hashlib

    digest = hashlib.sha256()
    patterns = ["*/migrations/*.py", "*/*/migrations/*.py", "*/demo.py", "*/*/demo.py", "*/factories.py"]
    patterns += ["*/*/factories.py", "*/*/management/commands/seed_demo.py"]
    for path in sorted({path for pattern in patterns for path in ROOT.glob(pattern)}):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def table(results: list[Result], auth_cpu: float, auth_rate: float) -> str:
    with_db = any(r.db_cpu is not None for r in results)
    header = ("page", "clients", "p50 ms", "p95 ms", "p99 ms", "req/s", "CPU ms/req", "× auth CPU")
    header += ("DB CPU ms/req",) * with_db + ("errors",)
    rows = [header]
    for r in results:
        ratio = r.cpu_ms / auth_cpu if auth_cpu else float("nan")
        error = f"{r.errors} {sorted(r.statuses)}" if r.errors else "0"
        rows.append(
            (
                r.page.label,
                str(r.clients),
                f"{r.percentile(50):.1f}",
                f"{r.percentile(95):.1f}",
                f"{r.percentile(99):.1f}",
                f"{r.rate:.1f}",
                f"{r.cpu_ms:.1f}",
                f"{ratio:.2f}",
                *((f"{r.db_cpu_ms:.1f}",) if with_db else ()),
                error,
            )
        )
    return markdown_table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="requests per page and per client count")
    parser.add_argument("--clients", default="1,16", help="comma-separated concurrent client counts")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--scale", type=int, default=1, help="N× the demo group's trainees")
    parser.add_argument(
        "--big-trainee", type=int, default=0, metavar="RECORDS", help="add a trainee with RECORDS records"
    )
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured requests per page first")
    parser.add_argument("--max-seconds", type=float, default=1800, help="stop measuring after this long")
    parser.add_argument(
        "--cache-dir",
        help="SQLite only: keep the migrated and seeded demo here and start from a copy next time (smoke runs)",
    )
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.scale, args.big_trainee)
        return
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    clients = [int(value) for value in args.clients.split(",")]
    password = os.environ.get("DEMO_PASSWORD", "epop-demo-2026")
    workdir = Path(tempfile.mkdtemp(prefix="epop-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "BENCH_SQLITE_PATH": str(workdir / "db.sqlite3"),
        "MEDIA_ROOT": str(workdir / "media"),
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "PYTHONPATH": str(ROOT),
        "DEMO_PASSWORD": password,
    }
    (workdir / "static").mkdir()
    gunicorn = None
    gunicorn_log = workdir / "gunicorn.log"
    started = time.monotonic()
    try:
        database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
        print(f"Preparing the database ({database}): migrate, seed_demo, scale ×{args.scale}…", file=sys.stderr)
        cached = None
        if args.cache_dir and not os.environ.get("DATABASE_URL"):
            cached = Path(args.cache_dir) / demo_fingerprint()
        if cached is not None and (cached / "ready").exists():
            shutil.copy(cached / "db.sqlite3", workdir / "db.sqlite3")
            shutil.copytree(cached / "media", workdir / "media", dirs_exist_ok=True)
        else:
            run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=900)
            run([PYTHON, "manage.py", "seed_demo"], env, timeout=900)
            if cached is not None:
                shutil.rmtree(cached, ignore_errors=True)
                cached.mkdir(parents=True)
                shutil.copy(workdir / "db.sqlite3", cached / "db.sqlite3")
                shutil.copytree(workdir / "media", cached / "media")
                (cached / "ready").touch()
        prepared = run(
            [PYTHON, __file__, "--prepare", "--scale", str(args.scale), "--big-trainee", str(args.big_trainee)],
            env,
            1800,
        )
        targets = json.loads(prepared.split("TARGETS ", 1)[1])
        gunicorn, port = start_gunicorn(env, args.workers, gunicorn_log)
        trainee, trainer = Session(port=port), Session(port=port)
        trainee.login(TRAINEE, password)
        trainer.login(TRAINER, password)
        statement = {
            "actor": {"mbox": f"mailto:{TRAINEE}"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
            "object": {"id": "http://127.0.0.1/h5p/bench"},
            "result": {"score": {"raw": 1, "max": 1, "scaled": 1}, "completion": True, "success": True},
        }
        xapi_headers = {"Content-Type": "application/json", "X-CSRFToken": trainee.cookies.get("csrftoken", "")}
        pages = [
            Page("bare template (floor)", "/__bench__/bare/", Session(port=port)),
            Page("auth floor (base page, trainee)", "/__bench__/auth/", trainee),
            Page("trainer attendance page", targets["attendance"], trainer),
            Page("Mon espace (trainee)", targets["home"], trainee),
            Page("data export page", targets["export"], trainee),
            Page("attendance sheet PDF", targets["sheet"], trainer),
            Page("session page with H5P", targets["h5p_page"], trainee),
            Page(
                "xAPI statement ingest", targets["xapi"], trainee, "POST", json.dumps(statement).encode(), xapi_headers
            ),
            Page("certificat de réalisation PDF (QR)", "/__bench__/certificat.pdf", trainee),
            Page("plain reportlab PDF (floor)", "/__bench__/reportlab.pdf", trainee),
        ]
        if args.big_trainee:
            assidue = Session(port=port)
            assidue.login(BIG_TRAINEE, password)
            pages[3:5] = [
                pages[3],
                Page(f"Mon espace ({args.big_trainee} records)", targets["home"], assidue),
                pages[4],
                Page(f"data export page ({args.big_trainee} records)", targets["export"], assidue),
            ]
        skipped = [page.label for page in pages if not page.path]
        pages = [page for page in pages if page.path]
        deadline = started + args.max_seconds
        # PostgreSQL's backends for this database, when it runs on this machine (same user or root).
        db_name = urllib.parse.urlparse(os.environ.get("DATABASE_URL", "")).path.lstrip("/")
        results = []

        async def measure():
            with ThreadPoolExecutor(max_workers=max(clients)) as pool:
                for page in pages:
                    await load(page, 1, args.warmup, pool, gunicorn.pid, deadline, db_name)
                    for count in clients:
                        results.append(await load(page, count, args.requests, pool, gunicorn.pid, deadline, db_name))
                        print(f"  measured {page.label}, {count} client(s)", file=sys.stderr)

        asyncio.run(measure())
        auth = [r for r in results if r.page.label.startswith("auth floor")]
        auth_cpu = statistics.mean(r.cpu_ms for r in auth) if auth else 0.0
        auth_rate = max((r.rate for r in auth), default=0.0)
        print(
            f"EPoP page-load benchmark: gunicorn {args.workers} sync workers, {database}, "
            f"cache {'Redis' if os.environ.get('REDIS_URL') else 'local memory'}, scale ×{args.scale}"
            + (f", one trainee with {args.big_trainee} records" if args.big_trainee else "")
            + f", {args.requests} requests per row, {os.cpu_count()} CPUs"
        )
        print(table(results, auth_cpu, auth_rate))
        print(f"Auth floor: {auth_cpu:.1f} ms CPU per request (mean of its rows), {auth_rate:.1f} requests/s at best.")
        if skipped:
            print("Not measured (not found in the seeded data): " + ", ".join(skipped))
    finally:
        stop(gunicorn)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
