"""Reads of the calls for tenders: open calls, a call's lots and criteria, the bids of a lot with
their compliance, and the ranking by the published formula (price: lowest price / bid price ×
weight; quality: mean mark / 10 × weight). Query counts do not grow with the rows."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from lms.people.models import TrainingOrganisation
from lms.tenders.models import Bid, Call, ComplianceResult, Criterion, Lot, Question, Registration, Score


def open_calls() -> QuerySet[Call]:
    return (
        Call.objects.filter(status=Call.Status.PUBLISHED, submission_deadline__gt=timezone.now())
        .select_related("region")
        .prefetch_related(Prefetch("lots", queryset=Lot.objects.select_related("course", "territory")))
        .order_by("submission_deadline", "pk")
    )


def call_lots(call: Call) -> list[Lot]:
    return list(call.lots.select_related("course", "territory", "awarded_bid__organisation", "group"))


def team_calls(calls: QuerySet[Call]) -> QuerySet[Call]:
    return calls.select_related("region").prefetch_related("lots").order_by("-submission_deadline", "pk")


def pending_registrations(region_ids: set[int] | None) -> QuerySet[Registration]:
    registrations = Registration.objects.filter(status=Registration.Status.PENDING).select_related("region")
    return registrations if region_ids is None else registrations.filter(region_id__in=region_ids)


def lot_bids(call: Call) -> list[Bid]:
    """The deposited bids of every lot of the call, with their compliance results."""
    return list(
        Bid.objects.filter(lot__call=call, status=Bid.Status.SUBMITTED)
        .select_related("organisation", "lot")
        .prefetch_related(
            Prefetch("compliance_results", queryset=ComplianceResult.objects.select_related("requirement"))
        )
        .order_by("lot__number", "submitted_at", "pk")
    )


def tendering_organisations(call: Call) -> list[TrainingOrganisation]:
    """The organisations with a bid deposited (not withdrawn) on a lot of the call, by name."""
    return list(
        TrainingOrganisation.objects.filter(bids__lot__call=call, bids__status=Bid.Status.SUBMITTED)
        .distinct()
        .order_by("name", "pk")
    )


def organisation_bids(organisations) -> QuerySet[Bid]:
    return (
        Bid.objects.filter(organisation__in=organisations)
        .select_related("lot__call", "lot__course", "lot__territory", "organisation")
        .order_by("-submitted_at", "pk")
    )


# A price below this share of the lot's mean compliant price is flagged abnormally low: the team asks
# the organisation to justify it before the award (code de la commande publique, art. R2152-3).
ABNORMALLY_LOW_SHARE = Decimal("0.7")


def _points(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class RankRow:
    bid: Bid
    price_points: Decimal
    quality: list = field(default_factory=list)  # [(criterion, points or None, [scores])]
    total: Decimal = Decimal(0)
    rank: int = 0
    scored: bool = False
    abnormally_low: bool = False


def ranking(lot: Lot, criteria: list[Criterion], bids: list[Bid] | None = None) -> list[RankRow]:
    """The compliant bids of `lot`, best first, with their points per criterion."""
    if bids is None:
        bids = list(
            Bid.objects.filter(lot=lot, status=Bid.Status.SUBMITTED, compliance=Bid.Compliance.COMPLIANT)
            .select_related("organisation")
            .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("evaluator")))
        )
    bids = [bid for bid in bids if bid.lot_id == lot.pk and bid.compliance == Bid.Compliance.COMPLIANT]
    if not bids:
        return []
    lowest = min(bid.price for bid in bids)
    mean = sum(bid.price for bid in bids) / len(bids)
    price = next((criterion for criterion in criteria if criterion.kind == Criterion.Kind.PRICE), None)
    quality = [criterion for criterion in criteria if criterion.kind == Criterion.Kind.QUALITY]
    rows = []
    for bid in bids:
        price_points = _points(lowest / bid.price * price.weight) if price else Decimal(0)
        row = RankRow(
            bid=bid, price_points=price_points, scored=True,
            abnormally_low=len(bids) > 1 and bid.price < mean * ABNORMALLY_LOW_SHARE,
        )  # fmt: skip
        total = price_points
        for criterion in quality:
            scores = [score for score in bid.scores.all() if score.criterion_id == criterion.pk]
            if scores:
                mean = sum(score.mark for score in scores) / len(scores)
                points = _points(mean / 10 * criterion.weight)
                total += points
            else:
                points = None
                row.scored = False
            row.quality.append((criterion, points, scores))
        row.total = total
        rows.append(row)
    rows.sort(key=lambda row: (-row.total, row.bid.price, row.bid.submitted_at))
    for index, row in enumerate(rows, start=1):
        row.rank = index
    return rows


def scoring_bids(call: Call) -> list[Bid]:
    """The compliant bids of a call with their scores, for the rankings of every lot at once."""
    return list(
        Bid.objects.filter(lot__call=call, status=Bid.Status.SUBMITTED, compliance=Bid.Compliance.COMPLIANT)
        .select_related("organisation", "lot")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("evaluator")))
    )


def published_answers(call: Call) -> list[Question]:
    return list(call.questions.exclude(answer="").order_by("answered_at", "pk"))


def waiting_questions(call: Call) -> list[Question]:
    return list(call.questions.filter(answer="").order_by("asked_at", "pk"))
