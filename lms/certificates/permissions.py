"""Who may issue and sign certificates: the group's managers (lms.cohorts.permissions) issue; the
organisation's staff set its signatory, stamp and signature."""

from lms.people.models import Role, User
from lms.people.permissions import is_administrator
from lms.people.selectors import has_role


def can_edit_completion_rules(user: User) -> bool:
    """A course's completion rules hold for every region: the national team and administrators."""
    return user.is_authenticated and (is_administrator(user) or has_role(user, Role.NATIONAL_TEAM))


def can_manage_organisation(user: User, organisation) -> bool:
    """The organisation's own settings (e.g. the certificates' signatory, stamp and signature): its
    staff and administrators."""
    if not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    return user.role_assignments.filter(role=Role.ORGANISATION_STAFF, organisation=organisation).exists()
