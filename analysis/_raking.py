"""Raking: weights that make the respondents' margins match the census."""

import numpy as np
import pandas as pd

from ._cube import encode_segment
from ._representation import cell_counts, check_reference, compared_dimensions
from ._stats import kish_n
from ._validate import SEGMENTS, require


def rake_weights(
    responses, reference, *, segments=SEGMENTS, max_iter=100, tol=1e-6, trim=(0.2, 5.0)
):
    """Weights by iterative proportional fitting on the reference margins.

    Each pass scales the weights of every segment in turn so that the weighted shares of its
    groups equal the census shares, then trims the weights to ``trim`` times the mean.
    Respondents whose value is unknown (or absent from the census) keep their weight for
    that segment; census groups nobody answered for are left out and the other shares
    rescaled.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per response with the segment columns.
    reference : pandas.DataFrame
        Census table with ``dimension``, ``group`` and ``population``.
    segments : sequence of str, default ("age_band", "gender", "disability", "rurality")
        Segments to rake on when the reference has them (they must then be columns).
    max_iter : int, default 100
        Largest number of passes.
    tol : float, default 1e-6
        Stop when no weighted share differs from its target by more than this.
    trim : (float, float), default (0.2, 5.0)
        Smallest and largest weight relative to the mean weight.

    Returns
    -------
    pandas.Series
        ``weight`` per response (mean 1), indexed like ``responses``; ``attrs`` holds
        ``effective_n`` (Kish), ``iterations`` and ``converged``.
    """
    reference = check_reference(reference)
    dimensions = compared_dimensions(responses, reference, segments)
    weights, attrs = _rake(
        responses, np.ones(len(responses)), reference, dimensions, max_iter, tol, trim
    )
    result = pd.Series(weights, index=responses.index, name="weight")
    result.attrs = attrs
    return result


def rake_weights_from_cube(
    cells, reference, *, segments=SEGMENTS, max_iter=100, tol=1e-6, trim=(0.2, 5.0)
):
    """The weights of ``rake_weights`` per segment cell, from responses counted per cell.

    Every response of a cell gets the same weight, so a SQL ``GROUP BY`` of the segments is
    enough to rake a million responses.

    Parameters
    ----------
    cells : pandas.DataFrame
        The segment columns and ``count`` (responses per combination of segment values).
    reference, segments, max_iter, tol, trim
        As for ``rake_weights``.

    Returns
    -------
    pandas.Series
        ``weight`` of each response of each cell, indexed like ``cells``; ``attrs`` as for
        ``rake_weights`` (``effective_n`` counts every response).
    """
    reference = check_reference(reference)
    dimensions = compared_dimensions(cells, reference, segments)
    weights, attrs = _rake(cells, cell_counts(cells), reference, dimensions, max_iter, tol, trim)
    result = pd.Series(weights, index=cells.index, name="weight")
    result.attrs = attrs
    return result


def _rake(rows, counts, reference, dimensions, max_iter, tol, trim):
    """Weights of rows standing for `counts` responses each, and the attrs of the result."""
    require(max_iter >= 1, "max_iter", "at least 1", max_iter)
    require(trim[0] <= 1 <= trim[1], "trim", "a (low, high) pair around 1", trim)
    margins = [
        _margin(rows[column], column, reference[reference["dimension"] == column])
        for column in dimensions
    ]
    counts = np.asarray(counts, dtype=float)
    weights = np.ones(len(rows))
    iterations, deviation = 0, _deviation(weights, counts, margins)
    while deviation > tol and iterations < max_iter:
        for codes, targets in margins:
            known = codes >= 0
            totals = np.bincount(codes[known], (weights * counts)[known], len(targets))
            weights[known] *= (targets * totals.sum() / totals)[codes[known]]
        weights = np.clip(weights / ((weights * counts).sum() / counts.sum()), *trim)
        iterations, deviation = iterations + 1, _deviation(weights, counts, margins)
    attrs = {
        "effective_n": float(kish_n((weights * counts).sum(), (weights**2 * counts).sum())),
        "iterations": iterations,
        "converged": bool(deviation <= tol),
    }
    return weights, attrs


def _margin(column, name, reference):
    """Group codes of a segment (-1 outside the census) and the census shares to reach."""
    codes, levels = encode_segment(column, name)
    population = reference.set_index("group")["population"]
    present = [level for level in levels if population.get(level, 0) > 0]
    rank = {level: position for position, level in enumerate(present)}
    lookup = np.array([-1] + [rank.get(level, -1) for level in levels])
    targets = population[present].to_numpy()
    return lookup[codes + 1], targets / targets.sum()


def _deviation(weights, counts, margins):
    """Largest gap between a weighted share and its target."""
    gaps = [0.0]
    for codes, targets in margins:
        known = codes >= 0
        totals = np.bincount(codes[known], (weights * counts)[known], len(targets))
        if totals.sum() > 0:
            gaps.append(np.abs(totals / totals.sum() - targets).max())
    return max(gaps)
