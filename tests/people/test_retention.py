"""Retention: sensitive data goes a configurable number of months after the last training ends,
through a django-q2 scheduled task into which apps register their purge."""

import datetime

import pytest
from django.utils import timezone
from django_q.models import Schedule

from lms.cohorts.models import Enrolment, TrainingGroup
from lms.people import retention
from lms.people.models import Role

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2027, 6, 15, 3, 0))


@pytest.fixture
def groups(site_tree, territory, organisation):
    course = site_tree["peer_interveners"]

    def group(name, end):
        return TrainingGroup.objects.create(
            name=name, course=course, territory=territory, organisation=organisation, capacity=8, end_date=end
        )

    return group


@pytest.fixture
def purged():
    """A purge registered through the hook, as the accessibility app registers its needs."""
    seen = []

    def purge(persons, now):
        seen.extend(sorted(person.email for person in persons))
        return len(seen)

    retention.register("test_needs", purge, months_setting="ACCESSIBILITY_NEEDS_RETENTION_MONTHS")
    yield seen
    retention._rules.pop("test_needs")


def test_only_persons_whose_last_training_ended_long_enough_ago_are_purged(groups, purged, make_user, settings):
    settings.ACCESSIBILITY_NEEDS_RETENTION_MONTHS = 12
    old = groups("2025", datetime.date(2026, 6, 15))
    just_inside = groups("2026a", datetime.date(2026, 6, 16))
    still_open = groups("2027", None)
    gone = make_user(Role.TRAINEE, email="ancien@example.fr")
    recent = make_user(Role.TRAINEE, email="recent@example.fr")
    returning = make_user(Role.TRAINEE, email="revenu@example.fr")
    make_user(Role.TRAINEE, email="jamais-inscrit@example.fr")
    Enrolment.objects.create(group=old, trainee=gone)
    Enrolment.objects.create(group=just_inside, trainee=recent)
    Enrolment.objects.create(group=old, trainee=returning)
    Enrolment.objects.create(group=still_open, trainee=returning)

    assert retention.run_retention(NOW)["test_needs"] == 1
    assert purged == ["ancien@example.fr"]


def test_the_delay_is_a_setting(groups, purged, make_user, settings):
    settings.ACCESSIBILITY_NEEDS_RETENTION_MONTHS = 3
    group = groups("2027a", datetime.date(2027, 3, 1))
    Enrolment.objects.create(group=group, trainee=make_user(Role.TRAINEE, email="trois-mois@example.fr"))
    retention.run_retention(NOW)
    assert purged == ["trois-mois@example.fr"]


def test_months_before_handles_short_months():
    assert retention.months_before(datetime.date(2027, 3, 31), 1) == datetime.date(2027, 2, 28)
    assert retention.months_before(datetime.date(2027, 1, 15), 12) == datetime.date(2026, 1, 15)


def test_the_daily_schedule_is_registered_once():
    retention.ensure_schedule()
    retention.ensure_schedule()
    schedule = Schedule.objects.get(name=retention.SCHEDULE_NAME)
    assert schedule.func == "lms.people.retention.run_retention"
    assert schedule.schedule_type == Schedule.DAILY


def test_the_scheduled_task_runs_through_django_q(groups, purged, make_user, settings):
    from django_q.tasks import async_task, result

    settings.ACCESSIBILITY_NEEDS_RETENTION_MONTHS = 12
    Enrolment.objects.create(group=groups("2020", datetime.date(2020, 1, 1)), trainee=make_user(Role.TRAINEE))
    task_id = async_task(retention.TASK_PATH)
    assert result(task_id)["test_needs"] == 1
