from django.apps import AppConfig


class FollowupConfig(AppConfig):
    """What comes after the training: follow-up plans (intervention projects, action plans),
    accompaniment meetings, follow-up indicators and the team's alerts."""

    name = "lms.followup"
    label = "followup"
    verbose_name = "Suivi après la formation"

    def ready(self):
        from lms import events
        from lms.followup import contributions, privacy, selectors

        privacy.register()
        contributions.register()
        events.subscribe(events.CALENDAR_EVENTS, selectors.add_calendar_events)
