"""Journey curves: emotion per stage with intervals, barrier shares and stage gaps."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import journey_curve, synthetic_responses
from analysis.synthetic import STAGES


@pytest.fixture(scope="module")
def frame():
    return synthetic_responses(4000, seed=12, gaps={"disability=yes": {"stage:wait": -1.0}})


@pytest.fixture(scope="module")
def curve(frame):
    return journey_curve(frame, by="disability")


def test_overall_rows_hold_the_mean_and_its_t_interval(frame, curve):
    overall = curve[curve["order"].eq(0)].set_index("stage")
    assert list(overall.index) == list(STAGES)
    emotions = frame["stage:wait"].dropna()
    low, high = stats.t.interval(0.95, len(emotions) - 1, emotions.mean(), stats.sem(emotions))
    wait = overall.loc["wait"]
    assert (wait["segment"], wait["status"], wait["n"]) == ("all", "", len(emotions))
    assert wait["mean"] == pytest.approx(emotions.mean())
    assert (wait["ci_low"], wait["ci_high"]) == (pytest.approx(low), pytest.approx(high))


def test_barrier_shares_per_stage_and_group(frame, curve):
    rows = curve.set_index(["stage", "segment"])
    answered = frame["barrier:apply:no_help"].dropna()
    assert rows.loc[("apply", "all"), "barrier:no_help"] == pytest.approx(answered.mean())
    yes = frame.loc[frame["disability"] == "yes", "barrier:wait:no_updates"].dropna()
    assert rows.loc[("wait", "disability=yes"), "barrier:no_updates"] == pytest.approx(yes.mean())
    assert np.isnan(rows.loc[("find", "all"), "barrier:no_updates"])  # asked at another stage


def test_the_planted_stage_gap_is_found(curve):
    rows = curve.set_index(["stage", "segment"])
    assert rows.loc[("wait", "disability=yes"), "status"] == "gap"
    assert rows.loc[("find", "disability=yes"), "status"] == "no gap"
    tested = curve[curve["p_value"].notna()]
    np.testing.assert_allclose(tested["q_value"], stats.false_discovery_control(tested["p_value"]))


def test_stages_can_be_chosen_and_segments_left_out(frame):
    curve = journey_curve(frame, stages=["wait", "find"])
    assert list(curve["stage"]) == ["wait", "find"] and set(curve["segment"]) == {"all"}
    assert list(curve.columns[-2:]) == ["barrier:no_information", "barrier:no_updates"]


def test_suppressed_groups_show_no_barrier_share():
    frame = pd.DataFrame(
        {
            "gender": ["woman"] * 40 + ["man"] * 40 + ["non-binary"] * 4,
            "stage:wait": np.resize([-2, -1, 0, 1, 2], 84),
            "barrier:wait:no_updates": np.resize([0, 1, 1], 84),
        }
    )
    rows = journey_curve(frame, by=["gender"]).set_index("segment")
    hidden = rows.loc[["gender=non-binary", "gender=man"]]  # "man" is the complement
    assert hidden["status"].eq("suppressed").all()
    numbers = hidden.drop(columns=["stage", "order", "status", "severity"])
    assert numbers.isna().all().all() and "barrier:no_updates" in numbers.columns


def test_nobody_gives_an_empty_curve(frame):
    curve = journey_curve(frame.iloc[:0], by=["disability"])
    assert curve.empty and list(curve.columns[:3]) == ["stage", "segment", "order"]


def test_people_who_told_no_stage_give_an_empty_curve(frame):
    """A filter can leave only responses without a journey story: no stage, no error."""
    untold = frame.head(3).copy()
    untold[[c for c in untold.columns if c.startswith(("stage:", "barrier:"))]] = np.nan
    curve = journey_curve(untold, by=["disability"])
    assert curve.empty and curve["stage"].dtype == object
