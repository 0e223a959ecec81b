"""The upcoming groups shown on the public course pages (Qualiopi indicator 1: "modalités et délais
d'accès"). The curriculum knows nothing of delivery: the delivery app registers a provider here at
start-up, and the course pages ask it for the offers of their courses."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class GroupOffer:
    """One group open to applications, as the public sees it."""

    course_id: int
    name: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    place: str
    seats_left: int
    apply_by: datetime.date | None
    sessions_count: int = 0


OfferProvider = Callable[[list[int]], dict[int, list[GroupOffer]]]
_providers: list[OfferProvider] = []


def register(provider: OfferProvider) -> None:
    """Adds a provider (called with course page ids, answers course id → offers); idempotent."""
    if provider not in _providers:
        _providers.append(provider)


def upcoming_offers(course_ids: Iterable[int]) -> dict[int, list[GroupOffer]]:
    """Every registered provider's offers for these courses, soonest first (none without a provider)."""
    course_ids = list(course_ids)
    result: dict[int, list[GroupOffer]] = {pk: [] for pk in course_ids}
    for provider in _providers:
        for course_id, offers in provider(course_ids).items():
            result.setdefault(course_id, []).extend(offers)
    far = datetime.date.max
    for offers in result.values():
        offers.sort(key=lambda offer: (offer.start_date or far, offer.name))
    return result
