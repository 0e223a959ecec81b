from django.apps import AppConfig


class TendersConfig(AppConfig):
    """Calls for tenders: the national specification, the regional calls, the organisations' sealed
    bids, the kit's compliance check, scoring and award."""

    name = "lms.tenders"
    label = "tenders"
    verbose_name = "Appels d'offres"

    def ready(self):
        from lms.tenders import contributions, privacy

        privacy.register()
        contributions.register()
