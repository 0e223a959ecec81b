from django.apps import AppConfig


class SurveysConfig(AppConfig):
    """Satisfaction surveys, complaints and improvement actions (Qualiopi indicators 30 to 32)."""

    name = "lms.surveys"
    label = "surveys"
    verbose_name = "Satisfaction et réclamations"

    def ready(self):
        from lms import events
        from lms.surveys import panels, privacy, services

        events.subscribe(events.FOLLOWUP_QUESTIONNAIRE_SENDING, services.on_followup_questionnaire_sending)
        panels.register()
        privacy.register()
