"""The world a trainee and a trainer find on the morning of a session day, and the helpers the role
walks share (tests/staff/test_journeys_*.py)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.selectors import objectives_for_course
from lms.attendance import services as attendance_services
from lms.certificates import services as certificate_services
from lms.certificates.models import OrganisationSignatory
from lms.cohorts.models import Enrolment, TrainingGroup
from lms.cohorts.tasks import queue_due_convocations
from lms.learning.factories import schedule, session_page
from lms.learning.models import Assignment
from lms.people.models import Role
from tests.certificates.conftest import World, attend, evaluate, hand_in, png_bytes
from tests.cohorts.conftest import enrol_trainee

PARIS = ZoneInfo("Europe/Paris")
# Monday 3 March 2031, 10:00 in Lyon: the morning of the group's fifth session.
NOW = datetime.datetime(2031, 3, 3, 10, 0, tzinfo=PARIS)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TODAY_TITLE = "Témoigner de son parcours"
TASK_TITLE = "Raconter un moment où un pair m'a aidé"


def open_menu_link(page, name):
    """The main menu's link, through the Menu button on a phone."""
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state()


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (page.url, width)


def _lead(session, world):
    session.trainer = world["trainer"]
    session.peer_trainer = world["peer_trainer"]
    session.venue = world["venue"]
    session.save()
    return session


def held_finished_group(world) -> TrainingGroup:
    """Last year's group of the same territory: held and signed, handed in and evaluated by Samia;
    the organisation's signatory is set up. Walks add what their role needs (issuing, needs)."""
    course = world["ip_course"]
    group = TrainingGroup.objects.create(
        name="IP Rhône 2030",
        course=course,
        territory=world["territory"],
        organisation=world["organisation"],
        capacity=8,
        status=TrainingGroup.Status.FINISHED,
    )
    group.trainers.add(world["trainer"])
    pages = [session_page(course, "Se connaître", task="Raconter une expérience"), session_page(course, "Conclure")]
    sessions = [
        schedule(pages[0], group, date=datetime.date(2030, 3, 4), start=datetime.time(9), end=datetime.time(17)),
        schedule(pages[1], group, date=datetime.date(2030, 4, 1), start=datetime.time(9), end=datetime.time(17)),
    ]
    trainee = world["trainee"]
    Enrolment.objects.create(group=group, trainee=trainee, status=Enrolment.Status.ENROLLED)
    signatory = OrganisationSignatory.objects.create(
        organisation=world["organisation"],
        signatory_name="Odile Perrin",
        signatory_title="Directrice",
        place="Lyon",
        stamp=SimpleUploadedFile("cachet.png", png_bytes("darkred"), content_type="image/png"),
        signature=SimpleUploadedFile("signature.png", png_bytes("black"), content_type="image/png"),
    )
    finished = World(course, group, sessions, list(objectives_for_course(course)), trainee, None, None, None, signatory)
    for session in sessions:
        attend(session, trainee)
    hand_in(finished, trainee)
    evaluate(finished, trainee)
    return group


def _finished_group(world):
    """Last year's group, its documents issued by the regional team (not the role under test)."""
    group = held_finished_group(world)
    certificate_services.start_group_issuing(world["regional"], group)
    return group


@pytest.fixture
def session_day(world, make_user):
    """The IP Rhône group in its second month: four sessions held (Samia was there each time), today's
    session (9:30–15:30, with an intersession task) whose morning sheet the trainer has opened or not,
    the next one on 17 March; Samia was convened a week before; Léo is her fellow trainee."""
    group, course = world["ip_group"], world["ip_course"]
    leo = make_user(Role.TRAINEE, email="leo.petit@example.fr", first_name="Léo", last_name="Petit")
    with time_machine.travel(datetime.datetime(2031, 1, 2, 9, 0, tzinfo=PARIS), tick=True):
        group.status = TrainingGroup.Status.RUNNING
        group.save(update_fields=["status"])
        enrol_trainee(group, world["trainee"])
        enrol_trainee(group, leo)
        held = []
        for index, day in enumerate((6, 20, 34, 48)):  # 6 and 20 January, 3 and 17 February
            date = datetime.date(2031, 1, 1) + datetime.timedelta(days=day - 1)
            session = schedule(
                world["ip_pages"][index], group, date=date, start=datetime.time(9, 30), end=datetime.time(15, 30)
            )
            held.append(_lead(session, world))
        task_page = session_page(course, TODAY_TITLE, task=TASK_TITLE)
        today = _lead(
            schedule(task_page, group, date=NOW.date(), start=datetime.time(9, 30), end=datetime.time(15, 30)), world
        )
        following = _lead(
            schedule(
                world["ip_pages"][4],
                group,
                date=datetime.date(2031, 3, 17),
                start=datetime.time(9, 30),
                end=datetime.time(15, 30),
            ),
            world,
        )
    for session in held:
        attend(session, world["trainee"])
        attend(session, leo)
    with time_machine.travel(datetime.datetime(2031, 2, 24, 8, 0, tzinfo=PARIS), tick=True):
        queue_due_convocations(today=datetime.date(2031, 2, 24))
    with time_machine.travel(NOW - datetime.timedelta(hours=1), tick=True):
        finished = _finished_group(world)
    return {
        **world,
        "leo": leo,
        "held": held,
        "today": today,
        "following": following,
        "finished_group": finished,
        "assignment": Assignment.objects.get(group=group, scheduled_session=today),
    }


def open_morning(session_day):
    """The trainer opens today's morning sheet (done by the trainer, before the trainee's walk)."""
    return attendance_services.open_slot(session_day["today"], "morning", by=session_day["trainer"])
