"""The kit's questionnaires, in French with their easy-to-read (FALC) wordings, version 1; and the
hourly django-q2 schedule that opens campaigns at sessions' and courses' end and sends reminders."""

import datetime

from django.db import migrations
from django.utils import timezone

SCHEDULE_NAME = "Questionnaires de satisfaction (fin de séance, fin de formation, relances)"


def seed(apps, schema_editor):
    from lms.surveys.kit import seed_templates

    seed_templates(apps.get_model("surveys", "SurveyTemplate"), apps.get_model("surveys", "Question"))
    Schedule = apps.get_model("django_q", "Schedule")
    now = timezone.localtime()
    Schedule.objects.get_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": "lms.surveys.tasks.run_survey_cycle",
            "schedule_type": "H",
            "next_run": now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1),
            "repeats": -1,
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME).delete()
    apps.get_model("surveys", "SurveyTemplate").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
