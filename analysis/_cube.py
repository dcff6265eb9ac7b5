"""The count cube: responses per segment cell, outcome and value, built in one pass.

Long format, one row per (segment cell, outcome, value) with at least one response:
the segment columns (NA where unknown), ``outcome``, ``value`` (int), ``count`` (int),
``weight_sum`` and ``weight_sq_sum`` (floats; equal to ``count`` when unweighted).
A SQL ``GROUP BY <segments>, outcome, value`` produces the same table.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import (
    MISSING_COLUMN,
    NO_OUTCOMES,
    NOT_A_DATAFRAME,
    SEGMENTS,
    check_frame,
    check_text,
    check_values,
    fail,
    is_unknown,
    scale_of,
    to_float,
    weights_of,
)

CUBE_COLUMNS = ("outcome", "value", "count", "weight_sum", "weight_sq_sum")
# Above this many possible cells, cell keys are renumbered to those actually present.
DENSE_CELL_LIMIT = 1 << 20


@dataclass(frozen=True)
class OutcomeCounts:
    """Cube rows of one outcome: segment codes (-1 unknown), value index and sums."""

    codes: np.ndarray
    value_index: np.ndarray
    values: np.ndarray
    count: np.ndarray
    weight_sum: np.ndarray
    weight_sq_sum: np.ndarray


@dataclass(frozen=True)
class CodedCube:
    """A cube with integer-coded segments, ready for subset statistics."""

    segments: tuple
    levels: dict
    outcomes: dict


def encode_segment(series, column):
    """Integer codes (-1 for unknown) and the sorted known labels of a segment column."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    check_text(uniques, column)
    known = np.array([not is_unknown(value) for value in uniques], dtype=bool)
    levels = sorted(uniques[known])
    rank = {label: position for position, label in enumerate(levels)}
    lookup = np.array([-1] + [rank[v] if k else -1 for v, k in zip(uniques, known, strict=True)])
    return lookup[codes + 1], levels


def count_cube(responses, *, segments=SEGMENTS, outcomes, scales=None):
    """Count responses per segment cell, outcome and value in one pass.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per response with the segment and outcome columns (and optionally ``weight``).
    segments : sequence of str, default ("age_band", "gender", "disability", "rurality")
        Segment columns to keep in the cube.
    outcomes : sequence of str
        Numeric rating columns; missing answers are left out.
    scales : dict of str to (int, int), optional
        Scale per outcome; by default 1..5 or 1..7, whichever fits the data.

    Returns
    -------
    pandas.DataFrame
        The cube in long format: the segment columns (``string`` dtype, NA for unknown),
        ``outcome``, ``value``, ``count``, ``weight_sum``, ``weight_sq_sum``.
    """
    segments, outcomes = tuple(segments), tuple(outcomes)
    if not outcomes:
        fail(NO_OUTCOMES)
    check_frame(responses, segments=segments, required=outcomes)
    encoded = [encode_segment(responses[column], column) for column in segments]
    cells, cell_codes = _cell_ids(
        len(responses), [codes for codes, _ in encoded], [len(lv) for _, lv in encoded]
    )
    weights = weights_of(responses)
    parts = [_outcome_part(responses, o, cells, len(cell_codes), weights, scales) for o in outcomes]
    columns = {
        column: _labels(cell_codes[np.concatenate([p["cell"] for p in parts]), position], levels)
        for position, (column, (_, levels)) in enumerate(zip(segments, encoded, strict=True))
    }
    columns["outcome"] = np.repeat(
        np.array(outcomes, dtype=object), [len(p["cell"]) for p in parts]
    )
    for name in CUBE_COLUMNS[1:]:
        columns[name] = np.concatenate([p[name] for p in parts])
    return pd.DataFrame(columns)


def _cell_ids(n_rows, codes, sizes):
    """One id per segment cell for every row, and the segment codes of each cell id."""
    radices = np.array(sizes, dtype=np.int64) + 1
    key = np.zeros(n_rows, dtype=np.int64)
    for column_codes, radix in zip(codes, radices, strict=True):
        key = key * radix + (column_codes + 1)
    space = int(np.prod(radices))
    if space <= DENSE_CELL_LIMIT:
        keys = np.arange(space, dtype=np.int64)
    else:
        keys, key = np.unique(key, return_inverse=True)
    decoded = list(np.unravel_index(keys, radices)) if codes else []
    return key, code_matrix(decoded, len(keys)) - 1


def code_matrix(codes, n_rows):
    """Per-segment code arrays side by side (n_rows x segments, possibly no segments)."""
    return np.column_stack(codes) if codes else np.zeros((n_rows, 0), dtype=np.int64)


def _outcome_part(responses, outcome, cells, n_cells, weights, scales):
    """Cube rows of one outcome from the raw responses."""
    values = to_float(responses[outcome], outcome)
    low, high = scale_of(values, outcome, scales)
    check_values(values, outcome, (low, high))
    answered = ~np.isnan(values)
    width = high - low + 1
    key = cells[answered] * width + (values[answered] - low).astype(np.int64)
    count = np.bincount(key, minlength=n_cells * width)
    present = np.flatnonzero(count)
    if weights is None:
        weight_sum = weight_sq_sum = count[present].astype(float)
    else:
        answered_weights = weights[answered]
        weight_sum = np.bincount(key, answered_weights, n_cells * width)[present]
        weight_sq_sum = np.bincount(key, answered_weights**2, n_cells * width)[present]
    return {
        "cell": present // width,
        "value": present % width + low,
        "count": count[present],
        "weight_sum": weight_sum,
        "weight_sq_sum": weight_sq_sum,
    }


def _labels(codes, levels):
    """Segment labels for codes, NA where unknown."""
    labels = np.array([*levels, pd.NA], dtype=object)[codes]
    return pd.array(labels, dtype="string")


def code_cube(cube, *, segments, outcomes=None, scales=None):
    """Integer-code a long cube (from count_cube or a database) per outcome."""
    if not isinstance(cube, pd.DataFrame):
        fail(NOT_A_DATAFRAME, name="cube", type=type(cube).__name__)
    for column in [*segments, *CUBE_COLUMNS]:
        if column not in cube.columns:
            fail(MISSING_COLUMN, column=column)
    encoded = [encode_segment(cube[column], column) for column in segments]
    codes = code_matrix([c for c, _ in encoded], len(cube))
    names = cube["outcome"].to_numpy(dtype=object)
    outcomes = list(dict.fromkeys(names)) if outcomes is None else list(outcomes)
    if not outcomes:
        fail(NO_OUTCOMES)
    tables = {o: _outcome_counts(cube, codes, names == o, o, scales) for o in outcomes}
    levels = {column: lv for column, (_, lv) in zip(segments, encoded, strict=True)}
    return CodedCube(tuple(segments), levels, tables)


def _outcome_counts(cube, codes, rows, outcome, scales):
    """The OutcomeCounts of one outcome's cube rows."""
    values = to_float(cube["value"][rows], "value")
    low, high = scale_of(values, outcome, scales)
    check_values(values, outcome, (low, high))
    return OutcomeCounts(
        codes=codes[rows],
        value_index=(values - low).astype(np.int64),
        values=np.arange(low, high + 1, dtype=float),
        count=to_float(cube["count"][rows], "count"),
        weight_sum=to_float(cube["weight_sum"][rows], "weight_sum"),
        weight_sq_sum=to_float(cube["weight_sq_sum"][rows], "weight_sq_sum"),
    )


def subset_counts(coded, outcome, subset):
    """Per group of a segment subset: level codes and (count, weight, weight²) per value.

    Only groups with at least one answer are returned; rows unknown on any attribute of the
    subset are left out. An empty subset gives one group, everyone who answered.
    """
    table = coded.outcomes[outcome]
    positions = [coded.segments.index(column) for column in subset]
    dims = tuple(len(coded.levels[column]) for column in subset)
    sub_codes = table.codes[:, positions]
    known = (sub_codes >= 0).all(axis=1)
    group = np.ravel_multi_index(sub_codes[known].T, dims) if subset else np.zeros(known.sum(), int)
    width = len(table.values)
    flat = group * width + table.value_index[known]
    size = int(np.prod(dims)) * width
    sums = [
        np.bincount(flat, column[known], size).reshape(-1, width)
        for column in (table.count, table.weight_sum, table.weight_sq_sum)
    ]
    present = np.flatnonzero(sums[0].sum(axis=1) > 0)
    group_codes = np.stack(np.unravel_index(present, dims), axis=1) if subset else present[:, None]
    return group_codes, [s[present] for s in sums]
