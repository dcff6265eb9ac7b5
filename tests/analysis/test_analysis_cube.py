"""The count cube: its long format, and gap results from a cube built elsewhere."""

import numpy as np
import pandas as pd
import pytest

from analysis import (
    CUBE_COLUMNS,
    SEGMENTS,
    AnalysisInputError,
    count_cube,
    find_equity_gaps,
    find_equity_gaps_from_cube,
    synthetic_responses,
)
from analysis._validate import MISSING_COLUMN
from analysis.synthetic import OUTCOMES


def group_by_cube(responses, segments, outcomes):
    """The cube as a database would build it: GROUP BY segments, outcome, value."""
    long = responses.melt(
        id_vars=[*segments, "weight"], value_vars=outcomes, var_name="outcome", value_name="value"
    ).dropna(subset=["value"])
    long["weight_sq"] = long["weight"] ** 2
    return (
        long.groupby([*segments, "outcome", "value"], dropna=False)
        .agg(
            count=("value", "size"),
            weight_sum=("weight", "sum"),
            weight_sq_sum=("weight_sq", "sum"),
        )
        .reset_index()
    )


def test_cube_format(survey):
    outcomes = list(OUTCOMES[:2])
    cube = count_cube(survey, outcomes=outcomes)
    assert list(cube.columns) == [*SEGMENTS, *CUBE_COLUMNS]
    assert all(cube[column].dtype == "string" for column in SEGMENTS)
    assert not cube["gender"].isin(["prefer_not_to_say"]).any()
    assert cube["gender"].isna().any()
    assert (cube["count"] > 0).all() and cube["count"].dtype == np.int64
    assert cube.groupby("outcome")["count"].sum().to_dict() == survey[outcomes].count().to_dict()
    np.testing.assert_array_equal(cube["weight_sum"], cube["count"])
    assert not cube.duplicated([*SEGMENTS, "outcome", "value"]).any()


def test_weighted_cube_sums_weights_and_their_squares():
    frame = synthetic_responses(500, seed=4, weights=True)
    cube = count_cube(frame, outcomes=["ease"], segments=["disability"])
    yes = frame[(frame["disability"] == "yes") & (frame["ease"] == 2)]
    row = cube[(cube["disability"] == "yes") & (cube["value"] == 2)].iloc[0]
    assert row["count"] == len(yes)
    assert row["weight_sum"] == pytest.approx(yes["weight"].sum())
    assert row["weight_sq_sum"] == pytest.approx((yes["weight"] ** 2).sum())


def test_a_group_by_cube_gives_the_same_gaps():
    frame = synthetic_responses(4000, seed=5, weights=True)
    expected = find_equity_gaps(frame, outcomes=OUTCOMES)
    cube = group_by_cube(frame, list(SEGMENTS), list(OUTCOMES))
    assert cube["gender"].isin(["prefer_not_to_say"]).any()  # left raw, as SQL would
    result = find_equity_gaps_from_cube(cube.sample(frac=1, random_state=1), outcomes=OUTCOMES)
    pd.testing.assert_frame_equal(result, expected, rtol=1e-9)


def test_many_levels_use_the_sparse_cell_path():
    rng = np.random.default_rng(6)
    levels = np.array([f"level {i:02d}" for i in range(40)], dtype=object)
    frame = pd.DataFrame({s: levels[rng.integers(0, 40, 3000)] for s in SEGMENTS})
    frame["ease"] = rng.integers(1, 6, 3000)
    frame["weight"] = 1.0
    cube = count_cube(frame, outcomes=["ease"])
    assert len(cube) == len(group_by_cube(frame, list(SEGMENTS), ["ease"]))
    result = find_equity_gaps_from_cube(cube, suppress_below=5, min_n_test=20)
    expected = find_equity_gaps_from_cube(group_by_cube(frame, list(SEGMENTS), ["ease"]))
    assert len(result) == len(expected) > 40 * 4
    pd.testing.assert_frame_equal(find_equity_gaps_from_cube(cube), expected, rtol=1e-12)


def test_outcomes_default_to_those_of_the_cube(survey):
    cube = count_cube(survey, outcomes=["speed", "ease"])
    result = find_equity_gaps_from_cube(cube, max_order=1)
    assert list(dict.fromkeys(result["outcome"])) == ["speed", "ease"]


def test_a_cube_without_its_counts_is_refused(survey):
    cube = count_cube(survey, outcomes=["ease"]).drop(columns="weight_sq_sum")
    with pytest.raises(AnalysisInputError, match=MISSING_COLUMN.format(column="weight_sq_sum")):
        find_equity_gaps_from_cube(cube)


@pytest.mark.parametrize("segment_dtype", ["category", "string", object])
def test_segment_and_rating_dtypes_do_not_change_results(survey, segment_dtype):
    expected = find_equity_gaps(survey, outcomes=["ease"])
    typed = survey.astype({**dict.fromkeys(SEGMENTS, segment_dtype), "ease": "Int64"})
    pd.testing.assert_frame_equal(find_equity_gaps(typed, outcomes=["ease"]), expected)
