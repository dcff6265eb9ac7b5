"""Disclosure control: primary and secondary suppression of small cells."""

import numpy as np
import pandas as pd

SUPPRESSED = "suppressed"


def is_small(counts, threshold):
    """Counts that describe someone (above zero) but fewer people than the threshold."""
    return (counts > 0) & (counts < threshold)


def suppression_mask(table, *, count_column, threshold, margins=((),), hidden=None):
    """Rows to hide in a table: small cells, rows in hidden, and their complements."""
    counts = table[count_column].to_numpy(dtype=float, na_value=0.0)
    lines = [_line_ids(table, margin) for margin in margins]
    return protect(counts, lines, threshold=threshold, hidden=hidden)


def protect(counts, lines, *, threshold, hidden=None):
    """Cells to hide: 0 < count < threshold, hidden ones, and complements.

    lines holds one array per margin naming each cell's line. A complement is the smallest
    visible cell of a line that would otherwise hold exactly one hidden cell; lines are
    re-checked until none holds exactly one.
    """
    mask = is_small(counts, threshold)
    if hidden is not None:
        mask |= np.asarray(hidden, dtype=bool)
    changed = True
    while changed:
        changed = False
        for ids in lines:
            for line in np.flatnonzero(np.bincount(ids, mask) == 1):
                candidates = np.flatnonzero((ids == line) & ~mask)
                if candidates.size:
                    mask[candidates[np.argmin(counts[candidates])]] = True
                    changed = True
    return mask


def _line_ids(table, margin):
    """An integer id per row naming its line of the margin (one line when margin is empty)."""
    if not margin or table.empty:
        return np.zeros(len(table), dtype=np.int64)
    return table.groupby(list(margin), dropna=False, sort=False).ngroup().to_numpy()


def blank(table, mask, *, columns=None, status_column="status"):
    """A copy with NaN (or NA) in the number columns and status "suppressed" on masked rows."""
    mask = np.asarray(mask, dtype=bool)
    if columns is None:
        columns = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c].dtype)]
    status = table[status_column] if status_column in table.columns else ""
    blanked = {column: _blanked(table[column], mask) for column in columns}
    blanked[status_column] = np.where(mask, SUPPRESSED, status)
    return table.assign(**blanked)


def _blanked(column, mask):
    """A column with its masked values missing: Int64 for counts, boolean for flags."""
    if pd.api.types.is_integer_dtype(column.dtype):
        return pd.arrays.IntegerArray(column.to_numpy(dtype=np.int64, na_value=0), mask)
    if pd.api.types.is_bool_dtype(column.dtype):
        return pd.arrays.BooleanArray(column.to_numpy(dtype=bool, na_value=False), mask)
    return np.where(mask, np.nan, column.to_numpy(dtype=float, na_value=np.nan))


def suppress_small_cells(
    table, *, count_column, threshold, margins=((),), columns=None, hidden=None
):
    """Hide the numbers of small cells and of enough other cells to protect them.

    Primary suppression hides every cell with ``0 < count < threshold`` (a zero describes
    nobody). Secondary suppression then hides the smallest remaining cell of any margin line
    left with exactly one hidden cell, because that cell could otherwise be recovered by
    subtracting the visible cells from the line's total; this repeats until every line
    holds no hidden cell or at least two.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per cell.
    count_column : str
        Column with the number of people in each cell.
    threshold : int
        Smallest count that may be shown.
    margins : sequence of sequence of str, default ((),)
        Each entry names the columns whose values identify a line of cells with a published
        (or derivable) total; the empty entry is the whole table. For a two-way table by
        ``a`` and ``b``, use ``[["a"], ["b"]]`` (the rows and columns).
    columns : sequence of str, optional
        Columns blanked on hidden rows; by default every numeric column.
    hidden : array-like of bool, optional
        Rows to hide for other reasons (for instance a small complement group).

    Returns
    -------
    pandas.DataFrame
        A copy where hidden rows hold NaN (or NA) in ``columns`` and ``"suppressed"`` in
        ``status`` (a ``status`` column is added, empty for shown rows, when missing).
    """
    mask = suppression_mask(
        table, count_column=count_column, threshold=threshold, margins=margins, hidden=hidden
    )
    return blank(table, mask, columns=columns)
