"""The daily django-q2 schedule that sends the directory's yearly review reminders."""

from django.db import migrations

from lms.schedules import DJANGO_Q_DEPENDENCY, daily_schedules


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial"), DJANGO_Q_DEPENDENCY]

    operations = [daily_schedules({"Annuaire : rappel de relecture annuelle des fiches": "lms.directory.tasks.send_review_reminders"}, hour=7)]
