"""Two regions. In Auvergne-Rhône-Alpes, group "IP Rhône 2026" (8 places, 6 enrolled, 1 withdrawn,
attendance, catch-ups, answers, certificates) and the small group "Réf Isère 2026" (3 enrolled); in
Île-de-France, "IP Paris 2026" (6 enrolled). Applications in both regions. The regional team and the
funder of the first region, the other region's team, organisation staff, the national team."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone

from lms.attendance.models import AttendanceStatus
from lms.cohorts.models import Application, SelectionInterview
from lms.learning.factories import enrol, session_page, training_group
from lms.people.factories import RegionFactory, TerritoryFactory, TrainingOrganisationFactory
from lms.people.models import Role
from lms.reporting.factories import attendance, certify, complete_catch_up, returned_work, schedule, signed_attendance

TODAY = datetime.date(2026, 9, 15)
P, A = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT


@pytest.fixture
def clock():
    with time_machine.travel(datetime.datetime(2026, 9, 15, 10, 0, tzinfo=datetime.UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def rw(site_tree, territory, organisation, make_user, clock):
    return build_world(site_tree, territory, organisation, make_user)


@pytest.fixture
def rw_live(site_tree, territory, organisation, make_user):
    """The same world without a frozen clock, for the live server's threads."""
    return build_world(site_tree, territory, organisation, make_user)


def trainees(make_user, prefix: str, count: int):
    return [
        make_user(Role.TRAINEE, first_name=f"{prefix}{index}", last_name=f"Stagiaire{prefix}{index}")
        for index in range(count)
    ]


def build_world(site_tree, territory, organisation, make_user, *, extra_groups: int = 0):
    peers, referents = site_tree["peer_interveners"], site_tree["referents"]
    region = territory.region
    isere = TerritoryFactory(region=region, name="Isère", code="38")
    other_region = RegionFactory(code="11", name="Île-de-France")
    paris = TerritoryFactory(region=other_region, name="Paris", code="75")
    other_org = TrainingOrganisationFactory(region=other_region, name="Organisme Paris")
    w = SimpleNamespace(region=region, territory=territory, isere=isere, other_region=other_region, paris=paris)
    w.organisation, w.other_org = organisation, other_org
    w.team = make_user(Role.REGIONAL_TEAM, region=region, first_name="Nadia", last_name="Benali")
    w.other_team = make_user(Role.REGIONAL_TEAM, region=other_region, first_name="Hugo", last_name="Martin")
    w.funder = make_user(Role.FUNDER, region=region, first_name="Agnès", last_name="Financeur")
    w.org_staff = make_user(Role.ORGANISATION_STAFF, organisation=organisation)
    w.national = make_user(Role.NATIONAL_TEAM)
    w.admin = make_user(Role.ADMINISTRATOR)
    w.trainer = make_user(Role.TRAINER)

    w.group = training_group(peers, territory=territory, organisation=organisation, name="IP Rhône 2026")
    w.small = training_group(referents, territory=isere, organisation=organisation, name="Réf Isère 2026")
    w.far = training_group(peers, territory=paris, organisation=other_org, name="IP Paris 2026")
    for group in (w.group, w.small, w.far):
        group.start_date = datetime.date(2026, 3, 2)
        group.save(update_fields=["start_date"])
    w.people = trainees(make_user, "Rh", 7)
    w.small_people = trainees(make_user, "Is", 3)
    w.far_people = trainees(make_user, "Pa", 6)
    enrol(w.group, *w.people[:6])
    enrol(w.group, w.people[6], status="withdrawn")
    enrol(w.small, *w.small_people)
    enrol(w.far, *w.far_people)

    page = session_page(peers, "Séance 1 — Se présenter", task="Mon histoire")
    w.session = schedule(page, w.group, date=datetime.date(2026, 3, 2))
    far_session = schedule(page, w.far, date=datetime.date(2026, 3, 3))
    # 6 half-days in Rhône: 4 present, 2 absent (catch-ups opened, one completed); all present in Paris.
    attendance(w.session, {person: (A if index >= 4 else P) for index, person in enumerate(w.people[:6])})
    complete_catch_up(w.people[4], w.session)
    attendance(far_session, dict.fromkeys(w.far_people, P))
    returned_work(w.group, *w.people[:5])
    certify(w.group, *w.people[:5])

    # Applications: 8 for the Rhône (6 interviewed), 2 for Paris.
    for index in range(10):
        application = Application.objects.create(
            course=peers, territory=territory if index < 8 else paris, first_name=f"Cand{index}",
            last_name="Candidat", email=f"cand{index}@test.fr", motivation="Me former.",
        )  # fmt: skip
        if index < 6:
            SelectionInterview.objects.create(application=application, held_on=TODAY, decision="accepted")
    for index in range(extra_groups):
        extra = training_group(peers, territory=territory, organisation=organisation, name=f"IP Extra {index:02d}")
        extra.start_date = datetime.date(2026, 4, 1)
        extra.save(update_fields=["start_date"])
        enrol(extra, *trainees(make_user, f"X{index}-", 5))
    w.now = timezone.now()
    return w


def dated_group(course, w, name: str, start: datetime.date, *, organisation=None, territory=None):
    group = training_group(
        course, territory=territory or w.territory, organisation=organisation or w.organisation, name=name
    )
    group.start_date = start
    group.save(update_fields=["start_date"])
    return group


def add_bpf_records(w, site_tree, make_user):
    """The BPF world on top of `build_world`: signed attendance (some partial) in the organisation's two
    2026 groups, a 2025 group, a group without a start date, a waiting-list place, and signed
    attendance in the other organisation's group (which must never count).

    2026: Rhône 7 trainees (6 enrolled, 1 withdrawn), 3 h × 4 + 2.5 h (30 min late) + 3 h (the one who
    withdrew later) = 17.5 h; Isère 3 trainees, 3 h + 2 h (left 60 min early) = 5 h. 2025: 2 trainees, 6 h."""
    peers = site_tree["peer_interveners"]
    late, early = AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY
    nine, noon = datetime.time(9, 0), datetime.time(12, 0)
    page = session_page(peers, "Séance 2 — Mon parcours")
    second = schedule(page, w.group, date=datetime.date(2026, 3, 16), start=nine, end=noon)
    rhone = {person: (P, 0) for person in w.people[:4]}
    signed_attendance(second, {**rhone, w.people[4]: (late, 30), w.people[5]: (A, 0), w.people[6]: (P, 0)})
    isere = schedule(page, w.small, date=datetime.date(2026, 4, 1), start=nine, end=noon)
    signed_attendance(isere, {w.small_people[0]: (P, 0), w.small_people[1]: (early, 60), w.small_people[2]: (A, 0)})
    enrol(w.group, make_user(Role.TRAINEE, first_name="Attente", last_name="Liste"), status="waiting")
    w.previous = dated_group(peers, w, "IP Rhône 2025", datetime.date(2025, 3, 3))
    w.previous_people = trainees(make_user, "Prev", 2)
    enrol(w.previous, *w.previous_people)
    old = schedule(page, w.previous, date=datetime.date(2025, 3, 3), start=nine, end=noon)
    signed_attendance(old, dict.fromkeys(w.previous_people, (P, 0)))
    far = schedule(page, w.far, date=datetime.date(2026, 3, 17), start=nine, end=noon)
    signed_attendance(far, dict.fromkeys(w.far_people, (P, 0)))
    w.undated = training_group(peers, territory=w.territory, organisation=w.organisation, name="IP sans date")
    return w


@pytest.fixture
def bw(rw, site_tree, make_user):
    return add_bpf_records(rw, site_tree, make_user)


@pytest.fixture
def bw_live(rw_live, site_tree, make_user):
    return add_bpf_records(rw_live, site_tree, make_user)
