"""The daily django-q2 schedule that queues convocations seven days and one day before sessions."""

import datetime

from django.db import migrations
from django.utils import timezone

NAME = "Convocations aux séances (J-7 et J-1)"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    now = timezone.localtime()
    morning = now.replace(hour=6, minute=0, second=0, microsecond=0)
    if morning <= now:
        morning += datetime.timedelta(days=1)
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "func": "lms.cohorts.tasks.queue_due_convocations",
            "schedule_type": "D",
            "next_run": morning,
            "repeats": -1,
        },
    )


def delete_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0002_selection_waiting_list_convocations"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
