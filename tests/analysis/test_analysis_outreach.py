"""The outreach planner: sizes from Noether's formula, checked against a simulation."""

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

from analysis import AnalysisInputError, plan_outreach
from analysis._stats import rank_test

CUTS = np.array([-1.5, -0.9, -0.3, 0.3, 0.9, 1.5])
SEED = 20261203


def planted(n_group, n_rest=2000, *, channel=None):
    """A frame where disability=yes is under-sampled."""
    frame = pd.DataFrame({"disability": ["yes"] * n_group + ["no"] * n_rest})
    if channel is not None:
        frame["channel"] = channel
    return frame


def category_shares(shift):
    """Shares of the 1..7 ratings of a latent normal feeling moved by shift."""
    return np.diff(stats.norm.cdf(np.concatenate([[-np.inf], CUTS, [np.inf]]) - shift))


def delta_of(shift):
    """Cliff's delta of ratings from a shifted latent feeling against unshifted ones."""
    group, rest = category_shares(shift), category_shares(0.0)
    below, above = np.cumsum(rest) - rest, 1 - np.cumsum(rest)
    return float(group @ (below - above))


def empirical_power(n_group, n_rest, *, alpha, runs=1000):
    """Share of simulated samples in which the project's U test finds the planted gap."""
    shift = optimize.brentq(lambda s: delta_of(s) + 0.147, -1, 0)
    rng = np.random.default_rng(SEED)
    group = rng.multinomial(n_group, category_shares(shift), size=runs).astype(float)
    rest = rng.multinomial(n_rest, category_shares(0.0), size=runs).astype(float)
    _, p_value = rank_test(group, rest, np.full(runs, n_group), np.full(runs, n_rest))
    return float(np.mean(p_value <= alpha))


def test_the_planned_size_finds_a_small_gap_about_eight_times_in_ten():
    plan = plan_outreach(planted(40), segments=("disability",), tests=1).set_index("segment")
    target = plan.loc["disability=yes", "n_target"]
    assert plan.loc["disability=yes", "n_more"] == target - 40
    assert plan.loc["disability=yes", "status"] == "more needed"
    assert 0.77 <= empirical_power(int(target), 2000, alpha=0.05) <= 0.85
    assert empirical_power(int(target) // 2, 2000, alpha=0.05) <= 0.6


def test_more_tests_ask_for_a_larger_group():
    one = plan_outreach(planted(40), segments=("disability",), tests=1)
    many = plan_outreach(planted(40), segments=("disability",), tests=100)
    yes = one["segment"] == "disability=yes"
    assert many.loc[yes, "n_target"].item() > one.loc[yes, "n_target"].item()


def test_a_large_enough_group_is_ready():
    plan = plan_outreach(planted(1500), segments=("disability",), tests=1).set_index("segment")
    assert plan.loc["disability=yes", "status"] == "ready"
    assert plan.loc["disability=yes", "n_more"] == 0


def test_a_group_whose_rest_is_too_small_is_out_of_reach():
    plan = plan_outreach(planted(2000, 30), segments=("disability",), tests=1)
    plan = plan.set_index("segment")
    assert plan.loc["disability=yes", "status"] == "out of reach"
    assert pd.isna(plan.loc["disability=yes", "n_more"])


def test_small_groups_show_no_numbers_and_no_source():
    frame = planted(5, channel=["kiosk"] * 5 + ["web"] * 2000)
    plan = plan_outreach(frame, segments=("disability",)).set_index("segment")
    small = plan.loc["disability=yes"]
    assert small["status"] == "suppressed"
    assert small[["n", "n_target", "n_more"]].isna().all()
    assert pd.isna(small["best_channel"])


def test_the_channel_that_reached_a_group_most_is_named_with_its_share():
    channel = ["kiosk"] * 30 + ["web"] * 10 + ["paper"] * 5 + ["web"] * 2000
    plan = plan_outreach(planted(45, channel=channel), segments=("disability",))
    row = plan.set_index("segment").loc["disability=yes"]
    assert row["best_channel"] == "kiosk"
    assert row["best_channel_share"] == pytest.approx(30 / 45)


def test_kiosk_cells_under_ten_are_never_named():
    frame = planted(45)
    frame["kiosk"] = ["Riverside Library"] * 9 + [None] * 2036
    plan = plan_outreach(frame, segments=("disability",)).set_index("segment")
    assert pd.isna(plan.loc["disability=yes", "best_kiosk"])


def test_intersections_are_planned(survey):
    plan = plan_outreach(survey)
    assert {1, 2} == set(plan["order"])
    assert "disability=yes & rurality=rural" in set(plan["segment"])


def test_a_bad_option_is_refused():
    with pytest.raises(AnalysisInputError, match="power must be in"):
        plan_outreach(planted(40), segments=("disability",), power=1.5)


def test_groups_inside_a_hidden_group_and_complements_are_hidden_too():
    frame = pd.DataFrame(
        {
            "gender": ["non-binary"] * 5 + ["woman"] * 300 + ["man"] * 300,
            "disability": (["yes"] * 5) + (["yes", "no"] * 300),
        }
    )
    plan = plan_outreach(frame, segments=("gender", "disability")).set_index("segment")
    assert plan.loc["gender=non-binary & disability=yes", "status"] == "suppressed"
    assert plan.loc["gender=non-binary", "status"] == "suppressed"
    assert plan.loc[["gender=man", "gender=woman"], "status"].eq("suppressed").any()
