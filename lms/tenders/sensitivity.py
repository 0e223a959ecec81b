"""How far the award of a lot stands from a change of the weights: for each criterion, the smallest
change of its weight (the other weights rescaled in proportion, so that the total stays 100) that
gives the lot another winner. Pure arithmetic on exact fractions, no database.

A bid's total is Σ weight × score, with each score in [0, 1] (price: lowest price / bid price;
quality: consolidated mark / 10). Changing criterion k's weight by d moves every total along a
straight line in d, so each challenger overtakes the winner at most once, where the two lines cross."""

from dataclasses import dataclass
from fractions import Fraction

TOTAL = Fraction(100)


@dataclass(frozen=True)
class Candidate:
    """A bid as the sensitivity sees it: its scores per criterion and its tie-break (smaller wins at
    equal totals: the ranking's lower price, then earlier submission)."""

    key: object
    scores: dict  # criterion key -> Fraction in [0, 1]
    tiebreak: tuple


@dataclass(frozen=True)
class Shift:
    """The smallest change of `criterion`'s weight that changes the winner, or `change` None.

    `change` is signed (a rise or a fall, in points); `inclusive` says the new winner wins at exactly
    that change (it wins the tie-break), otherwise only beyond it."""

    criterion: object
    weight: Fraction
    change: Fraction | None = None
    inclusive: bool = False
    new_winner: object = None
    direction: int = 0  # +1 a rise, -1 a fall (also when the change is zero: the way the challenger gains)

    @property
    def new_weight(self) -> Fraction | None:
        return None if self.change is None else self.weight + self.change


def total(candidate: Candidate, weights: dict) -> Fraction:
    return sum((Fraction(weight) * candidate.scores.get(key, 0) for key, weight in weights.items()), Fraction(0))


def winner(candidates: list[Candidate], weights: dict) -> Candidate | None:
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: (-total(candidate, weights), candidate.tiebreak))


def _slope(candidate: Candidate, weights: dict, key) -> Fraction:
    """How fast `candidate`'s total moves per point added to `key` (the others giving way in proportion)."""
    rest = TOTAL - Fraction(weights[key])
    others = sum(
        (Fraction(weight) * candidate.scores.get(other, 0) for other, weight in weights.items() if other != key),
        Fraction(0),
    )
    return Fraction(candidate.scores.get(key, 0)) - others / rest


def shift_for(candidates: list[Candidate], weights: dict, key) -> Shift:
    """The smallest change of `key`'s weight that gives another winner (Shift.change None: none does)."""
    weight = Fraction(weights[key])
    if len(candidates) < 2 or weight >= TOTAL:
        return Shift(criterion=key, weight=weight)
    current = winner(candidates, weights)
    current_total, current_slope = total(current, weights), _slope(current, weights, key)
    best = None  # (size, exclusive, -growth, tiebreak), Shift
    for candidate in candidates:
        if candidate is current:
            continue
        gap = total(candidate, weights) - current_total  # ≤ 0: the winner leads or wins the tie-break
        slope = _slope(candidate, weights, key) - current_slope
        if slope == 0:
            continue  # parallel lines: the gap never closes
        change = -gap / slope
        direction = 1 if slope > 0 else -1
        inclusive = candidate.tiebreak < current.tiebreak
        new_weight = weight + change
        if inclusive:
            feasible = 0 <= new_weight <= TOTAL
        else:  # it must be possible to go past the crossing
            feasible = 0 <= new_weight < TOTAL if direction > 0 else 0 < new_weight <= TOTAL
        if not feasible:
            continue
        rank = (abs(change), not inclusive, -abs(slope), candidate.tiebreak)
        if best is None or rank < best[0]:
            best = (
                rank,
                Shift(
                    criterion=key,
                    weight=weight,
                    change=change,
                    inclusive=inclusive,
                    new_winner=candidate.key,
                    direction=direction,
                ),
            )
    return best[1] if best else Shift(criterion=key, weight=weight)


def sensitivity(candidates: list[Candidate], weights: dict) -> list[Shift]:
    """One Shift per criterion of `weights`, in their order."""
    return [shift_for(candidates, weights, key) for key in weights]
