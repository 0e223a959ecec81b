"""Background work of the directory (django-q2): the daily run that sends the yearly review reminders."""

import datetime

from django.utils import timezone

from lms.directory import services

REVIEW_SCHEDULE_NAME = "Annuaire : rappel de relecture annuelle des fiches"
REVIEW_FUNC = "lms.directory.tasks.send_review_reminders"


def send_review_reminders() -> int:
    """Daily: one reminder per published entry whose yearly review has come (idempotent)."""
    return services.send_review_reminders()


def ensure_schedules() -> list:
    """The directory's daily django-q2 schedule (idempotent)."""
    from django_q.models import Schedule

    now = timezone.localtime()
    morning = now.replace(hour=7, minute=0, second=0, microsecond=0)
    if morning <= now:
        morning += datetime.timedelta(days=1)
    schedule, _ = Schedule.objects.get_or_create(
        name=REVIEW_SCHEDULE_NAME,
        defaults={"func": REVIEW_FUNC, "schedule_type": Schedule.DAILY, "next_run": morning, "repeats": -1},
    )
    return [schedule]
