"""Main-menu links to the cohorts pages, shown according to the person's roles."""

from django import template

from lms.cohorts.permissions import cohorts_menu

register = template.Library()


@register.inclusion_tag("cohorts/includes/nav_links.html", takes_context=True)
def cohorts_nav_links(context):
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"anonymous": True}
    return {"anonymous": False, **cohorts_menu(user)}
