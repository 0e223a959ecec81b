"""A finished peer-interveners group and a finished referents group in one region, with their
regional team, and the same in another region: the world the follow-up tests work in."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine

from lms.followup.factories import at
from lms.learning.factories import enrol, schedule, session_page, training_group
from lms.people.factories import RegionFactory, TerritoryFactory
from lms.people.models import Role

FIRST_DAY = datetime.date(2026, 3, 10)
LAST_DAY = datetime.date(2026, 5, 19)
AFTER = LAST_DAY + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def seeded_indicators(db):
    """The seeded indicators (transactional tests elsewhere flush what the data migration created)."""
    from lms.followup.seed import ensure_indicators

    ensure_indicators()


@pytest.fixture
def after_course():
    """The clock the day after the last session, at 10:00 in Paris."""
    with time_machine.travel(at(AFTER), tick=False) as traveller:
        yield traveller


@pytest.fixture
def fw(site_tree, territory, organisation, make_user):
    ip_course, rp_course = site_tree["peer_interveners"], site_tree["referents"]
    other_region = RegionFactory(code="11", name="Île-de-France")
    other_territory = TerritoryFactory(region=other_region, name="Paris", code="75")
    w = SimpleNamespace()
    w.team = make_user(Role.REGIONAL_TEAM, region=territory.region, first_name="Nadia", last_name="Benali")
    w.other_team = make_user(Role.REGIONAL_TEAM, region=other_region, first_name="Hugo", last_name="Martin")
    w.admin = make_user(Role.ADMINISTRATOR)
    w.national = make_user(Role.NATIONAL_TEAM)
    w.trainer = make_user(Role.TRAINER)
    w.trainee = make_user(Role.TRAINEE, first_name="Samia", last_name="Haddad", email="samia@test.fr")
    w.other = make_user(Role.TRAINEE, first_name="Léo", last_name="Petit")
    w.referent = make_user(Role.TRAINEE, first_name="Rita", last_name="Morel")
    w.far_trainee = make_user(Role.TRAINEE, first_name="Zoé", last_name="Loin")
    first = session_page(ip_course, "Mon expérience")
    last = session_page(ip_course, "Mon projet")
    rp_page = session_page(rp_course, "La mission du référent")
    w.ip_group = training_group(
        ip_course, territory=territory, organisation=organisation, name="IP Rhône", trainers=[w.trainer]
    )
    w.rp_group = training_group(rp_course, territory=territory, organisation=organisation, name="RP Rhône")
    w.far_group = training_group(ip_course, territory=other_territory, organisation=organisation, name="IP Paris")
    enrol(w.ip_group, w.trainee, w.other)
    enrol(w.rp_group, w.referent)
    enrol(w.far_group, w.far_trainee)
    schedule(first, w.ip_group, w.rp_group, date=FIRST_DAY)
    w.last_session = schedule(last, w.ip_group, date=LAST_DAY, start=datetime.time(13, 30), end=datetime.time(16, 30))
    schedule(rp_page, w.rp_group, date=LAST_DAY)
    schedule(last, w.far_group, date=LAST_DAY)
    return w
