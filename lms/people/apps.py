from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Persons, roles, regions and territories, training organisations."""

    name = "lms.people"
    label = "people"
    verbose_name = "Personnes et structures"
