"""Named django-q2 schedules, created by the migration of the app whose task they run."""

import datetime

from django.db import migrations
from django.utils import timezone

# The django-q2 migration that every schedule-creating migration depends on.
DJANGO_Q_DEPENDENCY = ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")


def daily_schedules(schedules: dict[str, str], *, hour: int | None = None, minute: int = 0) -> migrations.RunPython:
    """A migration operation that creates each daily schedule of `schedules` ({name: dotted task}),
    first run at the next `hour:minute` local time (at once without an hour). A schedule that exists
    already is kept as it is, so a time changed by an administrator survives; migrating back removes
    them."""

    def create(apps, schema_editor):
        Schedule = apps.get_model("django_q", "Schedule")
        defaults = {"schedule_type": "D", "repeats": -1}
        if hour is not None:
            now = timezone.localtime()
            first = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
            if first <= now:
                first += datetime.timedelta(days=1)
            defaults["next_run"] = first
        for name, func in schedules.items():
            Schedule.objects.get_or_create(name=name, defaults={**defaults, "func": func})

    def delete(apps, schema_editor):
        apps.get_model("django_q", "Schedule").objects.filter(name__in=list(schedules)).delete()

    return migrations.RunPython(create, delete)
