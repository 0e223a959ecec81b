from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Intersession work, feedback, and the assessment of learning objectives."""

    name = "lms.learning"
    label = "learning"
    verbose_name = "Travaux et objectifs"

    def ready(self):
        from lms.learning import events, privacy

        privacy.register()
        events.register()
