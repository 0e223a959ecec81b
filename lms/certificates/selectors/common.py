"""Shared figures: hours as decimals and their one display."""

from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from lms.formats import format_hours as platform_format_hours

PARIS = ZoneInfo("Europe/Paris")
ZERO = Decimal("0")
HUNDRED = Decimal("100")


def hours(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_hours(value: Decimal | None) -> str:
    """The platform's one display of a number of hours: 35 h, 27 h 30."""

    return platform_format_hours(value)
