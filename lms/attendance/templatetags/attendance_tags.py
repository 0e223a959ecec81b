"""Display helpers of the attendance pages."""

from django import template

from lms.formats import format_hours

register = template.Library()


@register.filter
def hours(value) -> str:
    """Hours as people say them: 3.5 → "3 h 30", 8 → "8 h" (the platform's one way of writing hours)."""
    return format_hours(value)
