"""The RGAA 4.1 grid (référentiel général d'amélioration de l'accessibilité): its 13 themes and 106
criteria by number, and the compliance status a rate gives. The criteria's wording is the official
text, linked rather than copied, so that it is always the current version."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

VERSION = "4.1.2"
# Where the shared cache keeps the statement's status for every page's footer.
STATUS_CACHE_KEY = "accessibility:statement-status"
CRITERIA_URL = "https://accessibilite.numerique.gouv.fr/methode/criteres-et-tests/#{number}"


@dataclass(frozen=True)
class Theme:
    number: int
    name: str
    criteria_count: int

    @property
    def criteria(self) -> list[str]:
        return [f"{self.number}.{index}" for index in range(1, self.criteria_count + 1)]


THEMES = [
    Theme(1, _("Images"), 9),
    Theme(2, _("Cadres"), 2),
    Theme(3, _("Couleurs"), 3),
    Theme(4, _("Multimédia"), 13),
    Theme(5, _("Tableaux"), 8),
    Theme(6, _("Liens"), 2),
    Theme(7, _("Scripts"), 5),
    Theme(8, _("Éléments obligatoires"), 10),
    Theme(9, _("Structuration de l'information"), 4),
    Theme(10, _("Présentation de l'information"), 14),
    Theme(11, _("Formulaires"), 13),
    Theme(12, _("Navigation"), 11),
    Theme(13, _("Consultation"), 12),
]
ALL_CRITERIA = [number for theme in THEMES for number in theme.criteria]
assert len(ALL_CRITERIA) == 106  # the grid's size, as the RGAA states it


def theme(number: int) -> Theme | None:
    return next((item for item in THEMES if item.number == number), None)


def criterion_url(number: str) -> str:
    return CRITERIA_URL.format(number=number)


class ComplianceStatus:
    """The three statuses of the RGAA statement model."""

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"

    LABELS = {
        FULL: _("totalement conforme"),
        PARTIAL: _("partiellement conforme"),
        NONE: _("non conforme"),
    }


def status_for(rate: Decimal | None) -> str:
    """100 % is full compliance, 50 % or more partial; below, or with no rate at all, none."""
    if rate is None:
        return ComplianceStatus.NONE
    if rate >= 100:
        return ComplianceStatus.FULL
    if rate >= 50:
        return ComplianceStatus.PARTIAL
    return ComplianceStatus.NONE
