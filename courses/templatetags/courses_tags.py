"""Template helpers of the curriculum."""

from django import template
from django.urls import reverse

from courses.blocks import easy_read_lines
from lms.formats import format_hours

register = template.Library()


@register.filter
def hours(value) -> str:
    """Hours the platform's one way: 6 → "6 h", 3.5 → "3 h 30"."""
    return format_hours(value)


@register.filter
def lines(text: str) -> list[str]:
    """The non-empty lines of a text: FALC puts one sentence per line, each rendered as a paragraph."""
    return easy_read_lines(text)


@register.filter
def media_url(document) -> str:
    """The URL serving an audio, video or captions document with range requests (seeking)."""
    return reverse("courses:media", args=[document.pk, document.filename]) if document else ""
