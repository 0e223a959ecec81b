"""A group with trainers and trainees, and a scheduled day session (9:00–17:00) to take attendance on."""

import datetime

import pytest
import time_machine

from courses.models import SessionPage
from lms.attendance.models import PARIS
from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup, Venue
from lms.people.models import Role

DAY = datetime.date(2027, 3, 15)


def at(hour: int, minute: int = 0, day: datetime.date = DAY) -> datetime.datetime:
    """An aware Paris time on the session day."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


# The pages and services read the real clock where no `now` is passed: it is frozen two weeks before
# DAY, so the session day stays ahead whatever the date the suite runs on. Browser tests keep the real
# clock (Chromium does not share the frozen one); they use session_around_now().
NOW = datetime.datetime.combine(DAY - datetime.timedelta(days=14), datetime.time(10, 0), tzinfo=PARIS)


@pytest.fixture(autouse=True)
def frozen_clock(request):
    if request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_session(course, group, *, day=DAY, start=(9, 0), end=(17, 0), title="Séance", trainer=None, venue=None):
    page = course.add_child(instance=SessionPage(title=title, slug=f"seance-{SessionPage.objects.count() + 1}"))
    session = ScheduledSession.objects.create(
        session_page=page,
        date=day,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        trainer=trainer,
        venue=venue,
    )
    session.groups.add(group)
    return session


@pytest.fixture
def world(site_tree, territory, organisation, make_user):
    course = site_tree["peer_interveners"]
    group = TrainingGroup.objects.create(
        name="IP Rhône 2027", course=course, territory=territory, organisation=organisation, capacity=8
    )
    trainer = make_user(Role.TRAINER, first_name="Fanny", last_name="Roux")
    peer_trainer = make_user(Role.PEER_TRAINER, first_name="Pascal", last_name="Lemoine")
    group.trainers.add(trainer)
    group.peer_trainers.add(peer_trainer)
    trainees = [
        make_user(Role.TRAINEE, first_name="Samia", last_name="Haddad"),
        make_user(Role.TRAINEE, first_name="Éloïse", last_name="Béranger"),
        make_user(Role.TRAINEE, first_name="Karim", last_name="Diallo"),
    ]
    for trainee in trainees:
        Enrolment.objects.create(group=group, trainee=trainee)
    venue = Venue.objects.create(
        name="Maison des associations",
        address="3 rue Garibaldi",
        postcode="69003",
        city="Lyon",
        territory=territory,
        public_transport="Métro B, arrêt Saxe-Gambetta, 200 m à pied.",
        step_free_access=True,
        break_room=True,
    )
    session = make_session(course, group, title="Séance 1 : se connaître", trainer=trainer, venue=venue)
    session.peer_trainer = peer_trainer
    session.save()
    return {
        "course": course,
        "group": group,
        "trainer": trainer,
        "peer_trainer": peer_trainer,
        "trainees": trainees,
        "session": session,
        "venue": venue,
    }


def session_around_now(course, group, *, title="Séance du jour", trainer=None):
    """A session held today whose current half-day slot contains the present time (frozen at NOW
    outside browser tests, the real one in the browser); returns it and that half-day."""
    from django.utils import timezone

    now = timezone.localtime(timezone.now(), PARIS)
    start = max(
        datetime.datetime.combine(now.date(), datetime.time(0, 0), tzinfo=PARIS), now - datetime.timedelta(minutes=20)
    )
    end = min(
        datetime.datetime.combine(now.date(), datetime.time(23, 59), tzinfo=PARIS), now + datetime.timedelta(hours=1)
    )
    session = make_session(
        course,
        group,
        day=now.date(),
        start=(start.hour, start.minute),
        end=(end.hour, end.minute),
        title=title,
        trainer=trainer,
    )
    half_day = "morning" if now.time() < datetime.time(13, 0) else "afternoon"
    return session, half_day
