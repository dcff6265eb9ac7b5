"""Who took part compared with the population: shares, binomial tests, participation R."""

import os

import numpy as np
import pandas as pd
from scipy import stats

from ._cube import encode_segment
from ._disclosure import blank, suppression_mask
from ._stats import q_values
from ._validate import (
    MISSING_COLUMN,
    NOT_A_DATAFRAME,
    SEGMENTS,
    check_frame,
    fail,
    require,
    to_float,
)

REFERENCE_COLUMNS = ("dimension", "group", "population")
REPRESENTATION_COLUMNS = (
    "dimension",
    "group",
    "n",
    "share",
    "reference_share",
    "ratio",
    "p_value",
    "q_value",
    "status",
)
UNDER = "under-represented"
OVER = "over-represented"
OK = "ok"
NOT_IN_REFERENCE = "not in reference"

REFERENCE_UNREADABLE = "cannot read the reference file {source!r}: {reason}"
REFERENCE_NOT_CSV = "the reference file {source!r} is not a readable CSV file"
REFERENCE_MISSING_COLUMN = "the reference table has no {column!r} column"
REFERENCE_BAD_POPULATION = (
    "the reference population of {dimension}={group} must be a number of at least 0, "
    "found {value!r}"
)
REFERENCE_DUPLICATE = "the reference group {dimension}={group} appears more than once"
REFERENCE_EMPTY_DIMENSION = "the reference populations of {dimension!r} add up to 0"


def load_reference_csv(path_or_buffer):
    """Read a census reference table from CSV.

    Parameters
    ----------
    path_or_buffer : str, path or file-like
        CSV with the columns ``dimension`` (a segment column name, e.g. ``gender``),
        ``group`` (a segment value, e.g. ``woman``) and ``population`` (a count).

    Returns
    -------
    pandas.DataFrame
        The checked table, with ``population`` as floats.

    Raises
    ------
    AnalysisInputError
        With REFERENCE_UNREADABLE, REFERENCE_NOT_CSV or one of check_reference's messages.
    """
    if isinstance(path_or_buffer, str | os.PathLike):
        source = os.fspath(path_or_buffer)
    else:
        source = getattr(path_or_buffer, "name", "<buffer>")
    try:
        table = pd.read_csv(path_or_buffer, dtype={"dimension": str, "group": str})
    except OSError as error:
        fail(REFERENCE_UNREADABLE, source=source, reason=error.strerror or error)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        fail(REFERENCE_NOT_CSV, source=source)
    return check_reference(table)


def check_reference(reference):
    """The reference table checked, with numeric populations."""
    if not isinstance(reference, pd.DataFrame):
        fail(NOT_A_DATAFRAME, name="reference", type=type(reference).__name__)
    for column in REFERENCE_COLUMNS:
        if column not in reference.columns:
            fail(REFERENCE_MISSING_COLUMN, column=column)
    table = reference[list(REFERENCE_COLUMNS)].astype({"dimension": str, "group": str})
    population = pd.to_numeric(table["population"], errors="coerce")
    bad = ~(population >= 0) | ~np.isfinite(population)
    if bad.any():
        row = table[bad].iloc[0]
        fail(
            REFERENCE_BAD_POPULATION, dimension=row.dimension, group=row.group, value=row.population
        )
    duplicated = table.duplicated(["dimension", "group"])
    if duplicated.any():
        row = table[duplicated].iloc[0]
        fail(REFERENCE_DUPLICATE, dimension=row.dimension, group=row.group)
    table = table.assign(population=population.astype(float))
    totals = table.groupby("dimension", sort=False)["population"].sum()
    if (totals <= 0).any():
        fail(REFERENCE_EMPTY_DIMENSION, dimension=totals.index[np.argmax(totals <= 0)])
    return table


def compared_dimensions(responses, reference, segments):
    """The segments the reference covers, checked to be columns of the responses."""
    dimensions = [column for column in segments if (reference["dimension"] == column).any()]
    check_frame(responses, segments=dimensions)
    return dimensions


def representation(
    responses, reference, *, segments=SEGMENTS, suppress_below=10, fdr=0.05, min_ratio=0.8
):
    """Compare who responded with the population, group by group.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per response with the segment columns (weights are ignored: this is about
        who took part).
    reference : pandas.DataFrame
        Census table with ``dimension``, ``group`` and ``population`` (see
        ``load_reference_csv``). Dimensions not in ``segments`` are ignored.
    segments : sequence of str, default ("age_band", "gender", "disability", "rurality")
        Segments to compare when the reference has them (they must then be columns).
    suppress_below : int, default 10
        Groups with 1 to ``suppress_below - 1`` respondents are suppressed (with complements).
    fdr : float, default 0.05
        False discovery rate for the Benjamini-Hochberg q-values over the call's tests.
    min_ratio : float, default 0.8
        A group is under-represented when q <= fdr and ratio <= min_ratio, over-represented
        when ratio >= 1 / min_ratio and the opposite one-sided test is significant.

    Returns
    -------
    pandas.DataFrame
        One row per (dimension, group): ``n``, ``share`` of respondents with a known value
        listed in the reference, ``reference_share``, ``ratio`` (share / reference share),
        ``p_value`` (one-sided binomial test of fewer respondents than expected),
        ``q_value`` and ``status`` ("under-represented", "over-represented", "ok",
        "suppressed", or "not in reference" for groups the census lacks).
        ``attrs["r_scores"]`` maps each dimension to its participation score R, the lowest
        over the highest participation rate (n / population) among the groups shown.
    """
    reference = check_reference(reference)
    dimensions = compared_dimensions(responses, reference, segments)
    return representation_from_cube(
        segment_cells(responses, dimensions),
        reference,
        segments=dimensions,
        suppress_below=suppress_below,
        fdr=fdr,
        min_ratio=min_ratio,
    )


def segment_cells(responses, segments):
    """Count responses per segment cell: the count cube without outcomes.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per response with the segment columns.
    segments : sequence of str
        Segment columns to count by; unknown values (NA...) are kept as cells of their own.

    Returns
    -------
    pandas.DataFrame
        The segment columns and ``count``, one row per combination present; a SQL
        ``GROUP BY`` of the segments gives the same table.
    """
    if not segments:
        return pd.DataFrame({"count": [len(responses)]})
    cells = responses.groupby(list(segments), dropna=False, sort=False).size()
    return cells.rename("count").reset_index()


def representation_from_cube(
    cells, reference, *, segments=SEGMENTS, suppress_below=10, fdr=0.05, min_ratio=0.8
):
    """The table of ``representation`` from responses counted per segment cell.

    Parameters
    ----------
    cells : pandas.DataFrame
        The segment columns and ``count``, the responses of each combination of segment values
        (for instance a SQL ``GROUP BY`` of the segments); unknown values may be left as they are.
    reference, segments, suppress_below, fdr, min_ratio
        As for ``representation``.

    Returns
    -------
    pandas.DataFrame
        The same table as ``representation``.
    """
    require(suppress_below >= 1, "suppress_below", "at least 1", suppress_below)
    require(0 < min_ratio < 1, "min_ratio", "in (0, 1)", min_ratio)
    reference = check_reference(reference)
    dimensions = compared_dimensions(cells, reference, segments)
    counts = cell_counts(cells)
    parts = [
        _dimension_rows(cells[column], counts, column, reference[reference["dimension"] == column])
        for column in dimensions
    ]
    if not parts:
        return _with_scores(pd.DataFrame(columns=list(REPRESENTATION_COLUMNS)))
    table = pd.concat(parts, ignore_index=True)
    hidden = suppression_mask(
        table, count_column="n", threshold=suppress_below, margins=[["dimension"]]
    )
    table = _test(table, ~hidden & table["reference_share"].notna(), fdr, min_ratio)
    numbers = [c for c in REPRESENTATION_COLUMNS if c not in ("dimension", "group", "status")]
    return _with_scores(blank(table, hidden, columns=numbers)[list(REPRESENTATION_COLUMNS)])


def cell_counts(cells):
    """The ``count`` column of a cell table as whole numbers, checked."""
    if not isinstance(cells, pd.DataFrame):
        fail(NOT_A_DATAFRAME, name="cells", type=type(cells).__name__)
    if "count" not in cells.columns:
        fail(MISSING_COLUMN, column="count")
    counts = to_float(cells["count"], "count")
    require(bool((counts >= 0).all()), "count", "whole numbers of at least 0", "a negative count")
    return counts.astype(np.int64)


def _dimension_rows(column, counts, name, reference):
    """Counts and shares of one dimension's groups, census groups first."""
    codes, levels = encode_segment(column, name)
    known = codes >= 0
    totals = np.bincount(codes[known], counts[known], minlength=len(levels)).astype(np.int64)
    observed = dict(zip(levels, totals, strict=True))
    groups = list(reference["group"]) + [g for g in levels if g not in set(reference["group"])]
    population = reference.set_index("group")["population"].reindex(groups).to_numpy()
    n = np.array([observed.get(group, 0) for group in groups], dtype=np.int64)
    in_reference = ~np.isnan(population)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(in_reference, n / n[in_reference].sum(), np.nan)
        reference_share = population / np.nansum(population)
        ratio = share / reference_share
    return pd.DataFrame(
        {
            "dimension": name,
            "group": groups,
            "n": n,
            "share": share,
            "reference_share": reference_share,
            "ratio": ratio,
        }
    )


def _test(table, testable, fdr, min_ratio):
    """One-sided binomial tests both ways, BH q-values and the status of each group."""
    listed = table["reference_share"].notna()
    total = table["n"].where(listed, 0).groupby(table["dimension"]).transform("sum").to_numpy()
    n, expected = table["n"].to_numpy(), table["reference_share"].to_numpy()
    testable = testable.to_numpy() & (total > 0)
    fewer = np.where(testable, stats.binom.cdf(n, total, expected), np.nan)
    more = np.where(testable, stats.binom.sf(n - 1, total, expected), np.nan)
    q_fewer, q_more = q_values(fewer, testable), q_values(more, testable)
    ratio = table["ratio"].to_numpy()
    status = np.select(
        [
            table["reference_share"].isna().to_numpy(),
            (q_fewer <= fdr) & (ratio <= min_ratio),
            (q_more <= fdr) & (ratio >= 1 / min_ratio),
        ],
        [NOT_IN_REFERENCE, UNDER, OVER],
        OK,
    )
    return table.assign(p_value=fewer, q_value=q_fewer, status=status)


def _with_scores(table):
    """The table with attrs["r_scores"]: lowest over highest ratio per dimension, shown groups."""
    scores = {}
    for dimension, ratios in table.groupby("dimension", sort=False)["ratio"]:
        shown = ratios.dropna().to_numpy(dtype=float)
        usable = shown.size > 1 and shown.max() > 0
        scores[dimension] = float(shown.min() / shown.max()) if usable else float("nan")
    table.attrs["r_scores"] = scores
    return table
