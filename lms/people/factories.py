"""factory_boy factories for persons and structures, used by the tests and by seed_demo."""

import factory
from django.conf import settings

from lms.people.models import Region, Role, RoleAssignment, Territory, TrainingOrganisation, User
from lms.people.services import assign_role


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Région {n}")
    code = factory.Sequence(lambda n: f"{(n % 900) + 100}")


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("region", "name")

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Territoire {n}")
    kind = Territory.Kind.DEPARTEMENT


class TrainingOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingOrganisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisme de formation {n}")
    siret = factory.Sequence(lambda n: f"{n:014d}")
    activity_declaration_number = factory.Sequence(lambda n: f"84{n:09d}")
    qualiopi_certified = True
    region = factory.SubFactory(RegionFactory)
    city = "Lyon"
    contact_email = factory.Sequence(lambda n: f"contact{n}@of.example.fr")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", settings.DEMO_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment
        django_get_or_create = ("user", "role", "region", "organisation")

    user = factory.SubFactory(UserFactory)
    role = Role.TRAINEE
    region = None
    organisation = None


def user_with_role(role: str, *, region=None, organisation=None, **user_fields) -> User:
    """A user holding `role`, created through the role service so staff flags follow."""

    user = UserFactory(**user_fields)
    assign_role(user, role, region=region, organisation=organisation)
    return user
