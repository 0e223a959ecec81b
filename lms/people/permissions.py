"""Role and identity rules, the bottom of every app's permissions: who is an administrator, which
regions a regional-team member works in, what a role alone allows.

Each app owns the rules on its own records in its own `permissions.py` (lms.cohorts.permissions for
groups, trainees' records and selection, accessibility.permissions for needs and arrangement plans,
lms.attendance.permissions, lms.learning.permissions, lms.certificates.permissions,
lms.staff.permissions); they build on these helpers. This module imports no other platform app.
"""

from lms.people.models import Role, User
from lms.people.selectors import has_role


def is_administrator(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))


def regional_team_regions(user: User) -> set[int]:
    """The regions where `user` works as a regional team member (empty for everyone else); cached on
    the user object for the request, like its roles (pages ask it once per panel)."""
    if not has_role(user, Role.REGIONAL_TEAM):
        return set()
    if not hasattr(user, "_regional_team_regions"):
        regions = user.role_assignments.filter(role=Role.REGIONAL_TEAM).values_list("region_id", flat=True)
        user._regional_team_regions = frozenset(regions)
    return set(user._regional_team_regions)


def funder_regions(user: User) -> set[int]:
    """The regions a funder follows (empty for everyone else): aggregates only, never a name."""
    if not has_role(user, Role.FUNDER):
        return set()
    return set(user.role_assignments.filter(role=Role.FUNDER).values_list("region_id", flat=True))


def can_view_trainer_notes(user: User) -> bool:
    """The curriculum's preparation notes (methods, materials): trainers, peer trainers, administrators."""
    return user.is_authenticated and (is_administrator(user) or has_role(user, Role.TRAINER, Role.PEER_TRAINER))
