"""Display helpers of the attendance pages."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def hours(value) -> str:
    """Hours as people say them: 3.5 → "3 h 30", 8 → "8 h"."""
    total_minutes = int((Decimal(value or 0) * 60).quantize(Decimal("1")))
    whole, minutes = divmod(total_minutes, 60)
    return f"{whole} h {minutes:02d}" if minutes else f"{whole} h"
