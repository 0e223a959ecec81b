"""A small delivery world for the accessibility tests: two groups of one region (a joint session),
a group of another region, their trainers, trainees and regional teams."""

import datetime
from types import SimpleNamespace

import pytest

from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup
from lms.people.factories import RegionFactory, TerritoryFactory
from lms.people.models import Role


def make_session(session_page, groups, *, days=20, start=(9, 0), end=(17, 0), **fields):
    session = ScheduledSession.objects.create(
        session_page=session_page,
        date=datetime.date.today() + datetime.timedelta(days=days),
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        **fields,
    )
    session.groups.set(groups)
    return session


def enrol(trainee, group, status=Enrolment.Status.ENROLLED):
    enrolment, _ = Enrolment.objects.update_or_create(group=group, trainee=trainee, defaults={"status": status})
    return enrolment


@pytest.fixture
def world(site_tree, territory, organisation, make_user):
    return build_world(site_tree, territory, organisation, make_user)


def build_world(site_tree, territory, organisation, make_user):
    """Builds the world (also used by the browser audit, whose transactional tests start empty)."""
    from courses.models import SessionPage

    ip_course, rp_course = site_tree["peer_interveners"], site_tree["referents"]
    session_page = ip_course.add_child(instance=SessionPage(title="Séance 1 : se connaître", slug="seance-1"))
    rp_page = rp_course.add_child(instance=SessionPage(title="Séance commune", slug="seance-commune"))
    other_region = RegionFactory(code="11", name="Île-de-France")
    other_territory = TerritoryFactory(region=other_region, name="Paris", code="75")

    def group(name, course, territory, capacity=8):
        return TrainingGroup.objects.create(
            name=name, course=course, territory=territory, organisation=organisation, capacity=capacity
        )

    w = SimpleNamespace(
        session_page=session_page,
        rp_page=rp_page,
        region=territory.region,
        other_region=other_region,
        ip_group=group("IP Rhône", ip_course, territory),
        rp_group=group("RP Rhône", rp_course, territory, capacity=15),
        other_group=group("IP Paris", ip_course, other_territory),
        trainer=make_user(Role.TRAINER, email="formatrice@test.fr"),
        peer_trainer=make_user(Role.PEER_TRAINER, email="pair@test.fr"),
        rp_trainer=make_user(Role.TRAINER, email="formateur.rp@test.fr"),
        other_trainer=make_user(Role.TRAINER, email="formateur.paris@test.fr"),
        regional=make_user(Role.REGIONAL_TEAM, region=territory.region, email="region@test.fr"),
        other_regional=make_user(Role.REGIONAL_TEAM, region=other_region, email="region.idf@test.fr"),
        national=make_user(Role.NATIONAL_TEAM, email="national@test.fr"),
        staff=make_user(Role.ORGANISATION_STAFF, organisation=organisation, email="of@test.fr"),
        admin=make_user(Role.ADMINISTRATOR, email="admin@test.fr"),
        trainee=make_user(Role.TRAINEE, email="stagiaire@test.fr"),
        classmate=make_user(Role.TRAINEE, email="camarade@test.fr"),
        referent=make_user(Role.TRAINEE, email="referent@test.fr"),
    )
    w.ip_group.trainers.add(w.trainer)
    w.ip_group.peer_trainers.add(w.peer_trainer)
    w.rp_group.trainers.add(w.rp_trainer)
    w.other_group.trainers.add(w.other_trainer)
    enrol(w.trainee, w.ip_group)
    enrol(w.classmate, w.ip_group)
    enrol(w.referent, w.rp_group)
    w.session = make_session(session_page, [w.ip_group])
    w.morning = make_session(session_page, [w.ip_group], days=30, start=(9, 0), end=(12, 30))
    w.joint = make_session(rp_page, [w.ip_group, w.rp_group], days=40)
    return w
