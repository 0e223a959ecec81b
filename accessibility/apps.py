from django.apps import AppConfig


class AccessibilityConfig(AppConfig):
    """Accessibility arrangements, content checks, display preferences and the statement."""

    name = "accessibility"
    verbose_name = "Accessibilité"

    def ready(self):
        from accessibility import events, privacy

        privacy.register()
        events.register()
