"""Schedules the daily readiness check (alerts at D-10 and D-3 about unconfirmed arrangements)."""

from django.db import migrations

from lms.schedules import DJANGO_Q_DEPENDENCY, daily_schedules


class Migration(migrations.Migration):
    dependencies = [("accessibility", "0001_initial"), DJANGO_Q_DEPENDENCY]

    operations = [daily_schedules({"Aménagements : contrôle J-10 et J-3": "accessibility.tasks.readiness_checks"})]
