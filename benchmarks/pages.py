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
import http.client
import http.cookies
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TRAINEE = "stagiaire@epop.example"
TRAINER = "formatrice@epop.example"
BIG_TRAINEE = "bench.assidue@epop.example"
CLK_TCK = os.sysconf("SC_CLK_TCK")


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
# HTTP client (plain http.client in threads, driven by asyncio) and CPU accounting.
# --------------------------------------------------------------------------------------------------


@dataclass
class Session:
    port: int
    cookies: dict = field(default_factory=dict)

    def request(self, method, path, body=None, headers=None, timeout=60.0):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            all_headers = {"Connection": "close", **(headers or {})}
            if self.cookies:
                all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            data = response.read()
            for raw in response.headers.get_all("Set-Cookie") or []:
                cookie = http.cookies.SimpleCookie()
                cookie.load(raw)
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value
            return response.status, data
        finally:
            connection.close()

    def login(self, email: str, password: str) -> None:
        status, page = self.request("GET", "/connexion/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            raise SystemExit(f"login form not found ({status})")
        form = {"csrfmiddlewaretoken": match.group(1).decode(), "username": email, "password": password}
        status, _ = self.request(
            "POST",
            "/connexion/",
            body=urllib.parse.urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"login refused for {email} ({status})")


def children_of(pid: int) -> list[int]:
    result = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    result.append(int(entry.name))
    return result


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU of each of these processes (and of their reaped children), from /proc/<pid>/stat."""
    result = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            result[pid] = sum(int(value) for value in fields[11:15]) / CLK_TCK  # utime stime cutime cstime
    return result


def cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU spent between two readings by the processes alive at the second one (a new one counts in full;
    one that exited in between is lost, an undercount)."""
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())


def database_backends(name: str) -> list[int]:
    """PostgreSQL backend processes serving database `name` (their title is "postgres: … user name host …")."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                words = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").split()
                if words and words[0] == "postgres:" and name in words[1:4]:
                    pids.append(int(entry.name))
    return pids


@dataclass
class Page:
    label: str
    path: str
    session: Session
    method: str = "GET"
    body: bytes | None = None
    headers: dict = field(default_factory=dict)
    expect: tuple = (200,)


@dataclass
class Result:
    page: Page
    clients: int
    latencies: list
    wall: float
    cpu: float
    db_cpu: float | None
    errors: int
    statuses: set

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    @property
    def cpu_ms(self) -> float:
        return self.cpu * 1000 / max(1, len(self.latencies))

    @property
    def db_cpu_ms(self) -> float | None:
        return None if self.db_cpu is None else self.db_cpu * 1000 / max(1, len(self.latencies))

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else float("nan")


async def load(page: Page, clients: int, count: int, pool, master: int, deadline: float, db: str = "") -> Result:
    loop = asyncio.get_running_loop()
    workers = children_of(master)
    session = page.session
    remaining = [count]
    latencies, statuses, errors = [], set(), [0]

    async def client():
        while remaining[0] > 0 and time.monotonic() < deadline:
            remaining[0] -= 1
            start = time.perf_counter()
            try:
                status, _ = await loop.run_in_executor(
                    pool, lambda: session.request(page.method, page.path, page.body, page.headers)
                )
            except OSError:
                errors[0] += 1
                continue
            latencies.append(time.perf_counter() - start)
            statuses.add(status)
            if status not in page.expect:
                errors[0] += 1

    cpu_before, wall_before = cpu_seconds(workers), time.perf_counter()
    db_before = cpu_seconds(database_backends(db)) if db else {}
    await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.perf_counter() - wall_before
    cpu = cpu_spent(cpu_before, cpu_seconds(children_of(master)))
    db_cpu = cpu_spent(db_before, cpu_seconds(database_backends(db))) if db else None
    return Result(page, clients, latencies, wall, cpu, db_cpu, errors[0], statuses)


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


def _die_with_parent() -> None:
    """gunicorn's master gets SIGTERM (and stops its workers) if this script dies, even by SIGKILL."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _exit_on_sigterm(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command: list[str], env: dict, timeout: float) -> str:
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"failed: {' '.join(command)}")
    return completed.stdout


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
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


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
        port = free_port()
        gunicorn = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "lms.wsgi:application", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", str(args.workers), "--log-level", "warning", "--timeout", "120"],
            cwd=ROOT,
            env=env,
            stdout=gunicorn_log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        probe = Session(port=port)
        for _ in range(600):
            with contextlib.suppress(OSError):
                if probe.request("GET", "/__bench__/bare/", timeout=5)[0] == 200:
                    break
            if gunicorn.poll() is not None:
                raise SystemExit("gunicorn stopped:\n" + gunicorn_log.read_text(errors="replace")[-3000:])
            time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not answer")
        for _ in range(100):
            if len(children_of(gunicorn.pid)) >= args.workers:
                break
            time.sleep(0.1)
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
        if gunicorn is not None and gunicorn.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(gunicorn.pid, signal.SIGTERM)
            try:
                gunicorn.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(gunicorn.pid, signal.SIGKILL)
                gunicorn.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
