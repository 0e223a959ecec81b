"""The sensitivity of an award to the weights, on cases computed by hand: each criterion's smallest
weight change (the others rescaled to keep 100) that gives another winner, or none."""

from fractions import Fraction as F  # noqa: N817 (fractions read best short here)

from lms.tenders.sensitivity import Candidate, sensitivity, total, winner


def candidate(key, price, *quality, tiebreak):
    scores = {"price": F(price)}
    scores.update({f"q{index}": F(mark) / 10 for index, mark in enumerate(quality, start=1)})
    return Candidate(key=key, scores=scores, tiebreak=tiebreak)


def by_criterion(shifts):
    return {shift.criterion: shift for shift in shifts}


def test_two_bids_the_cheaper_wins_from_a_price_weight_of_60():
    # A: price score 1, quality 6/10: 40 + 36 = 76. B: 20000/25000 = 0.8, 9/10: 32 + 54 = 86.
    a, b = candidate("A", 1, 6, tiebreak=(20000,)), candidate("B", F(4, 5), 9, tiebreak=(25000,))
    weights = {"price": 40, "q1": 60}
    assert (total(a, weights), total(b, weights)) == (76, 86) and winner([a, b], weights) is b
    shifts = by_criterion(sensitivity([a, b], weights))
    # Price 60, quality 40: A 60 + 24 = 84, B 48 + 36 = 84; at equal totals the cheaper A wins.
    price = shifts["price"]
    assert (price.change, price.new_weight, price.inclusive, price.direction, price.new_winner) == (
        20,
        60,
        True,
        1,
        "A",
    )
    quality = shifts["q1"]
    assert (quality.change, quality.new_weight, quality.inclusive, quality.direction, quality.new_winner) == (
        -20, 40, True, -1, "A"
    )  # fmt: skip


def test_three_bids_the_nearest_challenger_decides_and_a_far_one_is_out_of_range():
    # Weights 40 / 30 / 30. A: 40 + 15 + 15 = 70; B: 32 + 27 + 21 = 80; C: 20 + 30 + 27 = 77.
    a = candidate("A", 1, 5, 5, tiebreak=(20000,))
    b = candidate("B", F(4, 5), 9, 7, tiebreak=(25000,))
    c = candidate("C", F(1, 2), 10, 9, tiebreak=(40000,))
    weights = {"price": 40, "q1": 30, "q2": 30}
    assert [total(x, weights) for x in (a, b, c)] == [70, 80, 77]
    shifts = by_criterion(sensitivity([a, b, c], weights))
    # Price: per point, A gains 1 - 30/60 = 0.5, B 0.8 - 48/60 = 0, C 0.5 - 57/60 = -0.45. A needs +20;
    # C needs 3 / 0.45 = 20/3 points less: at 100/3 B and C tie at 80 and B (cheaper) keeps it, so beyond.
    price = shifts["price"]
    assert (price.change, price.new_weight, price.inclusive, price.new_winner) == (F(-20, 3), F(100, 3), False, "C")
    # Q1: C gains 13/70 per point on B: 3 × 70 / 13 = 210/13 (A would need -70/3, further off).
    q1 = shifts["q1"]
    assert (q1.change, q1.new_weight, q1.inclusive, q1.direction, q1.new_winner) == (
        F(210, 13),
        F(600, 13),
        False,
        1,
        "C",
    )
    # Q2: C gains 23/70 per point on B: 210/23; A would need -70 points, below zero: out of range.
    q2 = shifts["q2"]
    assert (q2.change, q2.new_weight, q2.new_winner) == (F(210, 23), F(900, 23), "C")
    assert winner([a, b, c], {"price": F(100, 3), "q1": F(100, 3), "q2": F(100, 3)}) is b


def test_a_tie_turns_with_the_slightest_change_and_a_dominant_bid_never_loses():
    # 50 / 50. A: 50 + 30 = 80; B: 0.8 × 50 + 40 = 80. Tied: A, cheaper, wins.
    a, b = candidate("A", 1, 6, tiebreak=(20000,)), candidate("B", F(4, 5), 8, tiebreak=(25000,))
    weights = {"price": 50, "q1": 50}
    assert winner([a, b], weights) is a
    shifts = by_criterion(sensitivity([a, b], weights))
    assert (shifts["price"].change, shifts["price"].direction, shifts["price"].new_winner) == (0, -1, "B")
    assert (shifts["q1"].change, shifts["q1"].direction, shifts["q1"].new_winner) == (0, 1, "B")
    assert not shifts["price"].inclusive
    # A is cheaper and better on quality: no weighting lets B win.
    dominant = candidate("A", 1, 9, tiebreak=(20000,))
    assert [shift.change for shift in sensitivity([dominant, b], weights)] == [None, None]
    # Two identical bids: the tie-break never moves, whatever the weights.
    twin = candidate("A2", 1, 6, tiebreak=(20000, 2))
    assert [shift.change for shift in sensitivity([a, twin], weights)] == [None, None]
    # One bid alone: nothing to change.
    assert [shift.change for shift in sensitivity([a], weights)] == [None, None]
