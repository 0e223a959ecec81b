"""The central permission rules on groups and trainees' records."""

import pytest

from courses.models import SessionPage
from lms.cohorts.models import Enrolment, TrainingGroup
from lms.cohorts.permissions import (
    can_lead_group,
    can_manage_group,
    can_view_group,
    can_view_trainee_records,
    visible_groups,
)
from lms.people.factories import RegionFactory, TerritoryFactory, TrainingOrganisationFactory
from lms.people.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree, territory, organisation, make_user):
    course = site_tree["peer_interveners"]
    course.add_child(instance=SessionPage(title="Séance 1", slug="seance-1"))
    group = TrainingGroup.objects.create(
        name="IP Rhône", course=course, territory=territory, organisation=organisation, capacity=8
    )
    other_region = RegionFactory(code="76", name="Occitanie")
    other_territory = TerritoryFactory(region=other_region, name="Hérault")
    other_org = TrainingOrganisationFactory(region=other_region, name="Autre organisme")
    other_group = TrainingGroup.objects.create(
        name="IP Hérault", course=course, territory=other_territory, organisation=other_org, capacity=8
    )
    people = {
        "trainee": make_user(Role.TRAINEE),
        "other_trainee": make_user(Role.TRAINEE),
        "trainer": make_user(Role.TRAINER),
        "peer_trainer": make_user(Role.PEER_TRAINER),
        "regional": make_user(Role.REGIONAL_TEAM, region=territory.region),
        "other_regional": make_user(Role.REGIONAL_TEAM, region=other_region),
        "org_staff": make_user(Role.ORGANISATION_STAFF, organisation=organisation),
        "national": make_user(Role.NATIONAL_TEAM),
        "admin": make_user(Role.ADMINISTRATOR),
    }
    group.trainers.add(people["trainer"])
    group.peer_trainers.add(people["peer_trainer"])
    Enrolment.objects.create(group=group, trainee=people["trainee"])
    Enrolment.objects.create(group=other_group, trainee=people["other_trainee"])
    return group, other_group, people


def test_who_sees_which_group(world):
    group, other_group, people = world
    expected = {
        "trainee": {group},
        "other_trainee": {other_group},
        "trainer": {group},
        "peer_trainer": {group},
        "regional": {group},
        "other_regional": {other_group},
        "org_staff": {group},
        "national": {group, other_group},
        "admin": {group, other_group},
    }
    for name, groups in expected.items():
        assert set(visible_groups(people[name])) == groups, name
    assert can_view_group(people["trainer"], group) and not can_view_group(people["trainer"], other_group)


def test_leading_and_managing_are_distinct(world):
    group, _, people = world
    assert can_lead_group(people["trainer"], group) and can_lead_group(people["peer_trainer"], group)
    assert not can_lead_group(people["regional"], group)
    assert can_manage_group(people["regional"], group) and can_manage_group(people["org_staff"], group)
    assert not can_manage_group(people["other_regional"], group)
    assert not can_manage_group(people["trainer"], group) and not can_manage_group(people["national"], group)


def test_trainee_records_are_seen_only_by_those_who_need_them(world):
    group, _, people = world
    trainee = people["trainee"]
    allowed = {"trainee", "trainer", "peer_trainer", "regional", "org_staff", "admin"}
    for name, user in people.items():
        assert can_view_trainee_records(user, trainee) == (name in allowed), name


def test_withdrawn_trainee_no_longer_sees_the_group(world):
    group, _, people = world
    Enrolment.objects.filter(trainee=people["trainee"]).update(status=Enrolment.Status.WITHDRAWN)
    assert not can_view_group(people["trainee"], group)
