"""The daily django-q2 schedule that opens follow-up plans once a group's last session is held."""

from django.db import migrations

from lms.schedules import DJANGO_Q_DEPENDENCY, daily_schedules


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial"), DJANGO_Q_DEPENDENCY]

    operations = [daily_schedules({"Suivi : ouverture des plans après la dernière séance": "lms.followup.tasks.open_plans_for_ended_courses"}, hour=6, minute=30)]
