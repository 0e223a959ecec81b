from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """Tracking across groups for regional teams, organisations, the national team and funders: the
    metric catalogue, dashboards, charts and exports. The top layer: it reads every app below and
    nothing imports it."""

    name = "lms.reporting"
    label = "reporting"
    verbose_name = "Suivi et indicateurs"

    def ready(self):
        from lms.reporting import contributions, privacy

        privacy.register()
        contributions.register()
