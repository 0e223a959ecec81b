"""Demo world for persons: two regions with their territories, a training organisation and one
account per role. Idempotent: running it again finds what exists."""

from django.conf import settings

from lms.people.factories import RegionFactory, TerritoryFactory, TrainingOrganisationFactory, UserFactory
from lms.people.models import Role, Territory
from lms.people.services import assign_role

REGIONS = [
    ("84", "Auvergne-Rhône-Alpes", [("69", "Rhône"), ("38", "Isère")]),
    ("76", "Occitanie", [("31", "Haute-Garonne"), ("34", "Hérault")]),
]

ORGANISATION_NAME = "Formations Inclusives Rhône"

# (e-mail, first name, last name, role, scope) — one account per role, printed on start.
DEMO_ACCOUNTS = [
    ("admin@epop.example", "Alix", "Martin", Role.ADMINISTRATOR, None),
    ("equipe.nationale@epop.example", "Nadia", "Benali", Role.NATIONAL_TEAM, None),
    ("equipe.regionale@epop.example", "Romain", "Giraud", Role.REGIONAL_TEAM, "region"),
    ("organisme@epop.example", "Odile", "Perrin", Role.ORGANISATION_STAFF, "organisation"),
    ("financeur@epop.example", "Fabienne", "Morel", Role.FUNDER, "region"),
    ("formatrice@epop.example", "Fanny", "Roux", Role.TRAINER, None),
    ("formateur.pair@epop.example", "Pascal", "Lemoine", Role.PEER_TRAINER, None),
    ("stagiaire@epop.example", "Samia", "Haddad", Role.TRAINEE, None),
]


def seed(stdout=None) -> None:
    """Creates regions, territories, the organisation and the demo accounts."""
    regions = {}
    for code, name, territories in REGIONS:
        region = RegionFactory(code=code, name=name)
        regions[code] = region
        for territory_code, territory_name in territories:
            TerritoryFactory(region=region, name=territory_name, code=territory_code, kind=Territory.Kind.DEPARTEMENT)
    TerritoryFactory(region=regions["84"], name="Bassin lyonnais", code="69123", kind=Territory.Kind.BASSIN_DE_VIE)
    organisation = TrainingOrganisationFactory(
        name=ORGANISATION_NAME,
        region=regions["84"],
        siret="81234567800019",
        activity_declaration_number="84691234569",
        address="12 rue de la République",
        postcode="69002",
        city="Lyon",
        contact_email="contact@formations-inclusives.example",
    )
    for email, first_name, last_name, role, scope in DEMO_ACCOUNTS:
        user = UserFactory(email=email, first_name=first_name, last_name=last_name)
        assign_role(
            user,
            role,
            region=regions["84"] if scope == "region" else None,
            organisation=organisation if scope == "organisation" else None,
        )


def accounts_table() -> str:
    """The demo accounts as lines to print when the platform starts."""
    width = max(len(email) for email, *_ in DEMO_ACCOUNTS)
    lines = [f"Comptes de démonstration (mot de passe : {settings.DEMO_PASSWORD})"]
    for email, _first, _last, role, _scope in DEMO_ACCOUNTS:
        lines.append(f"  {email.ljust(width)}  {Role(role).label}")
    return "\n".join(lines)
