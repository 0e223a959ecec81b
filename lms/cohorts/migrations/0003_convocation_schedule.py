"""The daily django-q2 schedule that queues convocations seven days and one day before sessions."""

from django.db import migrations

from lms.schedules import DJANGO_Q_DEPENDENCY, daily_schedules


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0002_selection_waiting_list_convocations"), DJANGO_Q_DEPENDENCY]

    operations = [daily_schedules({"Convocations aux séances (J-7 et J-1)": "lms.cohorts.tasks.queue_due_convocations"}, hour=6)]
