from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """Completion rules, PDF certificates, public verification and Open Badges."""

    name = "lms.certificates"
    label = "certificates"
    verbose_name = "Attestations et certificats"

    def ready(self):
        from lms.certificates import privacy

        privacy.register()
