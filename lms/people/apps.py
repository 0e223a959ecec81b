from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PeopleConfig(AppConfig):
    """Persons, roles, regions and territories, training organisations."""

    name = "lms.people"
    label = "people"
    verbose_name = "Personnes et structures"

    def ready(self):
        from lms.people import privacy  # noqa: F401  (registers people's exporter and eraser)
        from lms.people.retention import ensure_schedule

        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="people-retention-schedule")
