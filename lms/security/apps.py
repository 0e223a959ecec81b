from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Security headers, the Content-Security-Policy and login throttling."""

    name = "lms.security"
    label = "security"
    verbose_name = "Sécurité"

    def ready(self):
        from lms.security import checks, signals  # noqa: F401
