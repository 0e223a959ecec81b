#!/usr/bin/env python3
"""Scale-out check: starts on this machine what README's "Déployer à l'échelle" describes — PostgreSQL,
Redis, two gunicorn processes on two ports, two `manage.py qcluster` processes sharing one django-q2
cluster name (so one queue) — and prints evidence that the work is shared and done exactly once:

- a batch of certificates (2,000 by default) split into one django-q2 task per group, finished once each,
  with the CPU seconds each qcluster process tree spent;
- the daily schedules (convocations D-7/D-1, arrangement reminders D-10/D-3, retention) made due with
  both clusters running: each scheduled task, each convocation and each reminder e-mail exactly once;
- a session opened on gunicorn A used on gunicorn B, and a login lockout counted across both.

    benchmarks/topology.sh [--certificates 2000] [--web-workers 2]

DATABASE_URL: by default a new database `epop_topology` on postgres://postgres@127.0.0.1:5432, created
and dropped by the script (a given DATABASE_URL must name an empty database; it is kept). REDIS_URL: by
default a free Redis database number on 127.0.0.1:6379, flushed at the end (only that one). Media on
the S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set, else local files in a temporary folder.
Stops everything it started (process groups), even on Ctrl-C; exits 1 if a check fails.
"""

import argparse
import contextlib
import email
import email.header
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.pages import PYTHON, ROOT, TRAINEE, Session, _die_with_parent, free_port  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/epop_topology"
LOCK_ACCOUNT = "bench.verrou@epop.example"
BULK_PREFIX = "bench.topologie"


# --------------------------------------------------------------------------------------------------
# Inside Django (child processes): preparation and the start of the issuing.
# --------------------------------------------------------------------------------------------------


def prepare(certificates: int) -> None:
    """Groups of completed trainees (lenient completion rule, through its service), a group convoked
    D-7 and D-1, an account to lock out; every schedule pushed to tomorrow so that none runs before
    the script makes it due."""
    import datetime

    import django

    django.setup()
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone
    from django_q.models import Schedule, Task

    from lms.attendance.demo import IP_GROUP
    from lms.certificates.models import Certificate, CompletionRule, IssuingBatch, OrganisationSignatory
    from lms.certificates.services import save_completion_rule
    from lms.cohorts.models import ConvocationLog, Enrolment, ScheduledSession, TrainingGroup
    from lms.cohorts.selectors import participants_of_session
    from lms.cohorts.tasks import CONVOCATION_SCHEDULE_NAME, LEAD_DAYS
    from lms.learning.factories import schedule
    from lms.people.factories import UserFactory
    from lms.people.models import Role, RoleAssignment
    from lms.people.services import assign_role

    today = timezone.localdate()
    demo = TrainingGroup.objects.select_related("course").get(name=IP_GROUP)
    course = demo.course
    signatory = OrganisationSignatory.objects.select_related("organisation").first()
    admin = RoleAssignment.objects.filter(role=Role.ADMINISTRATOR).select_related("user").first().user
    rule = CompletionRule.objects.filter(course=course).first() or CompletionRule(course=course)
    rule.min_attendance_percent = 0
    rule.require_final_session = rule.require_intersession_work = rule.require_final_evaluation = False
    save_completion_rule(rule, actor=admin)

    size = course.max_group_size or 8
    groups = []
    for index in range(math.ceil(certificates / size)):
        count = min(size, certificates - index * size)
        with transaction.atomic():
            group = TrainingGroup.objects.create(
                name=f"Banc d'essai topologie {index + 1:04d}",
                course=course,
                territory=demo.territory,
                organisation=signatory.organisation,
                capacity=size,
                status=TrainingGroup.Status.FINISHED,
                start_date=today - datetime.timedelta(days=90),
                end_date=today - datetime.timedelta(days=7),
            )
            # Password-less accounts: hashing 2,000 demo passwords would dominate the preparation.
            trainees = [
                UserFactory(email=f"{BULK_PREFIX}{index:04d}.{n:02d}@epop.example", password=None) for n in range(count)
            ]
            Enrolment.objects.bulk_create(
                Enrolment(group=group, trainee=trainee, status=Enrolment.Status.ENROLLED) for trainee in trainees
            )
        groups.append(group.pk)

    # A group convoked in 7 days and tomorrow (besides whatever the demo holds on those days).
    held = ScheduledSession.objects.filter(groups=demo).order_by("date").first()
    convoked = TrainingGroup.objects.create(
        name="Banc d'essai topologie — convocations",
        course=course,
        territory=demo.territory,
        organisation=signatory.organisation,
        capacity=size,
        status=TrainingGroup.Status.RUNNING,
        start_date=today + datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=7),
    )
    for n in range(size):
        trainee = UserFactory(email=f"bench.convoque{n:02d}@epop.example", password=None)
        Enrolment.objects.create(group=convoked, trainee=trainee, status=Enrolment.Status.ENROLLED)
    for days in LEAD_DAYS.values():
        schedule(held.session_page, convoked, date=today + datetime.timedelta(days=days))
    expected = []
    for kind, days in LEAD_DAYS.items():
        sessions = ScheduledSession.objects.filter(date=today + datetime.timedelta(days=days)).exclude(
            status=ScheduledSession.Status.CANCELLED
        )
        for session in sessions:
            sent = set(
                ConvocationLog.objects.filter(session=session, kind=kind, sequence=session.sequence).values_list(
                    "trainee_id", flat=True
                )
            )
            for trainee in participants_of_session(session):
                if trainee.pk not in sent:
                    expected.append([session.pk, trainee.pk, trainee.email, str(kind)])

    # Arrangements still unconfirmed at D-10 and D-3: the regional team gets one reminder per session.
    from accessibility.models import ArrangementKind, ArrangementLine, ArrangementPlan
    from accessibility.selectors import regional_team_emails_for_session, unconfirmed_lines_on
    from accessibility.services import READINESS_DAYS

    for days in READINESS_DAYS:
        session = schedule(held.session_page, convoked, date=today + datetime.timedelta(days=days))
        plan, _created = ArrangementPlan.objects.get_or_create(session=session)
        ArrangementLine.objects.create(plan=plan, kind=ArrangementKind.LSF, status=ArrangementLine.Status.NEEDED)
    reminders = []
    for days in READINESS_DAYS:
        sessions = {line.plan.session for line in unconfirmed_lines_on(today + datetime.timedelta(days=days))}
        for session in sessions:
            recipients = regional_team_emails_for_session(session)
            if recipients:
                reminders.append([", ".join(recipients), f"Aménagements non confirmés — {session} (J-{days})"])

    locked = UserFactory(email=LOCK_ACCOUNT)
    assign_role(locked, Role.TRAINEE)
    schedules = list(Schedule.objects.exclude(repeats=0).values_list("name", "func"))
    Schedule.objects.update(next_run=timezone.now() + datetime.timedelta(days=1))
    Task.objects.all().delete()  # results of the demo's synchronous tasks: the counts start from zero
    print(
        "PREPARED "
        + json.dumps(
            {
                "groups": groups,
                "group_size": size,
                "course": course.title,
                "expected_convocations": expected,
                "expected_reminders": reminders,
                "schedules": schedules,
                "convocation_schedule": CONVOCATION_SCHEDULE_NAME,
                "home": reverse("attendance:trainee_home"),
                "tables": {
                    "certificate": Certificate._meta.db_table,
                    "batch": IssuingBatch._meta.db_table,
                    "convocation": ConvocationLog._meta.db_table,
                    "task": Task._meta.db_table,
                    "schedule": Schedule._meta.db_table,
                    "enrolment": Enrolment._meta.db_table,
                },
                "enrolled": str(Enrolment.Status.ENROLLED),
            }
        )
    )


def start_issuing(group_ids: list[int]) -> None:
    """One start_group_issuing per group (one django-q2 task each), by an administrator."""
    import django

    django.setup()
    from lms.certificates.services import start_group_issuing
    from lms.cohorts.models import TrainingGroup
    from lms.people.models import Role, RoleAssignment

    admin = RoleAssignment.objects.filter(role=Role.ADMINISTRATOR).select_related("user").first().user
    batches = [start_group_issuing(admin, group).pk for group in TrainingGroup.objects.filter(pk__in=group_ids)]
    print("BATCHES " + json.dumps(batches))


# --------------------------------------------------------------------------------------------------
# Processes, /proc and the database, from outside.
# --------------------------------------------------------------------------------------------------


def group_cpu(pgid: int) -> float:
    """User + system CPU (with reaped children) of every live process in process group `pgid`."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == pgid:
                    total += sum(int(value) for value in fields[11:15]) / CLK_TCK
    return total


def group_size(pgid: int) -> int:
    count = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2]) == pgid:
                    count += 1
    return count


class Stack:
    """The processes started, each in its own process group, stopped in reverse order."""

    def __init__(self, workdir: Path, env: dict):
        self.workdir, self.env, self.processes = workdir, env, []

    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = (self.workdir / f"{name}.log").open("wb")
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        self.processes.append((name, process))
        return process

    def log(self, name: str) -> str:
        return (self.workdir / f"{name}.log").read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30  # one grace period for all, not one each
        for _name, process in reversed(self.processes):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            # Whatever is left of the group (workers of a cluster that did not stop in time).
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)


def run(command: list[str], env: dict, timeout: float) -> str:
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-5000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    return completed.stdout


def connect(url: str, dbname: str | None = None):
    import psycopg

    parts = urllib.parse.urlparse(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password or "") or None,
        dbname=dbname or parts.path.lstrip("/"),
        autocommit=True,
    )


def free_redis_db(host: str = "127.0.0.1", port: int = 6379) -> int:
    import redis

    for number in range(15, 0, -1):
        if redis.Redis(host=host, port=port, db=number).dbsize() == 0:
            return number
    raise SystemExit("no empty Redis database number on this server: set REDIS_URL")


def wait_for(predicate, timeout: float, what: str, interval: float = 1.0, stack: Stack | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if stack is not None:
            for name, process in stack.processes:
                if process.poll() is not None:
                    raise SystemExit(f"{name} stopped:\n{stack.log(name)}")
        time.sleep(interval)
    raise SystemExit(f"timed out waiting for {what}")


def read_messages(folder: Path) -> list[tuple[str, str]]:
    """(recipient, subject) of every message the file-based e-mail backend wrote."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk)
            subject = str(email.header.make_header(email.header.decode_header(message.get("Subject", ""))))
            messages.append((message.get("To", ""), subject))
    return messages


# --------------------------------------------------------------------------------------------------
# The checks.
# --------------------------------------------------------------------------------------------------


class Report:
    def __init__(self):
        self.failures = 0

    def check(self, ok: bool, text: str) -> None:
        print(f"  [{'ok' if ok else 'ÉCHEC'}] {text}")
        self.failures += not ok


def check_shared_state(report: Report, port_a: int, port_b: int, home: str, password: str, limit: int) -> None:
    print("Shared state (sessions, login throttle) between gunicorn A and B:")
    a = Session(port=port_a)
    a.login(TRAINEE, password)
    b = Session(port=port_b, cookies=dict(a.cookies))
    status, page = b.request("GET", home)
    report.check(
        status == 200 and b"Mon espace" in page, f"logged in on A, « Mon espace » on B with A's cookie: {status}"
    )

    def attempt(port: int, secret: str):
        client = Session(port=port)
        status, form = client.request("GET", "/connexion/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1).decode()
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": LOCK_ACCOUNT, "password": secret})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        status, page = client.request("POST", "/connexion/", body=body, headers=headers)
        return status, "Trop de tentatives" in page.decode(errors="replace")

    status, _locked = attempt(port_b, password)
    report.check(status == 302, f"{LOCK_ACCOUNT}: right password accepted on B first ({status})")
    trail = []
    for n in range(limit):
        port, name = (port_a, "A") if n % 2 == 0 else (port_b, "B")
        status, locked = attempt(port, "mauvais-mot-de-passe")
        trail.append(f"{name}:{status}{' bloqué' if locked else ''}")
        if status == 302 or locked:
            report.check(False, f"failure {n + 1} on {name} was not a plain failure ({status}, locked={locked})")
    print(f"  {limit} wrong passwords, alternately: {' '.join(trail)}")
    per_process = math.ceil(limit / 2)
    for port, name in ((port_a, "A"), (port_b, "B")):
        status, locked = attempt(port, password)
        report.check(
            status != 302 and locked,
            f"right password on {name} after {limit} failures in total (≤ {per_process} on each process): "
            f"refused, « Trop de tentatives » ({status})",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--certificates", type=int, default=2000, help="completed trainees to certify")
    parser.add_argument("--web-workers", type=int, default=2, help="sync workers of each gunicorn")
    parser.add_argument("--timeout", type=float, default=1500, help="seconds to wait for the certificates")
    parser.add_argument("--prepare", type=int, metavar="N", help=argparse.SUPPRESS)
    parser.add_argument("--start-issuing", metavar="JSON", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare is not None:
        return prepare(args.prepare)
    if args.start_issuing:
        return start_issuing(json.loads(args.start_issuing))

    def _stop(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, _stop)
    started = time.monotonic()
    password = os.environ.get("DEMO_PASSWORD", "epop-demo-2026")
    database_url = os.environ.get("DATABASE_URL", "").strip()
    own_database = not database_url
    database_url = database_url or DEFAULT_DATABASE
    db_name = urllib.parse.urlparse(database_url).path.lstrip("/")
    redis_url = os.environ.get("REDIS_URL", "").strip()
    own_redis = not redis_url
    if own_redis:
        redis_url = f"redis://127.0.0.1:6379/{free_redis_db()}"
    s3 = bool(os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip())
    workdir = Path(tempfile.mkdtemp(prefix="epop-topology-"))
    mail_dir = workdir / "mail"
    mail_dir.mkdir()
    (workdir / "static").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "BENCH_EMAIL_DIR": str(mail_dir),
        "PYTHONPATH": str(ROOT),
        "DEMO_PASSWORD": password,
    }
    stack = Stack(workdir, env)
    report = Report()
    created_database = False
    try:
        if own_database:
            with connect(database_url, "postgres") as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{db_name}"')
            created_database = True
        import redis

        redis.Redis.from_url(redis_url).flushdb()
        media = "in local files (no AWS_STORAGE_BUCKET_NAME)"
        if s3:
            media = f"on the S3-compatible storage (bucket {os.environ['AWS_STORAGE_BUCKET_NAME']})"
        print(
            f"Topology: PostgreSQL {db_name}{' (created for this run)' if own_database else ''}, Redis {redis_url}, "
            f"media {media}, {os.cpu_count()} CPUs"
        )
        print("Preparing: migrate, seed_demo, certified groups…", file=sys.stderr)
        # Tasks queued while seeding run inline (Q_SYNC): the queue and the mailbox start empty.
        seed_env = {**env, "Q_SYNC": "1"}
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], seed_env, timeout=900)
        run([PYTHON, "manage.py", "seed_demo"], seed_env, timeout=900)
        prepared = json.loads(
            run([PYTHON, __file__, "--prepare", str(args.certificates)], seed_env, 1800).split("PREPARED ", 1)[1]
        )
        redis.Redis.from_url(redis_url).flushdb()
        for path in mail_dir.iterdir():
            path.unlink()
        tables = prepared["tables"]
        script = (
            "import django, json; django.setup(); from django.conf import settings; from django_q.conf import Conf; "
            "print(json.dumps([settings.LOGIN_FAILURE_LIMIT, Conf.PREFIX, Conf.WORKERS]))"
        )
        limit, *cluster = json.loads(run([PYTHON, "-c", script], env, 120).strip())

        ports = {"A": free_port(), "B": free_port()}
        for name, port in ports.items():
            stack.start(
                f"gunicorn-{name}",
                [PYTHON, "-m", "gunicorn", "lms.wsgi:application", "--bind", f"127.0.0.1:{port}"]
                + ["--workers", str(args.web_workers), "--log-level", "warning", "--timeout", "120"],
            )
        clusters = {name: stack.start(f"qcluster-{name}", [PYTHON, "manage.py", "qcluster"]) for name in ("1", "2")}
        for name, port in ports.items():
            probe = Session(port=port)

            def answers(probe=probe):
                with contextlib.suppress(OSError):
                    return probe.request("GET", "/__bench__/bare/", timeout=5)[0] == 200
                return False

            wait_for(answers, 120, f"gunicorn {name}", 0.2, stack)
        for name, process in clusters.items():
            started_up = lambda process=process: group_size(process.pid) >= 3 + cluster[1]  # noqa: E731
            wait_for(started_up, 120, f"qcluster {name}", 0.5, stack)
        print(
            f"Started: gunicorn A :{ports['A']} and B :{ports['B']} ({args.web_workers} workers each), "
            f"qcluster 1 (pgid {clusters['1'].pid}) and 2 (pgid {clusters['2'].pid}), both cluster "
            f"« {cluster[0]} », {cluster[1]} workers each, broker Redis"
        )

        check_shared_state(report, ports["A"], ports["B"], prepared["home"], password, limit)

        database = connect(database_url)

        def one(sql, params=()):
            return database.execute(sql, params).fetchone()

        groups = prepared["groups"]
        trainees = one(
            f"SELECT count(*) FROM {tables['enrolment']} WHERE group_id = ANY(%s) AND status = %s",
            (groups, prepared["enrolled"]),
        )[0]
        print(
            f"Certificates: {trainees} completed trainees in {len(groups)} finished groups "
            f"of ≤ {prepared['group_size']} "
            f"(« {prepared['course']} », completion rule made lenient through save_completion_rule)"
        )
        cpu_before = {name: group_cpu(process.pid) for name, process in clusters.items()}
        clock = time.perf_counter()
        batches = json.loads(
            run([PYTHON, __file__, "--start-issuing", json.dumps(groups)], env, 600).split("BATCHES ", 1)[1]
        )
        queued = time.perf_counter() - clock
        batch_table = tables["batch"]

        def finished():
            sql = f"SELECT count(*) FROM {batch_table} WHERE id = ANY(%s) AND status IN ('done', 'failed')"
            done = one(sql, (batches,))
            return done[0] == len(batches)

        wait_for(finished, args.timeout, "the certificate batches", 1.0, stack)
        elapsed = time.perf_counter() - clock
        cpu = {name: group_cpu(process.pid) - cpu_before[name] for name, process in clusters.items()}
        cert_table = tables["certificate"]
        certificates = one(f"SELECT count(*) FROM {cert_table} WHERE group_id = ANY(%s)", (groups,))[0]
        twice = one(
            f"SELECT count(*) FROM (SELECT trainee_id FROM {cert_table} GROUP BY trainee_id HAVING count(*) > 1) d"
        )[0]
        states = dict(
            database.execute(
                f"SELECT status, count(*) FROM {batch_table} WHERE id = ANY(%s) GROUP BY status", (batches,)
            ).fetchall()
        )
        once = one(
            f"SELECT count(*) FROM {batch_table} WHERE id = ANY(%s) AND status = 'done' AND processed = total "
            "AND issued_count = total AND existing_count = 0 AND incomplete_count = 0",
            (batches,),
        )[0]
        sums = one(
            f"SELECT sum(total), sum(processed), sum(issued_count) FROM {batch_table} WHERE id = ANY(%s)", (batches,)
        )
        tasks = one(
            f"SELECT count(*), count(*) FILTER (WHERE success) FROM {tables['task']} WHERE func = %s",
            ("lms.certificates.services.run_issuing_batch",),
        )
        print(
            f"  {len(batches)} batches queued in {queued:.1f} s, all finished {elapsed:.1f} s after the first was "
            f"queued: {certificates / elapsed:.1f} certificates/s (two PDFs and a badge each)"
        )
        report.check(certificates == trainees, f"certificates = completed trainees: {certificates} = {trainees}")
        report.check(twice == 0, f"trainees with two certificates (GROUP BY trainee HAVING count > 1): {twice}")
        report.check(
            states == {"done": len(batches)} and once == len(batches),
            f"batches done: {states.get('done', 0)}/{len(batches)}, each with processed = total = issued "
            f"(Σ total {sums[0]}, Σ processed {sums[1]}, Σ issued {sums[2]}); "
            f"django-q2 tasks run: {tasks[0]} ({tasks[1]} successful)",
        )
        total_cpu = sum(cpu.values())
        for name in clusters:
            share = cpu[name] / total_cpu if total_cpu else 0.0
            report.check(share >= 0.1, f"qcluster {name} process tree: {cpu[name]:.1f} CPU s ({share:.0%} of both)")
        if not s3:
            pdfs = sum(1 for _ in (workdir / "media").rglob("*.pdf"))
            report.check(pdfs >= 2 * certificates, f"PDF files in the local media folder: {pdfs} (two per certificate)")
        print(f"  CPU per certificate: {sum(cpu.values()) * 1000 / max(1, certificates):.1f} ms (both clusters)")

        print("Scheduled work with both clusters running:")
        names = [name for name, _func in prepared["schedules"]]
        expected = prepared["expected_convocations"]
        made_due = time.time()
        database.execute(
            f"UPDATE {tables['schedule']} SET next_run = now() - interval '1 second' WHERE name = ANY(%s)", (names,)
        )
        print(f"  made due now: {', '.join(f'« {name} »' for name in names)}")
        convocation_table = tables["convocation"]
        sessions = sorted({row[0] for row in expected})

        def convocations_logged():
            return one(f"SELECT count(*) FROM {convocation_table} WHERE session_id = ANY(%s)", (sessions,))[0] >= len(
                expected
            )

        wait_for(convocations_logged, 300, "the convocations", 1.0, stack)
        # Then a few more scheduler ticks (django-q2 looks every ~15 s) for anything that would run twice.
        time.sleep(max(0.0, made_due + 50 - time.time()))
        for name, func in prepared["schedules"]:
            runs = one(f"SELECT count(*) FROM {tables['task']} WHERE func = %s", (func,))[0]
            later = one(f"SELECT next_run > now() FROM {tables['schedule']} WHERE name = %s", (name,))[0]
            report.check(
                runs == 1 and later, f"« {name} » ({func}): run {runs} time(s), next run pushed to later: {later}"
            )
        logged = dict(
            database.execute(
                f"SELECT n, count(*) FROM (SELECT count(*) AS n FROM {convocation_table} WHERE session_id = ANY(%s) "
                "GROUP BY session_id, trainee_id, kind, sequence) c GROUP BY n",
                (sessions,),
            ).fetchall()
        )
        report.check(
            logged == {1: len(expected)},
            f"convocation records per (session, trainee, kind): {len(expected)} expected, "
            f"{logged.get(1, 0)} once, {sum(v for k, v in logged.items() if k > 1)} more than once",
        )
        mailbox = read_messages(mail_dir)
        messages = Counter(m for m in mailbox if m[1].startswith("Convocation"))
        recipients = {row[2] for row in expected}
        report.check(
            sum(messages.values()) == len(expected) and max(messages.values(), default=0) == 1,
            f"convocation e-mails (file backend): {sum(messages.values())} to {len({to for to, _s in messages})} "
            f"recipients ({len(recipients)} expected), largest count for one (recipient, subject): "
            f"{max(messages.values(), default=0)}",
        )
        reminders = Counter(m for m in mailbox if m[1].startswith("Aménagements non confirmés"))
        wanted = Counter(tuple(row) for row in prepared["expected_reminders"])
        report.check(
            bool(wanted) and reminders == wanted,
            f"arrangement reminders D-10/D-3 to the regional team: {sum(reminders.values())} sent, "
            f"{sum(wanted.values())} expected, largest count for one (recipients, subject): "
            f"{max(reminders.values(), default=0)}",
        )
        database.close()
    finally:
        print("Stopping everything started…", file=sys.stderr)
        stack.stop()
        if created_database:
            with contextlib.suppress(Exception), connect(database_url, "postgres") as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        if own_redis:
            with contextlib.suppress(Exception):
                import redis

                redis.Redis.from_url(redis_url).flushdb()
        shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"{'All checks passed' if not report.failures else f'{report.failures} check(s) FAILED'} "
        f"in {time.monotonic() - started:.0f} s; everything started was stopped"
        + (f", database {db_name} dropped" if created_database else "")
        + (", Redis database flushed" if own_redis else "")
        + "."
    )
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
