from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The public directory of peer interveners and referents, grown from validated follow-up plans."""

    name = "lms.directory"
    label = "directory"
    verbose_name = "Annuaire des intervenants-pairs et référents"

    def ready(self):
        from lms.directory import contributions, privacy

        privacy.register()
        contributions.register()
