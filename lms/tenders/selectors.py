"""Reads of the calls for tenders: open calls, a call's lots and criteria, the bids of a lot with
their compliance, and the ranking by the published formula (price: lowest price / bid price ×
weight; quality: consolidated mark / 10 × weight, the evaluators' mean until the team consolidates),
the consolidation sheet of a bid and the sensitivity of a lot's award to the weights. Query counts do
not grow with the rows."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from lms.people.models import TrainingOrganisation
from lms.tenders import sensitivity
from lms.tenders.models import (
    Bid,
    Call,
    ComplianceResult,
    ConsolidatedScore,
    Criterion,
    Lot,
    Question,
    Registration,
    Score,
)


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
    consolidated: bool = False  # every quality criterion has the team's consolidated mark
    consolidations: dict = field(default_factory=dict)  # criterion pk -> ConsolidatedScore
    abnormally_low: bool = False


def _scores() -> Prefetch:
    return Prefetch("scores", queryset=Score.objects.select_related("evaluator").order_by("evaluator_id", "pk"))


def _consolidations() -> Prefetch:
    return Prefetch("consolidations", queryset=ConsolidatedScore.objects.select_related("consolidated_by"))


def mean_mark(scores: list[Score]) -> Decimal | None:
    return sum(score.mark for score in scores) / len(scores) if scores else None


def ranking(lot: Lot, criteria: list[Criterion], bids: list[Bid] | None = None) -> list[RankRow]:
    """The compliant bids of `lot`, best first, with their points per criterion."""
    if bids is None:
        bids = list(
            Bid.objects.filter(lot=lot, status=Bid.Status.SUBMITTED, compliance=Bid.Compliance.COMPLIANT)
            .select_related("organisation")
            .prefetch_related(_scores(), _consolidations())
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
            bid=bid, price_points=price_points, scored=True, consolidated=True,
            consolidations={item.criterion_id: item for item in bid.consolidations.all()},
            abnormally_low=len(bids) > 1 and bid.price < mean * ABNORMALLY_LOW_SHARE,
        )  # fmt: skip
        total = price_points
        for criterion in quality:
            scores = [score for score in bid.scores.all() if score.criterion_id == criterion.pk]
            consolidation = row.consolidations.get(criterion.pk)
            mark = consolidation.mark if consolidation else mean_mark(scores)
            row.consolidated = row.consolidated and consolidation is not None
            if mark is not None:
                points = _points(mark / 10 * criterion.weight)
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
        .prefetch_related(_scores(), _consolidations())
    )


@dataclass
class ConsolidationLine:
    """One quality criterion of a bid on the consolidation sheet: every evaluator's score side by side."""

    criterion: Criterion
    scores: list
    mean: Decimal | None
    spread: Decimal | None
    consolidation: ConsolidatedScore | None


def consolidation_sheet(bid: Bid) -> list[ConsolidationLine]:
    """The quality criteria of the bid's call with the evaluators' scores, their mean (rounded to the
    tenth, as a mark) and spread (highest minus lowest), and the team's consolidated mark if any."""
    criteria = list(bid.lot.call.criteria.filter(kind=Criterion.Kind.QUALITY))
    scores = list(bid.scores.select_related("evaluator").order_by("evaluator__last_name", "evaluator_id"))
    consolidations = {item.criterion_id: item for item in bid.consolidations.select_related("consolidated_by")}
    lines = []
    for criterion in criteria:
        own = [score for score in scores if score.criterion_id == criterion.pk]
        mean = mean_mark(own)
        lines.append(
            ConsolidationLine(
                criterion=criterion, scores=own,
                mean=None if mean is None else mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
                spread=max(s.mark for s in own) - min(s.mark for s in own) if own else None,
                consolidation=consolidations.get(criterion.pk),
            )
        )  # fmt: skip
    return lines


@dataclass
class WeightShift:
    """One line of the sensitivity table, rounded to the hundredth of a point for reading."""

    criterion: Criterion
    change: Decimal | None  # size of the change, None when no change of this weight alters the winner
    rise: bool = False
    inclusive: bool = False
    tipping_weight: Decimal | None = None
    new_winner: Bid | None = None


@dataclass
class LotSensitivity:
    """The sensitivity of a lot's award: `shifts` is None while some compliant bid is not consolidated."""

    rows: list
    winner: Bid | None = None
    shifts: list[WeightShift] | None = None


def _hundredths(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def lot_sensitivity(lot: Lot, criteria: list[Criterion], rows: list[RankRow]) -> LotSensitivity:
    """For each criterion, the smallest change of its weight that changes the winner, computed from
    the consolidated marks only (lms.tenders.sensitivity)."""
    if not rows or any(not row.consolidated for row in rows):
        return LotSensitivity(rows=rows)
    lowest = min(row.bid.price for row in rows)
    weights = {criterion.pk: criterion.weight for criterion in criteria}
    candidates = []
    for row in rows:
        scores = {}
        for criterion in criteria:
            if criterion.kind == Criterion.Kind.PRICE:
                scores[criterion.pk] = Fraction(lowest) / Fraction(row.bid.price)
            else:
                scores[criterion.pk] = Fraction(row.consolidations[criterion.pk].mark) / 10
        candidates.append(
            sensitivity.Candidate(
                key=row.bid, scores=scores, tiebreak=(row.bid.price, row.bid.submitted_at, row.bid.pk)
            )
        )
    by_pk = {criterion.pk: criterion for criterion in criteria}
    shifts = []
    for shift in sensitivity.sensitivity(candidates, weights):
        if shift.change is None:
            shifts.append(WeightShift(criterion=by_pk[shift.criterion], change=None))
            continue
        shifts.append(
            WeightShift(
                criterion=by_pk[shift.criterion], change=_hundredths(abs(shift.change)), rise=shift.direction > 0,
                inclusive=shift.inclusive, tipping_weight=_hundredths(shift.new_weight), new_winner=shift.new_winner,
            )
        )  # fmt: skip
    return LotSensitivity(rows=rows, winner=sensitivity.winner(candidates, weights).key, shifts=shifts)


def published_answers(call: Call) -> list[Question]:
    return list(call.questions.exclude(answer="").order_by("answered_at", "pk"))


def waiting_questions(call: Call) -> list[Question]:
    return list(call.questions.filter(answer="").order_by("asked_at", "pk"))
