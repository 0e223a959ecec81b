"""How the platform writes the figures it shows in several places (pages, PDFs, exports), so that the
same fact reads the same everywhere."""

from decimal import ROUND_HALF_UP, Decimal


def format_hours(value) -> str:
    """Hours as people say them, to the minute: 3.5 → "3 h 30", 8 → "8 h", 0.25 → "0 h 15"; None → "—"."""
    if value is None or value == "":
        return "—"
    total_minutes = int((Decimal(str(value)) * 60).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    sign = "−" if total_minutes < 0 else ""
    whole, minutes = divmod(abs(total_minutes), 60)
    return f"{sign}{whole} h {minutes:02d}" if minutes else f"{sign}{whole} h"
