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
from lms.reporting.factories import attendance, certify, complete_catch_up, returned_work, schedule

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
