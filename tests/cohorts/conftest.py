"""A small delivery world: both courses with their sessions, two groups in the Rhône, leaders, venues."""

import datetime

import pytest

from courses.models import SessionPage
from lms.cohorts import services
from lms.cohorts.factories import EngagementCharterFactory, TrainingGroupFactory, VenueFactory
from lms.cohorts.models import Application, Enrolment
from lms.people.models import Role

# A Monday well in the future, so that dates never collide with "today".
MONDAY = datetime.date(2031, 3, 3)


def add_sessions(course, prefix, count=6, joint_index=0):
    pages = []
    for index in range(count):
        page = SessionPage(
            title=f"{prefix} séance {index + 1}",
            slug=f"{prefix.lower()}-seance-{index + 1}",
            summary=f"Contenu de la séance {index + 1}.",
            can_be_joint=index == joint_index,
        )
        course.add_child(instance=page)
        pages.append(page)
    return pages


@pytest.fixture
def world(site_tree, territory, organisation, make_user):
    ip_course, rp_course = site_tree["peer_interveners"], site_tree["referents"]
    people = {
        "trainer": make_user(Role.TRAINER, email="formatrice@test.fr", first_name="Fanny", last_name="Roux"),
        "peer_trainer": make_user(Role.PEER_TRAINER, email="pair@test.fr", first_name="Pascal", last_name="Lemoine"),
        "trainer2": make_user(Role.TRAINER, email="formateur2@test.fr"),
        "peer_trainer2": make_user(Role.PEER_TRAINER, email="pair2@test.fr"),
        "regional": make_user(Role.REGIONAL_TEAM, region=territory.region, email="regional@test.fr"),
        "org_staff": make_user(Role.ORGANISATION_STAFF, organisation=organisation, email="of@test.fr"),
        "national": make_user(Role.NATIONAL_TEAM, email="national@test.fr"),
        "admin": make_user(Role.ADMINISTRATOR, email="admin@test.fr"),
        "trainee": make_user(Role.TRAINEE, email="stagiaire@test.fr", first_name="Samia", last_name="Haddad"),
    }
    ip_group = TrainingGroupFactory(
        name="IP Rhône", course=ip_course, territory=territory, organisation=organisation, capacity=8
    )
    rp_group = TrainingGroupFactory(
        name="RP Rhône", course=rp_course, territory=territory, organisation=organisation, capacity=15
    )
    ip_group.trainers.add(people["trainer"])
    ip_group.peer_trainers.add(people["peer_trainer"])
    rp_group.trainers.add(people["trainer2"])
    rp_group.peer_trainers.add(people["peer_trainer2"])
    return {
        "ip_course": ip_course,
        "rp_course": rp_course,
        "ip_pages": add_sessions(ip_course, "IP"),
        "rp_pages": add_sessions(rp_course, "RP"),
        "ip_group": ip_group,
        "rp_group": rp_group,
        "venue": VenueFactory(name="Maison des associations", territory=territory),
        "venue2": VenueFactory(name="Centre social", territory=territory),
        "territory": territory,
        "organisation": organisation,
        **people,
    }


def plan(world, *, page=None, groups=None, date=MONDAY, start=(9, 30), end=(15, 30), venue="venue", **extra):
    """A session plan for the IP group by default: 6 h, at the first venue, co-led."""
    return services.SessionPlan(
        session_page=page or world["ip_pages"][1],
        groups=groups or [world["ip_group"]],
        date=date,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        venue=world[venue] if venue else None,
        trainer=extra.pop("trainer", world["trainer"]),
        peer_trainer=extra.pop("peer_trainer", world["peer_trainer"]),
        **extra,
    )


def enrol_trainee(group, trainee):
    """Enrols directly, with a recorded charter when the group is for referents."""
    if group.course.audience == "referents":
        Application.objects.create(
            course=group.course,
            territory=group.territory,
            first_name=trainee.first_name,
            last_name=trainee.last_name,
            email=trainee.email,
            motivation="…",
            candidate=trainee,
            charter=EngagementCharterFactory(),
            status=Application.Status.ACCEPTED,
        )
    enrolment = services.enrol(group, trainee)
    assert enrolment.status == Enrolment.Status.ENROLLED
    return enrolment
