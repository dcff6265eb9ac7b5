"""find_equity_gaps: known vectors, fairlearn agreement, q-values, weights and scales."""

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame, count
from scipy import stats

from analysis import GAP_COLUMNS, find_equity_gaps
from analysis._stats import wilson_interval
from analysis.synthetic import OUTCOMES

ONE_WAY = {"segments": ["disability"], "max_order": 1}


def row_of(result, segment, outcome="ease"):
    rows = result[(result["segment"] == segment) & (result["outcome"] == outcome)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_known_vector_is_a_large_gap(responses_of, known):
    result = find_equity_gaps(
        responses_of({"yes": known[0], "no": known[1]}), outcomes=["ease"], **ONE_WAY
    )
    group = row_of(result, "disability=yes")
    assert round(group["effect"], 4) == -0.9333
    assert (group["status"], group["severity"]) == ("gap", "large")
    assert (group["n"], group["n_rest"]) == (30, 100)
    assert group["top2"] == 0 and group["rest_top2"] == 0.8
    better = row_of(result, "disability=no")
    assert round(better["effect"], 4) == 0.9333
    assert (better["status"], better["severity"]) == ("no gap", "")


def test_known_vector_at_29_is_insufficient_n(responses_of, known):
    result = find_equity_gaps(
        responses_of({"yes": known[0][:29], "no": known[1]}), outcomes=["ease"], **ONE_WAY
    )
    group = row_of(result, "disability=yes")
    assert group["status"] == "insufficient n"
    assert group["n"] == 29 and np.isnan(group["p_value"]) and np.isnan(group["q_value"])
    assert group["severity"] == ""


def test_known_vector_at_9_is_suppressed_with_no_numbers(responses_of, known):
    result = find_equity_gaps(
        responses_of({"yes": known[0][:9], "no": known[1]}), outcomes=["ease"], **ONE_WAY
    )
    for segment in ("disability=yes", "disability=no"):  # the rest of "no" is the 9
        row = row_of(result, segment)
        assert row["status"] == "suppressed"
        numbers = row.drop(["segment", "order", "outcome", "status", "severity"])
        assert numbers.isna().all(), numbers


def test_columns_and_segment_labels_follow_the_order_given(survey):
    result = find_equity_gaps(survey, outcomes=["ease"], segments=["rurality", "disability"])
    assert tuple(result.columns) == GAP_COLUMNS
    assert "rurality=rural & disability=yes" in set(result["segment"])
    assert set(result["order"]) == {1, 2}


def test_means_and_counts_equal_fairlearn_metricframe(survey):
    segments = ["age_band", "disability", "rurality"]
    result = find_equity_gaps(survey, outcomes=OUTCOMES[:2], segments=segments)
    known = survey.replace({"prefer_not_to_say": None})
    for outcome in OUTCOMES[:2]:
        for subset in (["age_band"], ["disability", "rurality"]):
            rows = known[[*subset, outcome]].dropna()
            frame = MetricFrame(
                metrics={"mean": lambda y, _: float(np.mean(y)), "n": count},
                y_true=rows[outcome],
                y_pred=rows[outcome],
                sensitive_features=rows[subset],
            ).by_group
            for levels, expected in frame.iterrows():
                levels = levels if isinstance(levels, tuple) else (levels,)
                label = " & ".join(f"{a}={v}" for a, v in zip(subset, levels, strict=True))
                ours = row_of(result, label, outcome)
                assert ours["n"] == expected["n"]
                assert ours["mean"] == pytest.approx(expected["mean"], rel=1e-12)


def test_q_values_are_scipy_benjamini_hochberg_over_every_test_of_the_call(survey):
    result = find_equity_gaps(survey, outcomes=OUTCOMES)
    tested = result[result["p_value"].notna()]
    assert len(tested) > 100
    expected = stats.false_discovery_control(tested["p_value"].to_numpy())
    np.testing.assert_allclose(tested["q_value"].to_numpy(), expected, rtol=1e-12)
    assert result.loc[result["p_value"].isna(), "q_value"].isna().all()


def test_equal_weights_change_nothing_but_weights_do(responses_of, known):
    frame = responses_of({"yes": known[0], "no": known[1]})
    plain = find_equity_gaps(frame, outcomes=["ease"], **ONE_WAY)
    doubled = find_equity_gaps(frame.assign(weight=2.0), outcomes=["ease"], **ONE_WAY)
    pd.testing.assert_frame_equal(plain, doubled)


def test_weighted_means_shares_and_kish_intervals(responses_of, known):
    frame = responses_of({"yes": known[0] * 2, "no": known[1]})
    frame["weight"] = np.where(frame["ease"] >= 2, 3.0, 1.0)
    result = find_equity_gaps(frame, outcomes=["ease"], **ONE_WAY)
    group = row_of(result, "disability=yes")
    members = frame[frame["disability"] == "yes"]
    assert group["n"] == 60
    assert group["mean"] == pytest.approx(np.average(members["ease"], weights=members["weight"]))
    n_eff = members["weight"].sum() ** 2 / (members["weight"] ** 2).sum()
    share = np.average(members["ease"] >= 4, weights=members["weight"])
    assert group["top2"] == pytest.approx(share)
    low, high = wilson_interval(share, n_eff)
    assert (group["top2_ci_low"], group["top2_ci_high"]) == pytest.approx((low, high))


def test_a_seven_point_scale_is_inferred_and_scales_can_be_given(responses_of):
    frame = responses_of({"yes": [6, 7, 1, 2] * 10, "no": [5, 6, 7, 7] * 10})
    seven = row_of(find_equity_gaps(frame, outcomes=["ease"], **ONE_WAY), "disability=yes")
    assert seven["top2"] == 0.5
    ten = find_equity_gaps(frame, outcomes=["ease"], scales={"ease": (1, 10)}, **ONE_WAY)
    assert row_of(ten, "disability=yes")["top2"] == 0


def test_an_outcome_nobody_answered_gives_no_rows(responses_of, known):
    frame = responses_of({"yes": known[0], "no": known[1]}).assign(speed=np.nan)
    result = find_equity_gaps(frame, outcomes=["ease", "speed"], **ONE_WAY)
    assert set(result["outcome"]) == {"ease"}


def test_nobody_gives_an_empty_table(survey):
    result = find_equity_gaps(survey.iloc[:0], outcomes=OUTCOMES)
    assert result.empty and tuple(result.columns) == GAP_COLUMNS
