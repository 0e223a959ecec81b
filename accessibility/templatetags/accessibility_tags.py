"""Template helpers for the easy-to-read (FALC) display convention."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def dual_text(standard, easy_read=""):
    """Both versions of a text, as the FALC display preference expects; the easy-to-read block is
    left out when there is none, so FALC mode keeps the standard text."""
    if not (easy_read or "").strip():
        return format_html('<div class="dual-text"><div class="text-standard">{}</div></div>', standard)
    return format_html(
        '<div class="dual-text"><div class="text-standard">{}</div>'
        '<div class="text-easy-read easy-read">{}</div></div>',
        standard,
        easy_read,
    )
