from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    """Half-day attendance with signatures, absences and online catch-up."""

    name = "lms.attendance"
    label = "attendance"
    verbose_name = "Émargement et rattrapage"

    def ready(self):
        from lms.attendance import contributions, events, privacy

        privacy.register()
        events.register()
        contributions.register()
