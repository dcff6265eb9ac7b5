"""Input validation: clear errors, each a message constant."""

import numpy as np
import pandas as pd
import pytest

from analysis import AnalysisInputError, count_cube, find_equity_gaps, validate_responses
from analysis._validate import (
    BAD_BARRIER_NAME,
    BAD_OPTION,
    BAD_WEIGHT,
    DUPLICATE_ID,
    MISSING_COLUMN,
    NO_STANDARD_SCALE,
    NOT_A_DATAFRAME,
    NOT_NUMERIC,
    NOT_TEXT,
    NOT_WHOLE,
    OUT_OF_SCALE,
    UNKNOWN_COLUMN,
)


@pytest.fixture
def frame(responses_of):
    return responses_of({"yes": [1, 2, 3] * 5, "no": [3, 4, 5] * 5})


def message(call):
    with pytest.raises(AnalysisInputError) as raised:
        call()
    return str(raised.value)


def gaps(frame, **options):
    options = {"max_order": 1, **options}
    return lambda: find_equity_gaps(frame, outcomes=["ease"], segments=["disability"], **options)


def test_a_list_is_not_a_frame():
    assert message(lambda: count_cube([1], outcomes=["ease"])) == NOT_A_DATAFRAME.format(
        name="responses", type="list"
    )


def test_a_missing_outcome_is_named(frame):
    call = lambda: find_equity_gaps(frame, outcomes=["speed"], segments=["disability"])  # noqa: E731
    assert message(call) == MISSING_COLUMN.format(column="speed")


def test_a_missing_segment_is_named(frame):
    assert message(gaps(frame.drop(columns="disability"))) == MISSING_COLUMN.format(
        column="disability"
    )


def test_a_text_column_that_is_no_known_kind_is_unknown(frame):
    frame["notes"] = "hello"
    assert message(gaps(frame)) == UNKNOWN_COLUMN.format(column="notes")


def test_text_in_an_outcome_is_not_numeric(frame):
    frame["ease"] = frame["ease"].astype(object)
    frame.loc[3, "ease"] = "good"
    assert message(gaps(frame)) == NOT_NUMERIC.format(column="ease", value="good")


def test_a_rating_outside_the_given_scale(frame):
    assert message(gaps(frame, scales={"ease": (1, 4)})) == OUT_OF_SCALE.format(
        column="ease", value=5, low=1, high=4
    )


def test_a_rating_outside_every_standard_scale(frame):
    frame.loc[0, "ease"] = 9
    assert message(gaps(frame)) == NO_STANDARD_SCALE.format(column="ease", value=9)


def test_zero_is_outside_the_standard_scales(frame):
    frame.loc[0, "ease"] = 0
    assert message(gaps(frame)) == NO_STANDARD_SCALE.format(column="ease", value=0)


def test_a_fractional_rating(frame):
    frame["ease"] = frame["ease"].astype(float)
    frame.loc[0, "ease"] = 2.5
    assert message(gaps(frame)) == NOT_WHOLE.format(column="ease", value=2.5)


def test_a_numeric_segment_is_not_text(frame):
    frame["disability"] = 1
    assert message(gaps(frame)) == NOT_TEXT.format(column="disability", value=1)


@pytest.mark.parametrize("weight", [0.0, -1.0, np.nan, np.inf])
def test_weights_must_be_positive_and_finite(frame, weight):
    frame["weight"] = 1.0
    frame.loc[4, "weight"] = weight
    assert message(gaps(frame)) == BAD_WEIGHT.format(value=weight)


def test_a_barrier_column_needs_stage_and_code(frame):
    frame["barrier:queue"] = 1
    assert message(gaps(frame)) == BAD_BARRIER_NAME.format(column="barrier:queue")


@pytest.mark.parametrize(
    ("option", "rule"),
    [
        ({"max_order": 2}, "between 1 and 1"),
        ({"fdr": 0}, "in (0, 1]"),
        ({"suppress_below": 0}, "at least 1"),
        ({"min_effect": 2}, "in [0, 1]"),
    ],
)
def test_options_out_of_range(frame, option, rule):
    ((name, value),) = option.items()
    assert message(gaps(frame, **option)) == BAD_OPTION.format(name=name, rule=rule, value=value)


def test_validate_responses_lists_the_outcomes(survey):
    assert validate_responses(survey) == ["ease", "speed", "respect", "clarity", "trust"]


def test_validate_responses_finds_duplicate_ids(frame):
    frame.loc[1, "response_id"] = 1
    assert message(lambda: validate_responses(frame, segments=["disability"])) == (
        DUPLICATE_ID.format(value=1)
    )


def test_validate_responses_needs_an_id(frame):
    call = lambda: validate_responses(frame.drop(columns="response_id"), segments=["disability"])  # noqa: E731
    assert message(call) == MISSING_COLUMN.format(column="response_id")


@pytest.mark.parametrize(
    ("column", "value", "low", "high"),
    [("stage:wait", 3, -2, 2), ("barrier:wait:queue", 2, 0, 1)],
)
def test_validate_responses_checks_stage_and_barrier_scales(frame, column, value, low, high):
    frame[column] = 0
    frame.loc[2, column] = value
    assert message(lambda: validate_responses(frame, segments=["disability"])) == (
        OUT_OF_SCALE.format(column=column, value=value, low=low, high=high)
    )


@pytest.mark.parametrize(
    "unknown", [None, pd.NA, np.nan, "", "prefer not to say", " Prefer_Not_To_Say "]
)
def test_unknown_values_never_form_a_group(responses_of, unknown):
    frame = responses_of({"yes": [1, 2] * 20, "no": [4, 5] * 20, "x": [3] * 40})
    frame["disability"] = frame["disability"].astype(object).replace({"x": unknown})
    result = find_equity_gaps(frame, outcomes=["ease"], segments=["disability"], max_order=1)
    assert list(result["segment"]) == ["disability=no", "disability=yes"]
    assert list(result["n"] + result["n_rest"]) == [80, 80]
