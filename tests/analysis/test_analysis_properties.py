"""Properties over random small surveys: nothing under the threshold leaks, row order is moot."""

import itertools

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import find_equity_gaps, representation

SEGMENT_VALUES = {
    "gender": ["woman", "man", "non-binary", None, "prefer not to say"],
    "disability": ["yes", "no", "unsure", ""],
    "rurality": ["urban", "rural", None],
}
SEGMENTS = list(SEGMENT_VALUES)
ROWS = st.tuples(
    *(st.sampled_from(values) for values in SEGMENT_VALUES.values()),
    st.one_of(st.none(), st.integers(1, 5)),
    st.integers(1, 5),
    st.sampled_from([0.5, 1.0, 2.5]),
)
SETTINGS = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def surveys(draw):
    rows = draw(st.lists(ROWS, max_size=160))
    frame = pd.DataFrame(rows, columns=[*SEGMENTS, "ease", "speed", "weight"])
    frame = frame.astype({"ease": "float64", "speed": "float64", "weight": "float64"})
    if not draw(st.booleans()):
        frame = frame.drop(columns="weight")
    return frame


def attributes(label):
    return dict(part.split("=", 1) for part in label.split(" & "))


def run(frame, threshold):
    return find_equity_gaps(
        frame,
        outcomes=["ease", "speed"],
        segments=SEGMENTS,
        suppress_below=threshold,
        min_n_test=threshold + 5,
    )


@SETTINGS
@given(surveys(), st.integers(2, 12))
def test_no_cell_under_the_threshold_is_revealed_or_recoverable(frame, threshold):
    result = run(frame, threshold)
    hidden = result["status"].eq("suppressed").to_numpy()
    shown = result[~hidden]
    assert (shown["n"] >= threshold).all()
    assert (shown["n_rest"].eq(0) | (shown["n_rest"] >= threshold)).all()  # 0 is nobody
    numbers = result.columns.drop(["segment", "order", "outcome", "status", "severity"])
    assert result.loc[hidden, numbers].isna().all().all()
    groups = [
        (o, frozenset(attributes(s).items()))
        for o, s in zip(result["outcome"], result["segment"], strict=True)
    ]
    is_hidden = dict(zip(groups, hidden, strict=True))
    lines = {}
    for (outcome, group), h in is_hidden.items():
        for parent in itertools.chain.from_iterable(
            itertools.combinations(group, size) for size in range(1, len(group))
        ):
            assert h or not is_hidden[(outcome, frozenset(parent))]  # inside a hidden group
        for varying in group:  # the line of cells sharing every other attribute
            total = (outcome, group - {varying})
            lines.setdefault((total, frozenset(a for a, _ in group)), []).append(h)
    for (total, _), cells in lines.items():
        published = not is_hidden.get(total, True)  # everyone's total is never published
        assert sum(cells) != 1 or (len(cells) == 1 and not published)


@SETTINGS
@given(surveys(), st.integers(2, 12))
def test_representation_reveals_no_small_group(frame, threshold):
    reference = pd.DataFrame(
        {"dimension": ["gender"] * 3, "group": ["woman", "man", "non-binary"], "population": 1}
    )
    result = representation(frame, reference, segments=SEGMENTS, suppress_below=threshold)
    hidden = result["status"].eq("suppressed")
    assert not result.loc[~hidden, "n"].between(1, threshold - 1).any()
    assert result.loc[hidden, ["n", "share", "ratio", "p_value"]].isna().all().all()
    assert hidden.sum() != 1


@SETTINGS
@given(surveys(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_row_order(frame, random):
    order = list(range(len(frame)))
    random.shuffle(order)
    shuffled = frame.iloc[order].reset_index(drop=True)
    pd.testing.assert_frame_equal(run(shuffled, 5), run(frame, 5), rtol=1e-9)
