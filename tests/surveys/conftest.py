import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup
from lms.people.factories import RegionFactory, TerritoryFactory, TrainingOrganisationFactory, UserFactory
from lms.people.models import Role
from lms.surveys.kit import ensure_kit_templates

PARIS = ZoneInfo("Europe/Paris")
# The session is held on Tuesday 1 December 2026, 9:00–12:00; the clock is read after it ends.
SESSION_DAY = datetime.date(2026, 12, 1)
AFTER_SESSION = datetime.datetime(2026, 12, 1, 14, 0, tzinfo=PARIS)


def make_group(course, territory, organisation, trainees, *, name="IP Rhône", end_date=None):
    group = TrainingGroup.objects.create(
        name=name,
        course=course,
        territory=territory,
        organisation=organisation,
        capacity=8,
        start_date=datetime.date(2026, 9, 1),
        end_date=end_date or datetime.date(2027, 1, 15),
        status=TrainingGroup.Status.RUNNING,
    )
    for trainee in trainees:
        Enrolment.objects.create(group=group, trainee=trainee)
    return group


@pytest.fixture
def world(site_tree, territory, organisation, make_user):
    from courses.models import SessionPage

    ensure_kit_templates()
    course = site_tree["peer_interveners"]
    session_page = course.add_child(instance=SessionPage(title="Séance 3 : raconter son parcours", slug="seance-3"))
    trainees = [make_user(Role.TRAINEE, first_name=f"Stagiaire{n}") for n in range(6)]
    group = make_group(course, territory, organisation, trainees)
    session = ScheduledSession.objects.create(
        session_page=session_page, date=SESSION_DAY, start_time=datetime.time(9), end_time=datetime.time(12)
    )
    session.groups.add(group)
    other_region = RegionFactory(code="76", name="Occitanie")
    other_territory = TerritoryFactory(region=other_region, name="Hérault", code="34")
    other_org = TrainingOrganisationFactory(region=other_region, name="Autre organisme")
    return SimpleNamespace(
        course=course,
        session_page=session_page,
        trainees=trainees,
        group=group,
        session=session,
        territory=territory,
        organisation=organisation,
        region=territory.region,
        other_region=other_region,
        other_territory=other_territory,
        other_org=other_org,
        regional=make_user(Role.REGIONAL_TEAM, region=territory.region),
        other_regional=make_user(Role.REGIONAL_TEAM, region=other_region),
        national=make_user(Role.NATIONAL_TEAM),
        org_staff=make_user(Role.ORGANISATION_STAFF, organisation=organisation),
        trainer=make_user(Role.TRAINER),
        outsider=UserFactory(),
    )
