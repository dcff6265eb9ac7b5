"""Raking weights reach the census margins."""

import numpy as np
import pandas as pd
import pytest

from analysis import find_equity_gaps, rake_weights, synthetic_responses

REFERENCE = pd.DataFrame(
    {
        "dimension": ["gender"] * 3 + ["disability"] * 2 + ["rurality"] * 2,
        "group": ["woman", "man", "non-binary", "yes", "no", "urban", "rural"],
        "population": [510, 480, 10, 250, 750, 600, 400],
    }
)


@pytest.fixture(scope="module")
def frame():
    return synthetic_responses(3000, seed=8)


def weighted_shares(frame, weights, column):
    known = frame[column].isin(REFERENCE["group"])
    return weights[known].groupby(frame.loc[known, column]).sum() / weights[known].sum()


def test_weighted_margins_match_the_census(frame):
    weights = rake_weights(frame, REFERENCE)
    assert weights.attrs["converged"] and weights.mean() == pytest.approx(1)
    for column in ("gender", "disability", "rurality"):
        target = REFERENCE[REFERENCE["dimension"] == column].set_index("group")["population"]
        expected = (target / target.sum()).sort_index()
        pd.testing.assert_series_equal(
            weighted_shares(frame, weights, column).sort_index(),
            expected,
            check_names=False,
            atol=1e-5,
        )


def test_effective_n_is_kish_and_weights_are_trimmed(frame):
    weights = rake_weights(frame, REFERENCE, trim=(0.5, 1.5))
    assert weights.attrs["effective_n"] == pytest.approx(weights.sum() ** 2 / (weights**2).sum())
    assert weights.attrs["effective_n"] < len(frame)
    assert weights.min() >= 0.5 - 1e-12 and weights.max() <= 1.5 + 1e-12


def test_one_pass_is_not_enough_to_converge(frame):
    weights = rake_weights(frame, REFERENCE, max_iter=1, tol=1e-12)
    assert (weights.attrs["iterations"], weights.attrs["converged"]) == (1, False)


def test_raked_weights_feed_the_gap_analysis(frame):
    weighted = frame.assign(weight=rake_weights(frame, REFERENCE))
    result = find_equity_gaps(weighted, outcomes=["ease"], segments=["disability"], max_order=1)
    yes = weighted[weighted["disability"] == "yes"]
    expected = np.average(yes["ease"].dropna(), weights=yes.loc[yes["ease"].notna(), "weight"])
    assert result.set_index("segment").loc["disability=yes", "mean"] == pytest.approx(expected)
