"""Partners' contact details can be erased (on request, or by the daily retention run)."""

from django.db import migrations, models

from lms.schedules import DJANGO_Q_DEPENDENCY, daily_schedules


class Migration(migrations.Migration):
    dependencies = [("interventions", "0001_initial"), DJANGO_Q_DEPENDENCY]

    operations = [
        migrations.AddField(
            model_name="interventionrequest",
            name="contact_erased_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="coordonnées effacées le"),
        ),
        migrations.AlterField(
            model_name="interventionrequest",
            name="contact_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="e-mail de contact"),
        ),
        daily_schedules(
            {"Interventions : effacement des coordonnées des partenaires": "lms.interventions.tasks.forget_old_contacts"},
            hour=3,
            minute=30,
        ),
    ]
