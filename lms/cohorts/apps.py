from django.apps import AppConfig


class CohortsConfig(AppConfig):
    """Training groups, scheduled sessions, applications, selection and enrolment."""

    name = "lms.cohorts"
    label = "cohorts"
    verbose_name = "Groupes et séances"

    def ready(self):
        from courses import offers
        from lms.cohorts import privacy
        from lms.cohorts.public_offers import public_group_offers

        privacy.register()
        offers.register(public_group_offers)
