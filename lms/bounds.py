"""Bounds every service applies to dates and amounts a form sends: no year 1 or 9999, no 1e20 €,
no NaN. Each check returns a French message (or None) for the service to raise on its field."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext

MONEY_MAXIMUM = Decimal("1000000.00")  # one million euros: far above any arrangement or expense


def parse_money(value, *, maximum: Decimal = MONEY_MAXIMUM, what: str = "") -> tuple[Decimal | None, str | None]:
    """(amount, None) for an amount of euros with at most two decimals between 0 and `maximum`
    ("350,00" accepted); (None, message) otherwise; (None, None) when empty."""
    if value in (None, ""):
        return None, None
    what = what or gettext("Le montant")
    try:
        amount = Decimal(str(value).strip().replace(" ", "").replace("\u202f", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        return None, gettext("%(what)s doit être un nombre, par exemple 350,00.") % {"what": what}
    if not amount.is_finite():
        return None, gettext("%(what)s doit être un nombre, par exemple 350,00.") % {"what": what}
    if amount < 0:
        return None, gettext("%(what)s ne peut pas être négatif.") % {"what": what}
    if amount > maximum:
        return None, gettext("%(what)s ne peut pas dépasser %(maximum)s €.") % {
            "what": what,
            "maximum": f"{maximum:,.2f}".replace(",", " ").replace(".", ","),
        }
    if amount != amount.quantize(Decimal("0.01")):
        return None, gettext("%(what)s a au plus deux chiffres après la virgule (les centimes).") % {"what": what}
    return amount.quantize(Decimal("0.01")), None


def _fmt(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def date_error(
    day: datetime.date | None,
    *,
    earliest: datetime.date | None = None,
    latest: datetime.date | None = None,
    what: str = "",
) -> str | None:
    """A French message when `day` is before `earliest` or after `latest` (either may be None)."""
    if day is None:
        return None
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    label = what or gettext("La date")
    if earliest is not None and day < earliest:
        return gettext("%(what)s ne peut pas être avant le %(earliest)s.") % {"what": label, "earliest": _fmt(earliest)}
    if latest is not None and day > latest:
        return gettext("%(what)s ne peut pas être après le %(latest)s.") % {"what": label, "latest": _fmt(latest)}
    return None


def years_from_today(years: int) -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=round(365.25 * years))
