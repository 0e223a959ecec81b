from django.apps import AppConfig


class StaffConfig(AppConfig):
    """The staff workspace ("Gestion") and the group page, the hub of a group: they read from every
    delivery app, so they sit on top of them and write only through their services."""

    name = "lms.staff"
    label = "staff"
    verbose_name = "Gestion"
