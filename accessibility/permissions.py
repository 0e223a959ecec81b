"""Who may run the platform's RGAA self-check: the national team, which publishes the statement,
and administrators."""

from lms.people.models import Role
from lms.people.permissions import is_administrator
from lms.people.selectors import has_role


def can_run_self_check(user) -> bool:
    return user.is_authenticated and (is_administrator(user) or has_role(user, Role.NATIONAL_TEAM))
