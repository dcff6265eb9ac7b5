"""Statistics from value counts agree with scipy and with their textbook definitions."""

import numpy as np
import pytest
from scipy import stats

from analysis import find_equity_gaps
from analysis._stats import rank_test, wilson_interval


def samples(rng):
    """Random ratings for a group and its rest, with plenty of ties."""
    levels = int(rng.integers(2, 8))
    size_x, size_y = rng.integers(2, 300, size=2)
    tilt = rng.dirichlet(np.ones(levels), size=2)
    return (
        rng.choice(levels, size=size_x, p=tilt[0]) + 1,
        rng.choice(levels, size=size_y, p=tilt[1]) + 1,
        levels,
    )


def counts(values, levels):
    return np.bincount(values - 1, minlength=levels).astype(float)


def test_rank_test_matches_scipy_mannwhitneyu_on_500_random_cases():
    rng = np.random.default_rng(2024)
    for case in range(500):
        x, y, levels = samples(rng)
        delta, p_value = rank_test(counts(x, levels), counts(y, levels), len(x), len(y))
        expected = stats.mannwhitneyu(
            x, y, method="asymptotic", use_continuity=True, alternative="two-sided"
        ).pvalue
        if np.isnan(expected):  # every answer tied: scipy gives NaN, we report no evidence
            assert p_value == 1.0, case
        else:
            assert abs(p_value - expected) <= 1e-9, case
        assert delta == pytest.approx(np.sign(x[:, None] - y[None, :]).mean(), abs=1e-12), case


def test_group_p_values_match_scipy_end_to_end(responses_of):
    rng = np.random.default_rng(7)
    groups = {level: rng.integers(1, 6, size=rng.integers(3, 60)) for level in "abcd"}
    frame = responses_of(groups, segment="gender")
    result = find_equity_gaps(
        frame, outcomes=["ease"], segments=["gender"], max_order=1, min_n_test=1, suppress_below=1
    )
    for row in result.itertuples():
        level = row.segment.split("=")[1]
        rest = np.concatenate([v for k, v in groups.items() if k != level])
        expected = stats.mannwhitneyu(groups[level], rest, method="asymptotic").pvalue
        assert row.p_value == pytest.approx(expected, abs=1e-9, rel=1e-9)
        assert row.mean == pytest.approx(groups[level].mean())
        assert row.rest_mean == pytest.approx(rest.mean())


def test_wilson_interval_for_7_of_20():
    low, high = wilson_interval(7 / 20, 20)
    assert (round(low, 4), round(high, 4)) == (0.1812, 0.5671)


def test_wilson_interval_stays_within_zero_and_one_at_the_extremes():
    low, high = wilson_interval(np.array([0.0, 1.0]), np.array([10.0, 10.0]))
    np.testing.assert_allclose(low, [0.0, 0.7225], atol=1e-4)
    np.testing.assert_allclose(high, [0.2775, 1.0], atol=1e-4)
