"""Roles are data: scope rules, staff flags, database constraints."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lms.people.factories import UserFactory
from lms.people.models import Role, RoleAssignment
from lms.people.selectors import has_role, organisations_of, regions_of, roles_of
from lms.people.services import assign_role, revoke_role

pytestmark = pytest.mark.django_db


def test_every_role_of_the_platform_exists():
    assert set(Role.values) == {
        "trainee",
        "trainer",
        "peer_trainer",
        "regional_team",
        "national_team",
        "organisation_staff",
        "funder",
        "administrator",
    }


def test_a_funder_is_scoped_to_a_region_and_gets_no_administration(region):
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        assign_role(user, Role.FUNDER)
    assert error.value.message_dict["region"] == ["Un financeur doit être rattaché à une région."]
    assign_role(user, Role.FUNDER, region=region)
    user.refresh_from_db()
    assert has_role(user, Role.FUNDER) and not user.is_staff
    with transaction.atomic(), pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=UserFactory(), role=Role.FUNDER)


def test_regional_team_member_needs_a_region(region):
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        assign_role(user, Role.REGIONAL_TEAM)
    assert error.value.message_dict["region"] == ["Un membre d'équipe régionale doit être rattaché à une région."]
    assign_role(user, Role.REGIONAL_TEAM, region=region)
    assert list(regions_of(user)) == [region]
    assert user.is_staff and not user.is_superuser


def test_organisation_staff_needs_an_organisation(organisation):
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        assign_role(user, Role.ORGANISATION_STAFF)
    assert "organisation" in error.value.message_dict
    assign_role(user, Role.ORGANISATION_STAFF, organisation=organisation)
    assert list(organisations_of(user)) == [organisation]


def test_unscoped_roles_refuse_a_scope(region, organisation):
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        assign_role(user, Role.TRAINER, region=region)
    assert error.value.message_dict["region"] == [
        "Seuls l'équipe régionale et le financeur sont rattachés à une région."
    ]
    with pytest.raises(ValidationError):
        assign_role(user, Role.TRAINEE, organisation=organisation)
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_database_refuses_a_regional_role_without_region():
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.REGIONAL_TEAM)


def test_assigning_twice_keeps_one_assignment(region):
    user = UserFactory()
    assign_role(user, Role.TRAINER)
    assign_role(user, Role.TRAINER)
    assign_role(user, Role.REGIONAL_TEAM, region=region)
    assign_role(user, Role.REGIONAL_TEAM, region=region)
    assert RoleAssignment.objects.filter(user=user).count() == 2


def test_a_person_can_hold_several_roles(region):
    user = UserFactory()
    assign_role(user, Role.TRAINER)
    assign_role(user, Role.PEER_TRAINER)
    assert roles_of(user) == {"trainer", "peer_trainer"}
    assert has_role(user, Role.PEER_TRAINER) and not has_role(user, Role.TRAINEE)
    assert not user.is_staff  # trainers work on the site, not in the administration


def test_administrator_is_superuser_until_revoked():
    user = UserFactory()
    assign_role(user, Role.ADMINISTRATOR)
    user.refresh_from_db()
    assert user.is_superuser and user.is_staff
    revoke_role(user, Role.ADMINISTRATOR)
    user.refresh_from_db()
    assert not user.is_superuser and not user.is_staff


def test_emails_are_case_insensitive_identifiers():
    from lms.people.models import User

    user = User.objects.create_user(
        "Camille.Dupont@Example.FR", "un-mot-de-passe-solide", first_name="C", last_name="D"
    )
    assert user.email == "camille.dupont@example.fr"
