"""The group page is the hub of a group: each part linked with its state at a glance, only for those
who may open it, in a constant number of queries."""

import datetime
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.attendance import services as attendance
from lms.cohorts import services
from lms.cohorts.models import ConvocationLog
from lms.people.factories import UserFactory
from lms.people.models import Role
from tests.cohorts.conftest import MONDAY, enrol_trainee, plan

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def hub_url(world, group="ip_group"):
    return f"/groupes/{world[group].pk}/"


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


def first_session(world):
    session, _warnings = services.schedule_session(plan(world))
    return session


def test_a_session_shows_signatures_countersigning_convocations_and_links(client, world):
    trainees = [UserFactory(first_name=f"Stagiaire{index}") for index in range(3)]
    for trainee in trainees:
        enrol_trainee(world["ip_group"], trainee)
    session = first_session(world)
    opened_at = datetime.datetime.combine(MONDAY, datetime.time(9, 30), tzinfo=PARIS)
    slot = attendance.open_slot(session, "morning", by=world["trainer"], now=opened_at)
    for trainee in trainees[:2]:
        attendance.sign(slot, trainee, "one_tap", by=trainee, now=opened_at + datetime.timedelta(minutes=5))
    attendance.close_slot(slot, by=world["trainer"], now=opened_at + datetime.timedelta(hours=3))
    ConvocationLog.objects.create(session=session, trainee=trainees[0], kind=ConvocationLog.Kind.WEEK_BEFORE)

    html = page(client, world["regional"], hub_url(world)).content.decode()
    assert "Matin 2/3 signés, feuille contresignée" in html
    assert "Convocations : 1/3 envoyées" in html
    for link in (
        f"/emargement/seances/{session.pk}/",
        f"/accessibilite/seances/{session.pk}/amenagements/",
        f"/travaux/groupe/{world['ip_group'].pk}/",
        f"/objectifs/groupe/{world['ip_group'].pk}/",
        f"/certificats/groupes/{world['ip_group'].pk}/",
        f"/gestion/groupes/{world['ip_group'].pk}/modifier/",
    ):
        assert link in html, link


@pytest.mark.parametrize("name", ["regional", "org_staff", "trainer", "peer_trainer", "national", "admin"])
def test_every_link_of_the_hub_opens_for_who_sees_it(client, world, name):
    enrol_trainee(world["ip_group"], world["trainee"])
    first_session(world)
    html = page(client, world[name], hub_url(world)).content.decode()
    links = set(
        re.findall(r'href="(/(?:groupes|emargement|accessibilite|travaux|objectifs|certificats|gestion)[^"#]*)"', html)
    )
    assert links, "the hub links somewhere"
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_national_team_reads_the_group_without_trainees_names(client, world):
    enrol_trainee(world["ip_group"], world["trainee"])
    html = page(client, world["national"], hub_url(world)).content.decode()
    assert "1 personne inscrite" in html
    assert "Samia" not in html and "stagiaire@test.fr" not in html
    assert "/modifier/" not in html


def test_a_trainer_of_a_joint_session_only_reaches_the_other_groups_hub(client, world):
    """The trainer who animates a joint session opens both groups' pages; another trainer none."""
    services.schedule_session(plan(world, page=world["ip_pages"][0], groups=[world["ip_group"], world["rp_group"]]))
    assert page(client, world["trainer"], hub_url(world, "rp_group")).status_code == 200
    outsider = UserFactory()
    from lms.people.services import assign_role

    assign_role(outsider, Role.TRAINER)
    assert page(client, outsider, hub_url(world)).status_code == 404
    assert client.get("/groupes/999999/").status_code == 404


def test_needs_are_linked_per_trainee_for_the_regional_team_only(client, world):
    from accessibility import services as needs

    enrol_trainee(world["ip_group"], world["trainee"])
    needs.give_consent(world["trainee"], actor=world["trainee"], accepted=True)
    needs.add_need(world["trainee"], actor=world["trainee"], kind="lsf", details="")
    link = f"/accessibilite/stagiaires/{world['trainee'].pk}/besoins/"
    assert link in page(client, world["regional"], hub_url(world)).content.decode()
    assert link in page(client, world["trainer"], hub_url(world)).content.decode()
    assert link not in page(client, world["org_staff"], hub_url(world)).content.decode()


def grow(world, count, start=0):
    for index in range(start, start + count):
        trainee = UserFactory(first_name=f"Extra{index}")
        enrol_trainee(world["ip_group"], trainee)
        session, _warnings = services.schedule_session(
            plan(world, page=world["ip_pages"][index % 6], date=MONDAY + datetime.timedelta(weeks=2 * index))
        )
        ConvocationLog.objects.create(session=session, trainee=trainee, kind=ConvocationLog.Kind.WEEK_BEFORE)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", ["regional", "trainer"])
def test_the_hub_makes_as_many_queries_with_n_and_3n_sessions_and_trainees(client, world, name):
    client.force_login(world[name])
    grow(world, 2)
    with_n = count_queries(client, hub_url(world))
    grow(world, 4, start=2)
    assert count_queries(client, hub_url(world)) == with_n
