"""Creating a person's account in Gestion, outside enrolment: within the roles and scopes the staff
member may give, refusals next to the field with nothing saved, and the invitation e-mail sent."""

import pytest
from django.core import mail

from lms.people.factories import RegionFactory, TrainingOrganisationFactory
from lms.people.models import Role, RoleAssignment, User
from lms.people.selectors import roles_of
from tests.people.test_accounts import link_in
from tests.staff.test_workspace import login

pytestmark = pytest.mark.django_db

URL = "/gestion/personnes/nouvelle/"


def person(**overrides):
    data = {"first_name": "Inès", "last_name": "Barbier", "email": "ines@example.fr", "phone": "", "role": "trainer"}
    return data | overrides


def test_the_regional_team_creates_a_trainer_who_receives_the_invitation(
    client, world, django_capture_on_commit_callbacks
):
    client = login(client, world["regional"])
    assert f'href="{URL}"' in client.get("/gestion/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, person())
    assert response.status_code == 302 and response.url == "/gestion/"
    created = User.objects.get(email="ines@example.fr")
    assert roles_of(created) == {Role.TRAINER} and not created.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ines@example.fr"]
    assert link_in(mail.outbox[0]).startswith("/invitation/")
    assert "une invitation à choisir son mot de passe est envoyée" in client.get("/gestion/").content.decode()
    # The new trainer can now be chosen for a group.
    assert "Inès Barbier" in client.get("/gestion/groupes/nouveau/").content.decode()


def test_organisation_staff_add_a_colleague_of_their_own_organisation_only(
    client, world, django_capture_on_commit_callbacks
):
    rival = TrainingOrganisationFactory(name="Organisme concurrent")
    client = login(client, world["org_staff"])
    html = client.get(URL).content.decode()
    assert 'value="organisation_staff"' in html and 'value="regional_team"' not in html
    assert "Organisme concurrent" not in html
    response = client.post(URL, person(role="organisation_staff", organisation=rival.pk))
    assert response.status_code == 400 and 'id="id_organisation_error"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, person(role="organisation_staff", organisation=world["organisation"].pk))
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user__email="ines@example.fr")
    assert assignment.role == Role.ORGANISATION_STAFF and assignment.organisation == world["organisation"]
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "who,data,field,message",
    [
        ("org_staff", {"role": "regional_team"}, "role", "Sélectionnez un choix valide"),
        ("regional", {"role": "administrator"}, "role", "Sélectionnez un choix valide"),
        ("regional", {"role": "regional_team"}, "region", "Choisissez la région de l&#x27;équipe régionale."),
        ("regional", {"role": "organisation_staff"}, "organisation", "Choisissez l&#x27;organisme"),
        ("regional", {"email": "regional@test.fr"}, "email", "Un compte existe déjà avec cette adresse e-mail"),
        ("regional", {"first_name": " "}, "first_name", "Champ requis."),
    ],
)
def test_refusals_show_next_to_the_field_and_nothing_is_saved(client, world, who, data, field, message):
    before = User.objects.count()
    response = login(client, world[who]).post(URL, person(**data))
    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in html and message in html
    assert User.objects.count() == before and mail.outbox == []


def test_another_regions_team_is_out_of_reach(client, world):
    other = RegionFactory(code="76", name="Occitanie")
    client = login(client, world["regional"])
    assert "Occitanie" not in client.get(URL).content.decode()
    response = client.post(URL, person(role="regional_team", region=other.pk))
    assert response.status_code == 400 and 'id="id_region_error"' in response.content.decode()
    from django.core.exceptions import ValidationError

    from lms.staff.services import create_person

    with pytest.raises(ValidationError, match="votre région"):
        create_person(
            email="x@example.fr",
            first_name="X",
            last_name="Y",
            role="regional_team",
            region=other,
            actor=world["regional"],
        )
    assert not User.objects.filter(email="x@example.fr").exists()


@pytest.mark.parametrize("who,status", [("national", 403), ("trainer", 403), ("trainee", 403), ("admin", 200)])
def test_the_page_is_for_those_who_may_create_accounts(client, world, who, status):
    assert login(client, world[who]).get(URL).status_code == status


def test_an_administrator_gives_any_staff_role(client, world, django_capture_on_commit_callbacks):
    client = login(client, world["admin"])
    html = client.get(URL).content.decode()
    assert 'value="national_team"' in html and 'value="trainee"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, person(role="national_team"))
    assert response.status_code == 302
    assert roles_of(User.objects.get(email="ines@example.fr")) == {Role.NATIONAL_TEAM}
