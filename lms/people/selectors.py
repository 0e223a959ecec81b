"""Reads on persons and roles."""

from django.db.models import QuerySet

from lms.people.models import ErasureRequest, Region, Role, RoleAssignment, TrainingOrganisation, User


def roles_of(user: User) -> set[str]:
    """The role codes a user holds (cached on the user object for the request)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_role_codes"):
        user._role_codes = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    return user._role_codes


def has_role(user: User, *roles: str) -> bool:
    """Whether the user holds at least one of `roles`."""
    return bool(roles_of(user) & set(roles))


def regions_of(user: User) -> QuerySet[Region]:
    """The regions a regional-team member works in."""
    return Region.objects.filter(role_assignments__user=user, role_assignments__role=Role.REGIONAL_TEAM).distinct()


def organisations_of(user: User) -> QuerySet[TrainingOrganisation]:
    """The training organisations a person works for."""
    return TrainingOrganisation.objects.filter(
        role_assignments__user=user, role_assignments__role=Role.ORGANISATION_STAFF
    ).distinct()


def users_with_role(role: str) -> QuerySet[User]:
    """Everyone holding `role`, e.g. to pick trainers for a group."""
    return User.objects.filter(role_assignments__role=role, is_active=True).distinct()


def pending_erasure_requests() -> QuerySet:
    """Erasure requests waiting for an administrator, oldest first."""

    return (
        ErasureRequest.objects.filter(status=ErasureRequest.Status.PENDING)
        .select_related("user")
        .order_by("requested_at")
    )


def erasure_requests_of(user: User) -> QuerySet:
    return ErasureRequest.objects.filter(user=user).order_by("-requested_at")
