"""Prioritized insights: transparent score, stable order, translatable reasons, stable keys."""

import json

import pandas as pd
import pytest

from analysis import (
    INSIGHT_COLUMNS,
    REASONS,
    find_equity_gaps,
    journey_curve,
    prioritize,
    representation,
    synthetic_responses,
    themes,
)
from analysis.synthetic import OUTCOMES

PLANTED = {
    "disability=yes": {"speed": -1.0, "stage:wait": -1.0},
    "disability=yes & rurality=rural": {"ease": -1.2},
    "disability=yes & rurality=urban": {"ease": 0.5},
    "disability=no & rurality=rural": {"ease": 0.3},
}
CENSUS = pd.DataFrame(
    {"dimension": ["disability", "disability"], "group": ["yes", "no"], "population": [35, 65]}
)


@pytest.fixture(scope="module")
def inputs():
    frame = synthetic_responses(5000, seed=21, gaps=PLANTED, comments=True)
    return {
        "gaps": find_equity_gaps(frame, outcomes=OUTCOMES),
        "journey": journey_curve(frame, by=["disability"]),
        "themes": themes(frame),
        "representation": representation(frame, CENSUS),
    }


@pytest.fixture(scope="module")
def insights(inputs):
    return prioritize(
        inputs["gaps"],
        journey=inputs["journey"],
        themes=inputs["themes"],
        representation=inputs["representation"],
    )


def test_every_kind_of_finding_becomes_an_insight(insights):
    assert list(insights.columns) == list(INSIGHT_COLUMNS)
    assert list(insights["rank"]) == list(range(1, len(insights) + 1))
    assert set(insights["kind"]) == {"gap", "journey", "representation", "theme"}
    keys = set(insights["insight_key"])
    assert "gap|disability=yes & rurality=rural|ease" in keys
    assert {
        "journey|disability=yes|wait",
        "journey|all|wait",
        "representation|disability=yes",
    } <= keys
    assert insights["insight_key"].is_unique


def test_the_order_follows_the_documented_score_then_effect(insights):
    assert insights.iloc[0]["insight_key"] == "gap|disability=yes & rurality=rural|ease"
    assert insights.iloc[0]["score"] == 3.5  # large, plus the intersectional bonus
    assert insights["score"].is_monotonic_decreasing
    for _, tied in insights.groupby("score"):
        assert tied["effect"].abs().is_monotonic_decreasing
    assert insights[insights["kind"].eq("theme")]["rank"].min() > insights["score"].gt(0).sum()


def test_reasons_are_their_templates_filled_with_their_params(insights):
    for row in insights.itertuples():
        params = {k: float("nan") if v is None else v for k, v in row.reason_params.items()}
        assert row.reason == REASONS[row.reason_key].format(**params)
        json.dumps(row.reason_params, allow_nan=False)
    top = insights.iloc[0]
    assert top["reason_key"] == "intersectional_gap"
    assert top["reason"].startswith("People with disability=yes & rurality=rural rate ease worse")


def test_input_row_order_does_not_change_the_ranking(inputs, insights):
    shuffled = {name: table.sample(frac=1, random_state=5) for name, table in inputs.items()}
    again = prioritize(
        shuffled["gaps"],
        journey=shuffled["journey"],
        themes=shuffled["themes"],
        representation=shuffled["representation"],
    )
    pd.testing.assert_frame_equal(again, insights)


def test_no_finding_gives_an_empty_list(inputs):
    calm = inputs["gaps"].assign(status="no gap")
    result = prioritize(calm)
    assert result.empty and list(result.columns) == list(INSIGHT_COLUMNS)
