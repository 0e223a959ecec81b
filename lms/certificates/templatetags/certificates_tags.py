"""Template filters of the certificates pages."""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from lms.formats import format_hours

register = template.Library()


@register.filter
def hours(value) -> str:
    """Hours the platform's one way: 27.5 → "27 h 30"."""
    return format_hours(value)


@register.filter
def long_date(value) -> str:
    """« 1er juin 2026 » in French (as on the PDFs), the locale's long date otherwise."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    text = date_format(value, "j F Y")
    if (get_language() or "fr").startswith("fr") and value.day == 1:
        text = "1er" + text[1:]
    return text
