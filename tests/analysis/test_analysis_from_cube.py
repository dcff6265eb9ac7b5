"""The cube-taking entry points equal the frame functions on the responses the counts stand for.

Counts are made here with a plain pandas groupby of the long format, as a SQL GROUP BY would
make them (in another row order, with unknown values as they are), not with count_cube.
"""

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

import analysis
from analysis import AnalysisInputError, synthetic_responses
from analysis.synthetic import STAGES

SEGMENTS = list(analysis.SEGMENTS)
REFERENCE = pd.DataFrame(
    [
        ("gender", "woman", 5200),
        ("gender", "man", 4600),
        ("gender", "non_binary", 200),
        ("disability", "yes", 2000),
        ("disability", "no", 8000),
    ],
    columns=["dimension", "group", "population"],
)


@pytest.fixture(scope="module")
def frame():
    frame = synthetic_responses(3000, seed=5, gaps={"disability=yes": {"stage:wait": -1.0}})
    rng = np.random.default_rng(5)
    return frame.assign(
        channel=rng.choice(["web", "kiosk", "paper"], len(frame)),
        kiosk=rng.choice(["Town hall", "Library", None], len(frame)),
    )


def sql_like_cube(frame, columns):
    """The long count cube of `columns` by a groupby, rows reversed, NA segments kept."""
    long = frame[[*SEGMENTS, *columns]].melt(id_vars=SEGMENTS, var_name="outcome")
    long = long.dropna(subset=["value"]).astype({"value": int})
    cube = long.groupby([*SEGMENTS, "outcome", "value"], dropna=False).size()
    cube = cube.rename("count").reset_index().iloc[::-1].reset_index(drop=True)
    return cube.assign(weight_sum=cube["count"] * 1.0, weight_sq_sum=cube["count"] * 1.0)


def cells_of(frame, columns):
    cells = frame.groupby(columns, dropna=False).size().rename("count").reset_index()
    return cells.iloc[::-1].reset_index(drop=True)


def test_journey_from_cubes_equals_the_frame(frame):
    stages = [f"stage:{s}" for s in STAGES]
    barriers = [c for c in frame.columns if c.startswith("barrier:")]
    options = {"by": SEGMENTS, "max_order": 1}
    expected = analysis.journey_curve(frame.drop(columns=["channel", "kiosk"]), **options)
    found = analysis.journey_curve_from_cube(
        sql_like_cube(frame, stages), sql_like_cube(frame, barriers), stages=STAGES, **options
    )
    assert found["status"].eq("gap").any()
    assert_frame_equal(found, expected)


def test_journey_without_barriers(frame):
    stages = [f"stage:{s}" for s in STAGES]
    found = analysis.journey_curve_from_cube(sql_like_cube(frame, stages), stages=STAGES)
    assert list(found["stage"]) == list(STAGES)
    assert not [c for c in found.columns if c.startswith("barrier:")]


def test_representation_from_cells_equals_the_frame(frame):
    expected = analysis.representation(frame[SEGMENTS], REFERENCE)
    found = analysis.representation_from_cube(cells_of(frame, SEGMENTS), REFERENCE)
    assert_frame_equal(found, expected)
    assert found.attrs["r_scores"] == expected.attrs["r_scores"]


def test_raking_per_cell_gives_each_person_their_weight(frame):
    expected = analysis.rake_weights(frame[SEGMENTS], REFERENCE)
    cells = cells_of(frame, SEGMENTS)
    weights = analysis.rake_weights_from_cube(cells, REFERENCE)
    per_person = (
        frame[SEGMENTS]
        .astype("string")
        .merge(cells[SEGMENTS].astype("string").assign(weight=weights.to_numpy()), how="left")[
            "weight"
        ]
    )
    assert_series_equal(per_person, expected.reset_index(drop=True), rtol=1e-9)
    assert weights.attrs["effective_n"] == pytest.approx(expected.attrs["effective_n"], rel=1e-9)
    assert weights.attrs["iterations"] == expected.attrs["iterations"]


def test_outreach_from_cells_equals_the_frame(frame):
    sources = frame[[*SEGMENTS, "channel", "kiosk"]]
    expected = analysis.plan_outreach(sources)
    found = analysis.plan_outreach_from_cube(cells_of(sources, [*SEGMENTS, "channel", "kiosk"]))
    assert found["best_channel"].notna().any() and found["best_kiosk"].notna().any()
    assert_frame_equal(found, expected)


def test_best_source_ties_go_to_the_first_name():
    cells = pd.DataFrame(
        {"gender": ["woman", "woman", "man"], "channel": ["web", "kiosk", "web"], "count": 40}
    )
    plan = analysis.plan_outreach_from_cube(cells, segments=["gender"], sources=["channel"])
    assert plan.set_index("segment").loc["gender=woman", "best_channel"] == "kiosk"


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (pd.DataFrame({"gender": ["woman"]}), "missing column 'count'"),
        (pd.DataFrame({"gender": ["woman"], "count": [-1]}), "count"),
        (pd.DataFrame({"gender": ["woman"], "count": ["many"]}), "count"),
    ],
)
def test_bad_counts_are_refused(cells, message):
    with pytest.raises(AnalysisInputError, match=message):
        analysis.representation_from_cube(cells, REFERENCE, segments=["gender"])
