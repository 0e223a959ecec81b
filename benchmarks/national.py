#!/usr/bin/env python3
"""National-scale data set for the tracking dashboards: 18 regions, 2,000 groups, 25,000 trainees,
about 500,000 attendance records with their signatures, catch-ups, intersession submissions and
certificates, on the real models (`--scale 0.01` for a hundredth).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/epop_bench_national .venv/bin/python benchmarks/national.py

PostgreSQL when DATABASE_URL is set (the database is created when missing, migrated, then filled; an
already filled one is kept as it is, `--drop` starts again from an empty one), else the SQLite file
BENCH_SQLITE_PATH. Settings: benchmarks/settings.py. Prints the rows and the seconds spent writing
each table, and the total.

Benchmark data only: the rows are written in bulk (PostgreSQL COPY, SQLite executemany), bypassing
the services, their checks and their signals — no e-mail, no audit entry, no PDF. The shapes follow
real data and the database's own constraints hold (unique, foreign keys, checks): groups within the
course's size (8 or 15), one record per trainee and half-day, one catch-up per absent trainee and
session, joint sessions shared by a peer-interveners group and a referents group of the same
territory, withdrawals, waiting lists, late arrivals and excused absences, attestations by trainers.
The course and session pages are real Wagtail pages made by the factories.
"""

import argparse
import datetime
import operator
import os
import random
import sys
import time
import urllib.parse
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import (  # noqa: E402
    cpu_seconds,
    cpu_spent,
    database_backends,
    markdown_table,
    migrations_fingerprint,
)

PASSWORD = os.environ.get("DEMO_PASSWORD", "epop-demo-2026")
# The dashboard readers, one per role (tracking.py logs in as them).
NATIONAL = "bench.nationale@epop.example"
REGIONAL = "bench.regionale@epop.example"
ORGANISATION = "bench.organisme@epop.example"
FUNDER = "bench.financeur@epop.example"
# The 18 regions and their INSEE codes.
REGIONS = {
    "Auvergne-Rhône-Alpes": "84",
    "Bourgogne-Franche-Comté": "27",
    "Bretagne": "53",
    "Centre-Val de Loire": "24",
    "Corse": "94",
    "Grand Est": "44",
    "Guadeloupe": "01",
    "Guyane": "03",
    "Hauts-de-France": "32",
    "Île-de-France": "11",
    "La Réunion": "04",
    "Martinique": "02",
    "Mayotte": "06",
    "Normandie": "28",
    "Nouvelle-Aquitaine": "75",
    "Occitanie": "76",
    "Pays de la Loire": "52",
    "Provence-Alpes-Côte d'Azur": "93",
}
SESSIONS_PER_GROUP = 12  # each a full day (morning and afternoon), plus one joint session per pair
FIRST_NAMES = ["Camille", "Dominique", "Sacha", "Alex", "Claude", "Lou", "Noa", "Yanis", "Inès", "Léa", "Malik"]
LAST_NAMES = ["Martin", "Bernard", "Petit", "Durand", "Moreau", "Laurent", "Garcia", "Nguyen", "Diallo", "Roux"]


def _admin(url: str):
    import psycopg

    parsed = urllib.parse.urlparse(url)
    return psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True), parsed.path.lstrip("/")


def ensure_database(url: str, drop: bool) -> bool:
    """Creates the PostgreSQL database named in `url` when missing (dropped first with `drop`), from
    the migrated empty template kept by `keep_template` when its migrations are the current ones.
    True when it comes migrated from the template."""
    connection, name = _admin(url)
    template = f"{name}__migrated"
    with connection:
        if drop:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        comment = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [template]
        ).fetchone()
        if comment and comment[0] == migrations_fingerprint():
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            return True
        connection.execute(f'CREATE DATABASE "{name}"')
        return False


def keep_template(url: str) -> None:
    """Copies the freshly migrated, still empty database as the template of the next `--drop`."""
    connection, name = _admin(url)
    template = f"{name}__migrated"
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
        connection.execute(f"COMMENT ON DATABASE \"{template}\" IS '{migrations_fingerprint()}'")


class Writer:
    """Bulk inserts with explicit primary keys: COPY on PostgreSQL, executemany on SQLite. Columns not
    given take the field's default (called per row when callable; now for auto_now fields)."""

    BATCH = 20_000

    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.buffers = defaultdict(list)
        self.columns = {}
        self.rows = defaultdict(int)
        self.seconds = defaultdict(float)
        self.next_ids = {}
        self.foreign_keys = {}  # table -> [(name, definition)] dropped while loading (PostgreSQL)
        self.checks_seconds = 0.0
        self.now = datetime.datetime.now(datetime.UTC)

    def ids(self, model, count: int) -> range:
        if model not in self.next_ids:
            last = model._base_manager.order_by("-pk").values_list("pk", flat=True).first() or 0
            self.next_ids[model] = last + 1
        start = self.next_ids[model]
        self.next_ids[model] += count
        return range(start, start + count)

    def new_id(self, model) -> int:
        value = self.next_ids.get(model) or self.ids(model, 0).start
        self.next_ids[model] = value + 1
        return value

    def add(self, model, row: dict) -> None:
        """Buffers one row; every row of a model gives the same columns (a missing one fails when
        written, an extra one here)."""
        columns = self.columns.get(model)
        if columns is None:
            given = [model._meta.get_field(name) for name in row]
            rest = [f for f in model._meta.concrete_fields if f not in given]
            columns = self.columns[model] = (list(row), given, rest, len(row))
        elif len(row) != columns[3]:
            raise ValueError(f"{model.__name__}: every row gives the same columns")
        buffer = self.buffers[model]
        buffer.append(row)
        if len(buffer) >= self.BATCH:
            self.flush(model)

    def flush(self, model=None) -> None:
        for each in [model] if model else list(self.buffers):
            for f in each._meta.concrete_fields:  # what the rows refer to is written first
                if f.is_relation and f.related_model is not each and self.buffers.get(f.related_model):
                    self.flush(f.related_model)
            rows = self.buffers.pop(each, [])
            if rows:
                started = time.perf_counter()
                self._write(each, rows)
                self.seconds[each] += time.perf_counter() - started
                self.rows[each] += len(rows)

    def _write(self, model, rows: list[dict]) -> None:
        names, given, rest, _width = self.columns[model]
        fields = given + rest
        constant = {}
        for f in rest:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                constant[f] = self.now if f.get_internal_type() == "DateTimeField" else self.now.date()
            elif not (f.has_default() and callable(f.default)):
                constant[f] = f.get_default()

        pick = operator.itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)

        def values(row):
            line = pick(row)
            if rest:
                line += tuple(constant[f] if f in constant else f.get_default() for f in rest)
            if not self.postgres:
                line = [f.get_db_prep_save(v, self.connection) for f, v in zip(fields, line, strict=True)]
            return line

        table = model._meta.db_table
        columns = ", ".join(f'"{f.column}"' for f in fields)
        with self.connection.cursor() as cursor:
            if self.postgres and table not in self.foreign_keys:
                # As pg_restore does: the table's foreign keys are dropped while it loads and added back
                # (so checked, in one pass each) by finish().
                cursor.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    " WHERE conrelid = %s::regclass AND contype = 'f'",
                    [table],
                )
                self.foreign_keys[table] = cursor.fetchall()
                for name, _definition in self.foreign_keys[table]:
                    cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            if self.postgres:
                with cursor.cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(values(row))
            else:
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', [values(r) for r in rows])

    def finish(self) -> None:
        from django.core.management.color import no_style

        self.flush()
        statements = self.connection.ops.sequence_reset_sql(no_style(), list(self.next_ids))
        with self.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            started = time.perf_counter()
            for table, constraints in self.foreign_keys.items():
                for name, definition in constraints:
                    cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
            self.checks_seconds = time.perf_counter() - started


def build(scale: float, seed: int = 2026) -> Writer:
    """Fills the database; returns the writer (its rows and seconds per table)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from courses.factories import CoursePageFactory, SessionPageFactory
    from courses.models import Audience
    from lms.attendance.models import (
        PARIS,
        AttendanceRecord,
        AttendanceSlot,
        AttendanceStatus,
        CatchUp,
        Signature,
        SignatureMethod,
    )
    from lms.certificates.models import Certificate
    from lms.cohorts.models import Application, Enrolment, ScheduledSession, SelectionInterview, TrainingGroup, Venue
    from lms.learning.models import AnswerForm, Assignment, Submission
    from lms.people.models import Region, Role, RoleAssignment, Territory, TrainingOrganisation, User

    rng = random.Random(seed)
    w = Writer()
    today = timezone.localdate()
    password = make_password(PASSWORD)
    unusable = "!benchmark"  # trainees do not log in here: no hashing 25,000 passwords

    def aware(day, hour, minute=0):
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)

    def person(model_id, email, first, last, joined):
        w.add(
            User,
            {"id": model_id, "email": email, "first_name": first, "last_name": last, "password": unusable}
            | {"date_joined": joined, "is_active": True, "is_staff": False, "is_superuser": False},
        )

    def grant(user_id, role, region_id=None, organisation_id=None):
        w.add(
            RoleAssignment,
            {"id": w.new_id(RoleAssignment), "user_id": user_id, "role": role, "created_at": w.now}
            | {"region_id": region_id, "organisation_id": organisation_id},
        )

    with transaction.atomic():
        # Structures (through the ORM: a few hundred rows), courses and sessions (real pages).
        started = time.perf_counter()
        regions = [
            Region.objects.get_or_create(name=name, defaults={"code": code})[0] for name, code in REGIONS.items()
        ]
        territories, organisations, venues = defaultdict(list), defaultdict(list), {}
        number = 1
        for region in regions:
            for index in range(rng.randint(4, 7)):
                territory, _ = Territory.objects.get_or_create(
                    region=region, name=f"Département {number:02d}", defaults={"code": f"{number:02d}"}
                )
                number += 1
                territories[region.pk].append(territory)
                venues[territory.pk] = Venue.objects.create(
                    name=f"Maison des associations {territory.name}",
                    address=f"{index + 1} rue de la République",
                    postcode=f"{number:02d}000",
                    city=f"Ville {number:02d}",
                    territory=territory,
                    step_free_access=True,
                    break_room=rng.random() < 0.8,
                )
            for index in range(8):
                organisation, _ = TrainingOrganisation.objects.get_or_create(
                    name=f"Organisme de formation {region.name} {index + 1}",
                    defaults={"region": region, "qualiopi_certified": True, "city": region.name},
                )
                organisations[region.pk].append(organisation)
        courses = {
            audience: CoursePageFactory(audience=audience)
            for audience in (Audience.PEER_INTERVENERS, Audience.REFERENTS)
        }
        pages = {
            audience: [
                SessionPageFactory(parent=course, title=f"Séance {n + 1}", slug=f"bench-seance-{n + 1}")
                for n in range(SESSIONS_PER_GROUP)
            ]
            for audience, course in courses.items()
        }
        joint_page = SessionPageFactory(
            parent=courses[Audience.REFERENTS], title="Séance commune", slug="bench-seance-commune"
        )
        if w.postgres:  # checks the rows above now: no table altered below may have pending checks
            with w.connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        print(f"structures, courses and sessions (ORM, factories): {time.perf_counter() - started:.1f} s")

        # The dashboard readers and the trainers.
        region_sizes = [rng.uniform(0.4, 1.6) for _ in regions]
        readers = [
            (NATIONAL, "Nora", "Nationale", Role.NATIONAL_TEAM, {}),
            (REGIONAL, "Régis", "Régional", Role.REGIONAL_TEAM, {"region_id": regions[0].pk}),
            (ORGANISATION, "Olga", "Organisme", Role.ORGANISATION_STAFF, {"organisation_id": None}),
            (FUNDER, "Fanny", "Financeuse", Role.FUNDER, {"region_id": regions[0].pk}),
        ]
        pairs = max(1, round(1000 * scale))
        trainers = [w.new_id(User) for _ in range(max(4, pairs // 3))]
        peers = [w.new_id(User) for _ in range(max(4, pairs // 3))]
        for index, pk in enumerate(trainers + peers):
            role = Role.TRAINER if pk in trainers else Role.PEER_TRAINER
            person(pk, f"bench.formation{index:05d}@epop.example", rng.choice(FIRST_NAMES), "Formateur", w.now)
            grant(pk, role)

        # Groups in pairs (peer interveners, referents) of one territory and organisation, same dates.
        first_day = datetime.date(today.year - 2, 1, 5)
        span = (today - first_day).days + 60
        group_rows = []  # (id, audience, capacity, start, sessions dates, status, region)
        organisation_groups = defaultdict(int)
        for _ in range(pairs):
            region = rng.choices(regions, weights=region_sizes)[0]
            territory = rng.choice(territories[region.pk])
            organisation = rng.choice(organisations[region.pk])
            start = first_day + datetime.timedelta(days=rng.randrange(span))
            start += datetime.timedelta(days=(7 - start.weekday()) % 7)  # a Monday
            dates = [start + datetime.timedelta(days=14 * n) for n in range(SESSIONS_PER_GROUP)]
            cancelled = rng.random() < 0.02
            for audience, capacity in ((Audience.PEER_INTERVENERS, 8), (Audience.REFERENTS, 15)):
                if cancelled:
                    status = TrainingGroup.Status.CANCELLED
                elif dates[-1] < today:
                    status = TrainingGroup.Status.FINISHED
                elif dates[0] <= today:
                    status = TrainingGroup.Status.RUNNING
                else:
                    status = TrainingGroup.Status.RECRUITING
                pk = w.new_id(TrainingGroup)
                organisation_groups[organisation.pk] += 1
                w.add(
                    TrainingGroup,
                    {"id": pk, "name": f"{'IP' if capacity == 8 else 'RP'} {territory.name} {start:%Y-%m} n°{pk}"}
                    | {"course_id": courses[audience].pk, "territory_id": territory.pk}
                    | {"organisation_id": organisation.pk, "capacity": capacity, "start_date": dates[0]}
                    | {"end_date": dates[-1], "status": status, "venue_id": venues[territory.pk].pk}
                    | {"created_at": aware(start - datetime.timedelta(days=120), 10)},
                )
                group_rows.append((pk, audience, capacity, dates, status, region.pk, territory.pk))
        # The regional team and the funder of the region with the most groups, the staff of the
        # organisation with the most groups: the largest dashboards of their kind.
        region_groups = defaultdict(int)
        for row in group_rows:
            region_groups[row[5]] += 1
        readers[1][4]["region_id"] = readers[3][4]["region_id"] = max(region_groups, key=region_groups.get)
        readers[2][4]["organisation_id"] = max(organisation_groups, key=organisation_groups.get)
        for email, first, last, role, scope in readers:
            pk = w.new_id(User)
            w.add(
                User,
                {"id": pk, "email": email, "first_name": first, "last_name": last, "password": password}
                | {"date_joined": w.now, "is_active": True, "is_staff": False, "is_superuser": False},
            )
            grant(pk, role, **scope)
        for index, (pk, *_rest) in enumerate(group_rows):
            through = TrainingGroup.trainers.through
            w.add(
                through, {"id": w.new_id(through), "traininggroup_id": pk, "user_id": trainers[index % len(trainers)]}
            )
            through = TrainingGroup.peer_trainers.through
            w.add(through, {"id": w.new_id(through), "traininggroup_id": pk, "user_id": peers[index % len(peers)]})
        w.flush()

        # Trainees, their applications (and interviews), their places; then each group's sessions.
        members = {}  # group id -> [(trainee id, status)]
        names = {}
        serial = 0
        for pk, audience, capacity, dates, status, _region, territory in group_rows:
            if status == TrainingGroup.Status.CANCELLED:
                members[pk] = []
                continue
            enrolled = rng.randint(capacity - 1, capacity)
            statuses = [Enrolment.Status.ENROLLED] * enrolled + [Enrolment.Status.WITHDRAWN] * rng.randint(0, 2)
            statuses += [Enrolment.Status.WAITING] * rng.randint(0, 1 if capacity == 8 else 2)
            members[pk] = []
            received = aware(dates[0] - datetime.timedelta(days=rng.randint(30, 90)), 11)
            for place in statuses:
                serial += 1
                trainee = w.new_id(User)
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                names[trainee] = f"{first} {last}"
                email = f"bench.stagiaire{serial:06d}@epop.example"
                person(trainee, email, first, last, received)
                grant(trainee, Role.TRAINEE)
                application = w.new_id(Application)
                w.add(
                    Application,
                    {"id": application, "course_id": courses[audience].pk, "territory_id": territory}
                    | {"first_name": first, "last_name": last, "email": email, "candidate_id": trainee}
                    | {"motivation": "Transmettre ce que j'ai appris de mon parcours.", "created_at": received}
                    | {"status": place if place != Enrolment.Status.ENROLLED else Application.Status.ENROLLED},
                )
                w.add(
                    SelectionInterview,
                    {"id": w.new_id(SelectionInterview), "application_id": application, "created_at": received}
                    | {"held_on": received.date() + datetime.timedelta(days=10), "decision": "accepted"}
                    | {"decision_reason": "Profil et disponibilités adaptés."},
                )
                w.add(
                    Enrolment,
                    {"id": w.new_id(Enrolment), "group_id": pk, "trainee_id": trainee, "status": place}
                    | {"application_id": application, "created_at": received, "updated_at": received}
                    | {"waitlisted_at": received if place == Enrolment.Status.WAITING else None}
                    | {"withdrawn_at": aware(dates[1], 9) if place == Enrolment.Status.WITHDRAWN else None},
                )
                if place != Enrolment.Status.WAITING:
                    members[pk].append((trainee, place))
            for _ in range(round(len(statuses) * 0.4)):  # applications not retained, half after an interview
                application = w.new_id(Application)
                w.add(
                    Application,
                    {"id": application, "course_id": courses[audience].pk, "territory_id": territory}
                    | {"first_name": rng.choice(FIRST_NAMES), "last_name": rng.choice(LAST_NAMES)}
                    | {"email": f"candidature{application}@example.fr", "status": Application.Status.REFUSED}
                    | {"candidate_id": None, "motivation": "Je souhaite me former.", "created_at": received},
                )
                if rng.random() < 0.5:
                    w.add(
                        SelectionInterview,
                        {"id": w.new_id(SelectionInterview), "application_id": application, "created_at": received}
                        | {"held_on": received.date() + datetime.timedelta(days=10), "decision": "refused"}
                        | {"decision_reason": "Le projet ne correspond pas encore à la formation."},
                    )
        w.flush()

        now = timezone.now()
        statuses = [
            AttendanceStatus.PRESENT,
            AttendanceStatus.LATE,
            AttendanceStatus.LEFT_EARLY,
            AttendanceStatus.ABSENT,
            AttendanceStatus.EXCUSED,
        ]
        # Drawn from tables of 100 (a hot loop: 500,000 records): 88 % present, 4 % late, 2 % left
        # early, 4 % absent, 2 % excused; signatures 85 % one tap, 8 % typed name, 7 % attested.
        status_draw = [s for s, n in zip(statuses, [88, 4, 2, 4, 2], strict=True) for _ in range(n)]
        methods = [SignatureMethod.ONE_TAP, SignatureMethod.TYPED_NAME, SignatureMethod.TRAINER_ATTESTATION]
        method_draw = [m for m, n in zip(methods, [85, 8, 7], strict=True) for _ in range(n)]
        random_draw = rng.random
        for index in range(0, len(group_rows), 2):
            pair = group_rows[index : index + 2]
            if pair[0][4] == TrainingGroup.Status.CANCELLED:
                continue
            dates = pair[0][3]
            trainer, peer = trainers[index % len(trainers)], peers[index % len(peers)]
            # Each group's own sessions, and one joint session of the pair between its 5th and 6th.
            sessions = [([g], pages[g[1]][n], day) for g in pair for n, day in enumerate(dates)]
            sessions.append((pair, joint_page, dates[4] + datetime.timedelta(days=7)))
            assignments = []
            for groups, page, day in sessions:
                session = w.new_id(ScheduledSession)
                w.add(
                    ScheduledSession,
                    {"id": session, "session_page_id": page.pk, "date": day, "start_time": datetime.time(9)}
                    | {"end_time": datetime.time(16, 30), "venue_id": venues[pair[0][6]].pk, "trainer_id": trainer}
                    | {"peer_trainer_id": peer, "status": ScheduledSession.Status.SCHEDULED},
                )
                through = ScheduledSession.groups.through
                for group in groups:
                    w.add(
                        through, {"id": w.new_id(through), "scheduledsession_id": session, "traininggroup_id": group[0]}
                    )
                if page is not joint_page and day != dates[-1] and dates.index(day) % 2 == 0:
                    due = aware(day + datetime.timedelta(days=14), 9)
                    assignment = w.new_id(Assignment)
                    w.add(
                        Assignment,
                        {"id": assignment, "group_id": groups[0][0], "scheduled_session_id": session, "due_at": due}
                        | {"created_at": aware(day, 17)},
                    )
                    assignments.append((assignment, groups[0][0], due))
                if day >= today:
                    continue
                absent = set()
                for half_day, opens, closes in (("morning", (9, 0), (12, 55)), ("afternoon", (13, 30), (16, 30))):
                    slot = w.new_id(AttendanceSlot)
                    opened, closed = aware(day, *opens), aware(day, *closes)
                    w.add(
                        AttendanceSlot,
                        {"id": slot, "session_id": session, "half_day": half_day, "opened_by_id": trainer}
                        | {"opened_at": opened, "closed_by_id": trainer, "closed_at": closed},
                    )
                    for group in groups:
                        for trainee, place in members[group[0]]:
                            if place == Enrolment.Status.WITHDRAWN and day >= dates[1]:
                                continue
                            status = status_draw[int(random_draw() * 100)]
                            record = w.new_id(AttendanceRecord)
                            w.add(
                                AttendanceRecord,
                                {
                                    "id": record,
                                    "slot_id": slot,
                                    "trainee_id": trainee,
                                    "status": status,
                                    "reason": "Rendez-vous médical" if status == AttendanceStatus.EXCUSED else "",
                                    "minutes_missed": rng.randint(10, 60) if status in statuses[1:3] else 0,
                                    "updated_at": closed,
                                },
                            )
                            if status in statuses[3:]:
                                absent.add(trainee)
                                continue
                            method = method_draw[int(random_draw() * 100)]
                            attested = method == SignatureMethod.TRAINER_ATTESTATION
                            w.add(
                                Signature,
                                {
                                    "id": w.new_id(Signature),
                                    "record_id": record,
                                    "method": method,
                                    "image": "",
                                    "typed_name": names[trainee] if method == SignatureMethod.TYPED_NAME else "",
                                    "signed_at": opened + datetime.timedelta(minutes=int(random_draw() * 20)),
                                    "recorded_by_id": trainer if attested else trainee,
                                    "attester_name": "Formatrice du groupe" if attested else "",
                                    "attestation_reason": "Signature impossible ce jour-là." if attested else "",
                                },
                            )
                for trainee in absent:
                    completed = aware(day + datetime.timedelta(days=rng.randint(2, 12)), 18)
                    w.add(
                        CatchUp,
                        {"id": w.new_id(CatchUp), "trainee_id": trainee, "session_id": session}
                        | {"opened_at": aware(day, 17), "completed_at": completed if rng.random() < 0.7 else None},
                    )
            for assignment, group, due in assignments:
                if due >= now:
                    continue
                for trainee, place in members[group]:
                    if place != Enrolment.Status.ENROLLED or rng.random() < 0.15:
                        continue
                    state = rng.choices(list(Submission.Status), [10, 50, 40])[0]
                    handed = due - datetime.timedelta(days=rng.randint(1, 10))
                    w.add(
                        Submission,
                        {"id": w.new_id(Submission), "assignment_id": assignment, "trainee_id": trainee}
                        | {"answer_form": rng.choice([AnswerForm.TEXT, AnswerForm.TEXT, AnswerForm.ORAL])}
                        | {"status": state, "submission_count": 0 if state == Submission.Status.DRAFT else 1}
                        | {"submitted_at": None if state == Submission.Status.DRAFT else handed}
                        | {"reviewed_at": handed + datetime.timedelta(days=2) if state == "reviewed" else None}
                        | {"created_at": handed, "updated_at": handed, "media": "", "media_size": 0},
                    )
            for group in pair:
                if group[4] != TrainingGroup.Status.FINISHED:
                    continue
                for trainee, place in members[group[0]]:
                    if place != Enrolment.Status.ENROLLED or rng.random() < 0.12:
                        continue
                    issued = aware(dates[-1] + datetime.timedelta(days=7), 10)
                    w.add(
                        Certificate,
                        {"id": w.new_id(Certificate), "group_id": group[0], "trainee_id": trainee}
                        | {"trainee_name": names[trainee], "course_title": courses[group[1]].title}
                        | {"organisation_name": "Organisme de formation", "start_date": dates[0]}
                        | {"end_date": dates[-1], "hours": Decimal("70.00"), "issued_at": issued}
                        | {"revoked_at": issued if rng.random() < 0.01 else None},
                    )
        w.finish()
        committing = time.perf_counter()
    print(f"commit: {time.perf_counter() - committing:.1f} s")
    if w.postgres:
        print(f"foreign keys added back (every row checked): {w.checks_seconds:.1f} s")
        # Statistics and visibility maps, as autovacuum would leave them after such a load (outside
        # the transaction: VACUUM cannot run in one).
        started = time.perf_counter()
        with w.connection.cursor() as cursor:
            for table in w.foreign_keys:
                cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        print(f"VACUUM (ANALYZE) of the tables written: {time.perf_counter() - started:.1f} s")
    return w


def load() -> str:
    """The machine's load average over the last minute, and its CPUs: the wall times depend on them."""
    return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the national scale (e.g. 0.01)")
    parser.add_argument("--drop", action="store_true", help="PostgreSQL: drop and recreate the database first")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    url = os.environ.get("DATABASE_URL", "").strip()
    from_template = ensure_database(url, args.drop) if url else False

    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    from lms.people.models import User

    started = time.perf_counter()
    call_command("migrate", "--noinput", verbosity=0)
    print(
        f"migrate: {time.perf_counter() - started:.1f} s" + (" (from the migrated template)" if from_template else "")
    )
    if url and not from_template and not User.objects.exists():
        connection.close()
        keep_template(url)
    if User.objects.filter(email=NATIONAL).exists():
        print("National data set already present: kept as it is (--drop to start again).")
        return
    name = urllib.parse.urlparse(url).path.lstrip("/") if url else ""
    database_cpu = cpu_seconds(database_backends(name)) if name else {}
    started, cpu_started = time.perf_counter(), time.process_time()
    writer = build(args.scale)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    database_cpu = cpu_spent(database_cpu, cpu_seconds(database_backends(name))) if name else 0.0
    rows = [("table", "rows", "write s")]
    for model, count in sorted(writer.rows.items(), key=lambda item: -item[1]):
        rows.append((model._meta.db_table, str(count), f"{writer.seconds[model]:.1f}"))
    print(markdown_table(rows))
    vendor = "PostgreSQL" if writer.postgres else "SQLite"
    print(
        f"National data set ×{args.scale:g} built on {vendor} in {total:.1f} s (row building included; CPU: "
        f"this process {cpu:.1f} s" + (f", PostgreSQL {database_cpu:.1f} s" if name else "") + f"; load {load()})."
    )


if __name__ == "__main__":
    main()
