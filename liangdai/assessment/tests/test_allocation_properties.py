"""Properties of the largest-remainder allocation (DOMAIN.md part 2), for any budget and weights:
the shares add up exactly to the budget; a larger weight never gets less; a zero weight gets
nothing; the order of the cadres does not change anything."""

from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from liangdai.assessment.bonus import largest_remainder

# Weights as the rule makes them: stars (0-5) × grade factor × position factor, exact fractions.
weights_st = st.dictionaries(
    st.from_regex(r"6404\d{14}", fullmatch=True),
    st.fractions(min_value=0, max_value=6, max_denominator=100),
    min_size=1,
    max_size=30,
).filter(lambda w: sum(w.values()) > 0)
budgets = st.integers(min_value=0, max_value=10_000_000)


@given(budgets, weights_st)
def test_the_shares_add_up_exactly_to_the_budget(budget, weights):
    assert sum(largest_remainder(budget, weights).values()) == budget


@given(budgets, weights_st)
def test_a_larger_weight_never_gets_less(budget, weights):
    shares = largest_remainder(budget, weights)
    for a in weights:
        for b in weights:
            if weights[a] > weights[b]:
                assert shares[a] >= shares[b]


@given(budgets, weights_st, st.from_regex(r"6404\d{14}", fullmatch=True))
def test_a_zero_weight_gets_nothing(budget, weights, number):
    assume(number not in weights)
    shares = largest_remainder(budget, weights | {number: Fraction(0)})
    assert shares[number] == 0


@given(budgets, weights_st, st.randoms())
def test_the_order_of_the_cadres_does_not_matter(budget, weights, random):
    items = list(weights.items())
    random.shuffle(items)
    assert largest_remainder(budget, dict(items)) == largest_remainder(budget, weights)
