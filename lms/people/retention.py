"""Retention of sensitive data: a daily django-q2 task deletes what must not be kept any longer.

Apps register a rule; the task calls it with the people whose last training ended long enough ago:

    from lms.people import retention
    retention.register("accessibility_needs", purge_needs, months_setting="ACCESSIBILITY_NEEDS_RETENTION_MONTHS")

where `purge_needs(persons: QuerySet[User], now) -> int` deletes their records (writing
`record_access(None, "delete", record, "durée de conservation dépassée")` for each) and returns how
many went. `persons` are those enrolled in at least one group, none of which ends later than
`now - months` or has no end date yet (a training still open keeps the data).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from lms.people.models import User

SCHEDULE_NAME = "Conservation des données sensibles"
TASK_PATH = "lms.people.retention.run_retention"


@dataclass(frozen=True)
class RetentionRule:
    name: str
    purge: Callable[[QuerySet, datetime.datetime], int]
    months_setting: str


_rules: dict[str, RetentionRule] = {}


def register(name: str, purge, *, months_setting: str) -> None:
    """Declares a retention rule; `months_setting` names the setting giving the delay in months."""
    _rules[name] = RetentionRule(name=name, purge=purge, months_setting=months_setting)


def rules() -> list[RetentionRule]:
    return list(_rules.values())


def months_before(moment: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the last day of the month when it does not exist)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(moment.day, 0, -1):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(moment)


def persons_past_retention(months: int, now: datetime.datetime | None = None) -> QuerySet:
    """Persons whose every training ended at least `months` months ago."""
    today = timezone.localdate(now) if now else timezone.localdate()
    cutoff = months_before(today, months)
    open_or_recent = Q(enrolments__group__end_date__isnull=True) | Q(enrolments__group__end_date__gt=cutoff)
    return (
        User.objects.filter(enrolments__isnull=False)
        .exclude(pk__in=User.objects.filter(open_or_recent).values("pk"))
        .annotate(last_training_end=Max("enrolments__group__end_date"))
        .distinct()
    )


def run_retention(now: datetime.datetime | None = None) -> dict[str, int]:
    """The scheduled task: applies every registered rule, each in its own transaction."""
    now = now or timezone.now()
    purged = {}
    for rule in rules():
        months = int(getattr(settings, rule.months_setting))
        with transaction.atomic():
            persons = persons_past_retention(months, now)
            count = rule.purge(persons, now)
            purged[rule.name] = count
    return purged


def ensure_schedule(**kwargs) -> None:
    """Registers the daily retention task with django-q2 (run after migrations, idempotent)."""
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={"func": TASK_PATH, "schedule_type": Schedule.DAILY, "repeats": -1},
    )
