"""Writes on persons and roles, with the scope rules enforced and French error messages."""

from django.core.exceptions import ValidationError
from django.db import transaction

from lms.people.models import Region, Role, RoleAssignment, TrainingOrganisation, User

# Roles that open the Wagtail administration (curriculum editing, delivery records).
ADMIN_ROLES = {Role.REGIONAL_TEAM, Role.NATIONAL_TEAM, Role.ORGANISATION_STAFF, Role.ADMINISTRATOR}


def check_role_scope(role: str, region: Region | None, organisation: TrainingOrganisation | None) -> None:
    """Raises a ValidationError when a role's scope is missing or does not belong to that role."""
    if role not in Role.values:
        raise ValidationError({"role": f"Rôle inconnu : « {role} »."})
    if role == Role.REGIONAL_TEAM and region is None:
        raise ValidationError({"region": "Un membre d'équipe régionale doit être rattaché à une région."})
    if role != Role.REGIONAL_TEAM and region is not None:
        raise ValidationError({"region": "Seule l'équipe régionale est rattachée à une région."})
    if role == Role.ORGANISATION_STAFF and organisation is None:
        raise ValidationError(
            {"organisation": "Le personnel d'un organisme de formation doit être rattaché à un organisme."}
        )
    if role != Role.ORGANISATION_STAFF and organisation is not None:
        raise ValidationError({"organisation": "Seul le personnel d'un organisme est rattaché à un organisme."})


@transaction.atomic
def assign_role(
    user: User, role: str, *, region: Region | None = None, organisation: TrainingOrganisation | None = None
) -> RoleAssignment:
    """Gives `user` a role (idempotent). Administrators become superusers; staff roles open the
    administration."""
    check_role_scope(role, region, organisation)
    assignment, _ = RoleAssignment.objects.get_or_create(user=user, role=role, region=region, organisation=organisation)
    changed = []
    if role in ADMIN_ROLES and not user.is_staff:
        user.is_staff = True
        changed.append("is_staff")
    if role == Role.ADMINISTRATOR and not user.is_superuser:
        user.is_superuser = True
        changed.append("is_superuser")
    if changed:
        user.save(update_fields=changed)
    return assignment


@transaction.atomic
def revoke_role(
    user: User, role: str, *, region: Region | None = None, organisation: TrainingOrganisation | None = None
) -> None:
    """Removes a role; the administration closes when no staff role is left."""
    RoleAssignment.objects.filter(user=user, role=role, region=region, organisation=organisation).delete()
    remaining = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    user.is_staff = bool(remaining & ADMIN_ROLES)
    user.is_superuser = Role.ADMINISTRATOR in remaining
    user.save(update_fields=["is_staff", "is_superuser"])
