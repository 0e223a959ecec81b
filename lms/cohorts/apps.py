from django.apps import AppConfig


class CohortsConfig(AppConfig):
    """Training groups, scheduled sessions, applications, selection and enrolment."""

    name = "lms.cohorts"
    label = "cohorts"
    verbose_name = "Groupes et séances"

    def ready(self):
        from lms.cohorts import privacy

        privacy.register()
