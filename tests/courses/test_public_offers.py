"""The public course page: "Candidater", the upcoming groups (dates, place, seats left, deadline to
apply) from one selector with a constant query count, and durations that match the schedule."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.demo import DEMO_SESSION_HOURS
from courses.models import SessionPage
from lms.cohorts.factories import TrainingGroupFactory
from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup, Venue
from lms.cohorts.public_offers import public_group_offers
from lms.people.models import Role

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2027, 1, 10, 10, 0, tzinfo=datetime.UTC)


def _group(course, territory, organisation, name, *, start, capacity=8, enrolled=0, make_user=None, **fields):
    group = TrainingGroupFactory(
        course=course, territory=territory, organisation=organisation, name=name, capacity=capacity, **fields
    )
    venue = Venue.objects.create(
        name=f"Salle {name}", address="1 rue", postcode="69003", city="Lyon", territory=territory
    )
    page = SessionPage.objects.child_of(course).first()
    for weeks in (0, 3):
        session = ScheduledSession.objects.create(
            session_page=page,
            date=start + datetime.timedelta(weeks=weeks),
            start_time=datetime.time(9, 30),
            end_time=datetime.time(15, 30),
            venue=venue,
        )
        session.groups.add(group)
    for _index in range(enrolled):
        Enrolment.objects.create(group=group, trainee=make_user(Role.TRAINEE))
    return group


@pytest.fixture
def offers(site_tree, territory, organisation, make_user):
    course = site_tree["peer_interveners"]
    with time_machine.travel(TODAY, tick=False):
        open_group = _group(
            course,
            territory,
            organisation,
            "IP Rhône printemps",
            start=datetime.date(2027, 3, 2),
            enrolled=3,
            make_user=make_user,
            applications_close_on=datetime.date(2027, 2, 15),
        )
        full = _group(
            course,
            territory,
            organisation,
            "IP Rhône complet",
            start=datetime.date(2027, 4, 6),
            capacity=2,
            enrolled=2,
            make_user=make_user,
        )
        closed = _group(
            course,
            territory,
            organisation,
            "IP Rhône clos",
            start=datetime.date(2027, 3, 9),
            applications_close_on=datetime.date(2027, 1, 5),
        )
        finished = _group(
            course,
            territory,
            organisation,
            "IP Rhône terminé",
            start=datetime.date(2027, 3, 16),
            status=TrainingGroup.Status.FINISHED,
        )
    return {"course": course, "open": open_group, "full": full, "closed": closed, "finished": finished}


def test_course_page_lists_the_groups_open_to_applications_with_dates_place_seats_and_deadline(client, offers):
    with time_machine.travel(TODAY, tick=False):
        html = client.get("/formations/intervenants-pairs/").content.decode()
    assert f'href="/candidater/?formation={offers["course"].pk}"' in html
    assert "Prochains groupes" in html
    section = html.split("Prochains groupes", 1)[1]
    assert "IP Rhône printemps" in section and "IP Rhône complet" in section
    assert "IP Rhône clos" not in section and "IP Rhône terminé" not in section
    spring = section.split("IP Rhône printemps", 1)[1].split("</li>", 1)[0]
    assert "du 2 mars 2027 au 23 mars 2027" in spring and "(2 séances)" in spring
    assert "Lyon (Rhône)" in spring
    assert re.search(r"Places restantes</dt><dd>5</dd>", spring)
    assert re.search(r"Candidater avant le</dt><dd>15 février 2027</dd>", spring)
    full = section.split("IP Rhône complet", 1)[1].split("</li>", 1)[0]
    assert "Complet : liste d'attente" in full
    # No deadline set: the eve of the first session.
    assert "5 avril 2027" in full


def test_candidater_preselects_the_course_on_the_application_form(client, offers):
    html = client.get(f"/candidater/?formation={offers['course'].pk}").content.decode()
    assert re.search(rf'value="{offers["course"].pk}"[^>]*checked', html)
    assert client.get("/candidater/?formation=abc").status_code == 200


def test_home_and_index_have_a_candidater_link_per_course(client, site_tree):
    for url in ("/", "/formations/"):
        html = client.get(url).content.decode()
        for key in ("peer_interveners", "referents"):
            assert f'href="/candidater/?formation={site_tree[key].pk}"' in html


def test_the_offers_selector_runs_a_constant_number_of_queries(site_tree, territory, organisation, make_user):
    course = site_tree["peer_interveners"]

    def count(number):
        for index in range(number):
            _group(
                course,
                territory,
                organisation,
                f"Groupe {number}-{index}",
                start=datetime.date(2027, 5, 4),
                enrolled=1,
                make_user=make_user,
            )
        with CaptureQueriesContext(connection) as queries:
            result = public_group_offers([course.pk], today=datetime.date(2027, 1, 10))
        return len(queries), len(result[course.pk])

    small, found_small = count(2)
    large, found_large = count(6)
    assert small == large
    assert (found_small, found_large) == (2, 8)


def test_demo_session_pages_announce_the_duration_the_demo_schedules(client, site_tree):
    page = SessionPage.objects.child_of(site_tree["peer_interveners"]).live().first()
    assert page.planned_hours == DEMO_SESSION_HOURS == 6
    html = client.get(page.url).content.decode()
    assert "Durée prévue : 6 h." in html and "3 heures" not in html
