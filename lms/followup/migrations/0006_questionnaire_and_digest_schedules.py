"""The daily django-q2 schedules of the questionnaires (with their reminders) and of the alerts digest."""

from django.db import migrations

from lms.schedules import DJANGO_Q_DEPENDENCY, daily_schedules


class Migration(migrations.Migration):
    dependencies = [("followup", "0005_seed_indicators"), DJANGO_Q_DEPENDENCY]

    operations = [
        daily_schedules(
            {
                "Suivi : questionnaires d'indicateurs et relances": "lms.followup.tasks.send_questionnaires",
                "Suivi : résumé quotidien des alertes": "lms.followup.tasks.send_alert_digests",
            },
            hour=7,
        )
    ]
