"""The overview's tables: responses over time by channel and the spread of each rating.

Counts come from the database (cube_queries) and go through `analysis`' small-cell suppression,
with margins chosen so that no hidden cell can be worked back from what is shown.
"""

from datetime import timedelta

import numpy as np
import pandas as pd

import analysis

PERIOD_CODES = {"day": "D", "week": "W-SUN", "month": "M"}
TIMELINE_COLUMNS = ["period", "channel", "count", "status"]
RATING_COLUMNS = ["outcome", "value", "count", "share", "top_two", "status"]
QUESTION_COLUMNS = ["outcome", "n", "mean", "top2", "status"]
# A mean beside hidden cells is shown to one decimal, as the pages show every mean.
MEAN_DECIMALS = 1


def period_for(span):
    """Days for a few weeks, weeks for a few months, months beyond: about 4 to 30 points."""
    if span <= timedelta(days=21):
        return "day"
    return "week" if span <= timedelta(days=120) else "month"


def utc_naive(stamp):
    """A stored timestamp as a naive UTC pandas Timestamp (SQLite keeps no offset)."""
    stamp = pd.Timestamp(stamp)
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp


def timeline(days, first, last, threshold):
    """(period, DataFrame) of responses per period start and channel, suppressed.

    `days` has the responses per UTC day and channel (day, channel, count); `first` and
    `last` are the earliest and latest timestamps, which choose the period.
    """
    if days.empty:
        return "month", pd.DataFrame(columns=TIMELINE_COLUMNS)
    period = period_for(utc_naive(last) - utc_naive(first))
    periods = pd.to_datetime(days["day"]).dt.to_period(PERIOD_CODES[period])
    every_period = pd.period_range(periods.min(), periods.max(), freq=PERIOD_CODES[period])
    counts = (
        days.assign(period=periods)
        .pivot_table(index="period", columns="channel", values="count", aggfunc="sum")
        .reindex(every_period)
        .fillna(0)
        .astype("int64")
        .stack()
        .rename("count")
        .reset_index()
    )
    counts.columns = ["period", "channel", "count"]
    counts["period"] = counts["period"].dt.start_time.dt.date
    # Fewer responses than the threshold in all: no figure at all, so not a zero beside hidden
    # cells either, and no chart drawn along zero.
    withheld = [days["count"].sum() < threshold] * len(counts)
    shown = analysis.suppress_small_cells(
        counts,
        count_column="count",
        threshold=threshold,
        margins=[["period"], ["channel"]],
        hidden=withheld,
    )
    return period, shown[TIMELINE_COLUMNS]


def partial_periods(first, last, period, until):
    """The starts of the periods that the data cannot fill, so that a chart can say so.

    The first period is partial when the data begin after it starts (a month begun mid-way);
    the last when it ends after `until`, the exclusive end of what can have been answered
    (tomorrow, or the filter's end): the current, unfinished month.
    """
    if first is None:
        return []
    frequency = PERIOD_CODES[period]
    first, last = utc_naive(first), utc_naive(last)
    start, end = first.to_period(frequency), last.to_period(frequency)
    partial = set()
    if first.date() > start.start_time.date():
        partial.add(start.start_time.date())
    if (end.end_time + pd.Timedelta(1, "ns")).date() > until:
        partial.add(end.start_time.date())
    return sorted(partial)


def channel_totals(days, threshold):
    """Responses per channel, most first; the overall total is public, so one hidden channel
    hides two."""
    counts = days.groupby("channel")["count"].sum().sort_values(ascending=False, kind="stable")
    table = counts.astype("int64").rename("count").reset_index()
    shown = analysis.suppress_small_cells(table, count_column="count", threshold=threshold)
    return shown[["channel", "count", "status"]]


def rating_tables(counted, total, outcomes, scales, threshold):
    """(distribution, per-question summary) of every outcome, suppressed.

    `counted` is the number of answers per (outcome, value), a Series; `total` the number of
    responses. The top two values of a scale form a margin of their own, so the top-two
    share shown in the summary never reveals a hidden cell; beside hidden cells a mean is
    shown only rounded, and only when the rounding hides how the hidden people answered.
    """
    if not total or not outcomes:
        return pd.DataFrame(columns=RATING_COLUMNS), pd.DataFrame(columns=QUESTION_COLUMNS)
    grid = pd.DataFrame(
        [
            (outcome, value, int(counted.get((outcome, value), 0)), value >= scales[outcome][1] - 1)
            for outcome in outcomes
            for value in range(scales[outcome][0], scales[outcome][1] + 1)
        ],
        columns=["outcome", "value", "count", "top_two"],
    )
    totals = grid.groupby("outcome", sort=False)["count"].transform("sum")
    grid["share"] = np.where(totals > 0, grid["count"] / totals.where(totals > 0, 1), np.nan)
    distribution = analysis.suppress_small_cells(
        grid,
        count_column="count",
        threshold=threshold,
        margins=[["outcome"], ["outcome", "top_two"]],
        columns=["count", "share"],
        hidden=totals.between(1, threshold - 1),  # a question answered by too few: all hidden
    )
    return distribution[RATING_COLUMNS], _summary(grid, distribution, outcomes, threshold)


def _summary(grid, distribution, outcomes, threshold):
    rows = []
    for outcome in outcomes:
        cells = grid[grid["outcome"] == outcome]
        hidden = distribution.loc[cells.index, "status"].eq("suppressed")
        n = int(cells["count"].sum())
        if n < threshold:
            rows.append((outcome, np.nan, np.nan, np.nan, "suppressed" if n else "no answers"))
            continue
        mean = _safe_mean(cells["value"], cells["count"], hidden)
        top2 = float(cells.loc[cells["top_two"], "count"].sum() / n)
        rows.append((outcome, n, mean, top2, "mean suppressed" if pd.isna(mean) else ""))
    return pd.DataFrame(rows, columns=QUESTION_COLUMNS)


def _safe_mean(values, counts, hidden):
    """The mean, rounded to MEAN_DECIMALS when some cells are hidden; NaN when it would tell.

    With hidden cells, the exact mean and the shown counts solve for them. The rounded mean
    is shown only if every way of spreading the hidden people over the hidden values gives
    the same rounded mean: then it says nothing about them. With thousands of answers it
    always does, so a large service keeps its headline means.
    """
    n = counts.sum()
    if not hidden.any():
        return float((values * counts).sum() / n)
    shown_sum = (values[~hidden] * counts[~hidden]).sum()
    people = counts[hidden].sum()
    lowest = (shown_sum + people * values[hidden].min()) / n
    highest = (shown_sum + people * values[hidden].max()) / n
    low, high = round(float(lowest), MEAN_DECIMALS), round(float(highest), MEAN_DECIMALS)
    return low if low == high else np.nan
