"""The main-menu link to the staff workspace, for the roles that use it."""

from django import template

from lms.staff.permissions import can_use_staff_workspace

register = template.Library()


@register.inclusion_tag("staff/includes/nav_link.html", takes_context=True)
def staff_nav_links(context):
    user = context.get("user")
    return {"show": user is not None and user.is_authenticated and can_use_staff_workspace(user)}
