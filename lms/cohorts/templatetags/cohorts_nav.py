"""Main-menu links to the cohorts pages, shown according to the person's roles."""

from django import template

from lms.people.models import Role
from lms.people.permissions import is_administrator
from lms.people.selectors import roles_of

register = template.Library()


@register.inclusion_tag("cohorts/includes/nav_links.html", takes_context=True)
def cohorts_nav_links(context):
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"anonymous": True}
    roles = roles_of(user)
    admin = is_administrator(user)
    return {
        "anonymous": False,
        "schedule": Role.TRAINEE in roles,
        "sessions": bool(roles & {Role.TRAINER, Role.PEER_TRAINER}),
        "groups": admin or bool(roles & {Role.REGIONAL_TEAM, Role.ORGANISATION_STAFF, Role.NATIONAL_TEAM}),
        "applications": admin or Role.REGIONAL_TEAM in roles,
    }
