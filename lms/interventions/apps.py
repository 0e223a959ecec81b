from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    """Partners' intervention requests: intake, matching with peer interveners, preparation,
    debriefing, feedback and expenses."""

    name = "lms.interventions"
    label = "interventions"
    verbose_name = "Demandes d'intervention"

    def ready(self):
        from lms import events
        from lms.interventions import contributions, privacy
        from lms.interventions import events as subscribers

        privacy.register()
        contributions.register()
        events.subscribe(events.FOLLOWUP_RECORDED_COUNTS, subscribers.count_interventions_done)
