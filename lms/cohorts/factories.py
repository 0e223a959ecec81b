"""factory_boy factories for groups, venues and selection, used by the tests and by seed_demo."""

import datetime

import factory

from lms.cohorts.models import Application, EngagementCharter, TrainingGroup, Venue
from lms.people.factories import TerritoryFactory, TrainingOrganisationFactory


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ("name", "territory")

    name = factory.Sequence(lambda n: f"Salle {n}")
    address = factory.Sequence(lambda n: f"{n + 1} rue de la Formation")
    postcode = "69003"
    city = "Lyon"
    territory = factory.SubFactory(TerritoryFactory)
    public_transport = "Métro B, arrêt Place Guichard (200 m)."
    step_free_access = True
    break_room = True
    access_notes = "Boucle magnétique dans la salle, toilettes adaptées au rez-de-chaussée."


class TrainingGroupFactory(factory.django.DjangoModelFactory):
    """Pass `course` (a CoursePage): courses are Wagtail pages built by the curriculum seed."""

    class Meta:
        model = TrainingGroup
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Groupe {n}")
    territory = factory.SubFactory(TerritoryFactory)
    organisation = factory.SubFactory(TrainingOrganisationFactory)
    capacity = factory.LazyAttribute(lambda group: group.course.max_group_size)
    status = TrainingGroup.Status.RECRUITING


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    territory = factory.SubFactory(TerritoryFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"candidat{n}@example.fr")
    motivation = "Transmettre ce que j'ai appris de mon parcours."
    employer_name = factory.LazyAttribute(lambda a: "EHPAD Les Tilleuls" if a.course.audience == "referents" else "")


class EngagementCharterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementCharter

    employer_name = "EHPAD Les Tilleuls"
    signatory_name = "Claire Dubois"
    signatory_role = "Directrice"
    signed_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))
    method = EngagementCharter.Method.PLATFORM
    accepted_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
