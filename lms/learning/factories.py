"""Builders for the learning app's tests and demo: kit objectives, a group with its schedule, answers."""

import datetime

import factory
from django.utils import timezone

from courses.factories import LearningObjectiveFactory, kit_objectives
from courses.models import SessionPage
from lms import events
from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup
from lms.learning.models import AnswerForm, Submission

# The kit's objectives come from the curriculum's own builders.
__all__ = ["kit_objectives", "LearningObjectiveFactory"]


def session_page(course, title: str, *, task: str = "", **fields) -> SessionPage:
    """A curriculum session under `course`, with an intersession task when `task` is given."""
    page = SessionPage(
        title=title,
        summary=f"Séance « {title} ».",
        intersession_task_title=task,
        intersession_instructions="Préparez une courte présentation de votre expérience." if task else "",
        intersession_instructions_easy_read="Vous racontez votre expérience." if task else "",
        **fields,
    )
    course.add_child(instance=page)
    return page


def training_group(course, *, territory, organisation, name: str = "Groupe test", trainers=(), peer_trainers=()):
    """A running training group of `course`."""

    group = TrainingGroup.objects.create(
        name=name,
        course=course,
        territory=territory,
        organisation=organisation,
        capacity=course.max_group_size,
        status="running",
    )
    group.trainers.set(trainers)
    group.peer_trainers.set(peer_trainers)
    return group


def enrol(group, *trainees, status: str = "enrolled") -> None:
    for trainee in trainees:
        Enrolment.objects.update_or_create(group=group, trainee=trainee, defaults={"status": status})


def schedule(page, *groups, date: datetime.date, start=datetime.time(9, 30), end=datetime.time(12, 30)):
    """A scheduled session of `page` for `groups`; announced as schedule_session does, so that
    assignments are derived."""
    session = ScheduledSession.objects.create(session_page=page, date=date, start_time=start, end_time=end)
    session.groups.set(groups)
    events.publish(events.SESSION_SCHEDULED, session=session, previous_groups=[])
    return session


def session_saved(session, *, previous_groups=()) -> None:
    """Announces a session changed directly in a test (its date, its groups), as the services do."""
    events.publish(events.SESSION_SCHEDULED, session=session, previous_groups=list(previous_groups))


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    answer_form = AnswerForm.TEXT
    text = "Ma réponse."
    status = Submission.Status.SUBMITTED
    submission_count = factory.LazyAttribute(lambda o: 0 if o.status == Submission.Status.DRAFT else 1)
    submitted_at = factory.LazyAttribute(lambda o: None if o.status == Submission.Status.DRAFT else timezone.now())
