"""Group statistics for every segment subset of a cube, with disclosure control applied."""

import itertools

import numpy as np
import pandas as pd

from ._cube import subset_counts
from ._disclosure import is_small, protect
from ._stats import compare

OVERALL = "all"
STAT_COLUMNS = (
    "n",
    "n_rest",
    "mean",
    "rest_mean",
    "top2",
    "rest_top2",
    "top2_ci_low",
    "top2_ci_high",
    "mean_ci_low",
    "mean_ci_high",
    "effect",
    "p_value",
)


def segment_subsets(segments, orders):
    """Every combination of segments for each order, attributes in the order given."""
    return [subset for k in orders for subset in itertools.combinations(segments, k)]


def segment_label(subset, levels):
    """A group's label, e.g. "disability=yes & rurality=rural" ("all" for everyone)."""
    return " & ".join(f"{a}={v}" for a, v in zip(subset, levels, strict=True)) or OVERALL


def parent_labels(subset, levels):
    """Labels of the groups one attribute coarser (everyone for a one-way group)."""
    return [
        segment_label(subset[:i] + subset[i + 1 :], levels[:i] + levels[i + 1 :])
        for i in range(len(subset))
    ]


def group_table(coded, *, subsets):
    """One row per (group of a subset, outcome) with its statistics against the rest."""
    parts = [
        _subset_part(coded, position, subset, outcome)
        for position, subset in enumerate(subsets)
        for outcome in coded.outcomes
    ]
    listed = ("segment", "outcome", "levels")
    columns = {
        name: pd.Series([value for part in parts for value in part[name]], dtype=object)
        if name in listed
        else np.concatenate([part[name] for part in parts] or [np.zeros(0)])
        for name in ("segment", "order", "outcome", "subset", "levels", *STAT_COLUMNS)
    }
    return pd.DataFrame(columns)


def _subset_part(coded, position, subset, outcome):
    """Columns of the rows of one subset and outcome."""
    codes, counts = subset_counts(coded, outcome, subset)
    rest = [total.sum(axis=0) - total for total in counts]
    statistics = compare(coded.outcomes[outcome].values, counts, rest)
    levels = [
        tuple(coded.levels[a][c] for a, c in zip(subset, row, strict=True))
        for row in codes[:, : len(subset)]
    ]
    return {
        "segment": [segment_label(subset, lv) for lv in levels],
        "order": np.full(len(levels), len(subset)),
        "outcome": [outcome] * len(levels),
        "subset": np.full(len(levels), position),
        "levels": levels,
        **{column: statistics[column] for column in STAT_COLUMNS},
    }


def disclosure_mask(table, *, subsets, threshold):
    """Rows to suppress: small groups or rests, groups inside hidden groups, complements.

    A group is hidden when it, or its rest, holds 1 to threshold - 1 people. Subsets are then
    handled coarse to fine so that a group hidden at one order hides the groups inside it;
    within a subset's table every line (one attribute varying, the others fixed) ends with
    no hidden cell or at least two. A hidden cell alone in its line would equal the line's
    total, so that total (the coarser group) is hidden too and everything is redone.
    """
    n, n_rest = table["n"].to_numpy(), table["n_rest"].to_numpy()
    hidden = is_small(n, threshold) | is_small(n_rest, threshold)
    while True:
        hidden = _cascade(table, subsets, threshold, hidden)
        exposed = _exposed_totals(table, subsets, hidden)
        if not (exposed & ~hidden).any():
            return hidden
        hidden = hidden | exposed


def _cascade(table, subsets, threshold, hidden):
    """Inherited and complementary suppression, subset by subset, coarse to fine."""
    hidden, hidden_keys = hidden.copy(), set()
    positions, counts = table["subset"].to_numpy(), table["n"].to_numpy(dtype=float)
    outcomes, labels, levels = (list(table[c]) for c in ("outcome", "segment", "levels"))
    for position, subset in enumerate(subsets):
        rows = np.flatnonzero(positions == position)
        inherited = [
            any((outcomes[i], p) in hidden_keys for p in parent_labels(subset, levels[i]))
            for i in rows
        ]
        hidden[rows] = protect(
            counts[rows],
            _lines([(outcomes[i], levels[i]) for i in rows], len(subset)),
            threshold=threshold,
            hidden=hidden[rows] | np.array(inherited, dtype=bool),
        )
        hidden_keys.update((outcomes[i], labels[i]) for i in rows[hidden[rows]])
    return hidden


def _lines(cells, width):
    """For each attribute, an id per cell naming its line: same outcome, other levels equal."""
    lines = []
    for varying in range(max(width, 1)):
        keys = [(outcome, lv[:varying] + lv[varying + 1 :]) for outcome, lv in cells]
        ids = {key: number for number, key in enumerate(dict.fromkeys(keys))}
        lines.append(np.array([ids[key] for key in keys], dtype=np.int64))
    return lines


def _exposed_totals(table, subsets, hidden):
    """Rows that are the total of a line holding one cell only, a hidden one."""
    row_of = {key: i for i, key in enumerate(zip(table["outcome"], table["segment"], strict=True))}
    lines = {}
    for i, (outcome, position, levels) in enumerate(
        zip(table["outcome"], table["subset"], table["levels"], strict=True)
    ):
        for parent in parent_labels(subsets[position], levels):
            lines.setdefault((outcome, position, parent), []).append(i)
    exposed = np.zeros(len(table), dtype=bool)
    for (outcome, _, parent), members in lines.items():
        if len(members) == 1 and hidden[members[0]] and (outcome, parent) in row_of:
            exposed[row_of[(outcome, parent)]] = True
    return exposed
