"""Journey curves: how people felt at each stage, the barriers they met, and gaps per stage."""

import numpy as np
import pandas as pd

from ._cube import code_cube, count_cube
from ._gaps import assess, check_test_options
from ._groups import disclosure_mask, group_table, segment_subsets
from ._validate import (
    BARRIER_PREFIX,
    STAGE_PREFIX,
    check_frame,
    columns_of_kind,
)

JOURNEY_COLUMNS = (
    "stage",
    "segment",
    "order",
    "n",
    "mean",
    "ci_low",
    "ci_high",
    "effect",
    "p_value",
    "q_value",
    "status",
    "severity",
    "intersectional",
)


def journey_curve(
    responses,
    *,
    stages=None,
    by=None,
    max_order=1,
    min_n_test=30,
    suppress_below=10,
    fdr=0.05,
    min_effect=0.147,
):
    """Mean emotion per stage, overall and per segment group, with barriers and gap tests.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per response with ``stage:<name>`` columns (emotion -2..+2, NA when the
        person did not go through the stage) and optional ``barrier:<stage>:<code>``
        columns (1 when the person met the barrier, 0 when not, NA when not asked).
    stages : sequence of str, optional
        Stage names (without the ``stage:`` prefix) in journey order; by default every
        stage column, in frame order.
    by : str or sequence of str, optional
        Segment columns; when given, each of their groups (up to ``max_order`` combined) gets
        a row per stage and the gap test of ``find_equity_gaps`` against everyone else.
    max_order, min_n_test, suppress_below, fdr, min_effect
        As for ``find_equity_gaps``; q-values cover every stage test of the call.

    Returns
    -------
    pandas.DataFrame
        One row per (stage, group): ``segment`` ("all" for everyone, ``order`` 0), ``n``,
        ``mean`` emotion and its 95% t interval (``ci_low``, ``ci_high``; Kish's effective n
        when weighted), ``effect``, ``p_value``, ``q_value``, ``status`` ("" for the
        overall rows), ``severity``, ``intersectional``, then ``barrier:<code>`` with the
        share of the group reporting each barrier of the stage. Disclosure control as for
        gaps: suppressed rows carry no numbers.
    """
    by = (by,) if isinstance(by, str) else tuple(by or ())
    stage_columns = (
        [STAGE_PREFIX + name for name in stages]
        if stages is not None
        else columns_of_kind(responses, "stage")
    )
    check_frame(responses, segments=by, required=stage_columns)
    names = {f"{BARRIER_PREFIX}{c[len(STAGE_PREFIX) :]}:" for c in stage_columns}
    barrier_columns = [
        c for c in columns_of_kind(responses, "barrier") if c.rpartition(":")[0] + ":" in names
    ]
    return journey_curve_from_cube(
        count_cube(responses, segments=by, outcomes=stage_columns),
        count_cube(responses, segments=by, outcomes=barrier_columns) if barrier_columns else None,
        stages=[column[len(STAGE_PREFIX) :] for column in stage_columns],
        by=by,
        max_order=max_order,
        min_n_test=min_n_test,
        suppress_below=suppress_below,
        fdr=fdr,
        min_effect=min_effect,
    )


def journey_curve_from_cube(
    emotions,
    barriers=None,
    *,
    stages,
    by=None,
    max_order=1,
    min_n_test=30,
    suppress_below=10,
    fdr=0.05,
    min_effect=0.147,
):
    """The table of ``journey_curve`` from count cubes, for instance made by SQL ``GROUP BY``.

    Parameters
    ----------
    emotions : pandas.DataFrame
        Count cube (see ``count_cube``) of the ``stage:<name>`` outcomes, emotion -2..+2.
    barriers : pandas.DataFrame, optional
        Count cube of the ``barrier:<stage>:<code>`` outcomes, value 1 for those who met the
        barrier and 0 for those who did not; barriers of other stages are ignored.
    stages : sequence of str
        Stage names (without the ``stage:`` prefix) in journey order.
    by, max_order, min_n_test, suppress_below, fdr, min_effect
        As for ``journey_curve``.

    Returns
    -------
    pandas.DataFrame
        The same table as ``journey_curve``.
    """
    by = (by,) if isinstance(by, str) else tuple(by or ())
    stage_columns = [STAGE_PREFIX + name for name in stages]
    if by:
        check_test_options(by, max_order, min_n_test, suppress_below, fdr, min_effect)
    orders = range(0, max_order + 1 if by else 1)
    emotions = assess(
        code_cube(emotions, segments=by, outcomes=stage_columns),
        orders=orders,
        min_n_test=min_n_test,
        suppress_below=suppress_below,
        fdr=fdr,
        min_effect=min_effect,
    )
    curve = emotions.rename(columns={"mean_ci_low": "ci_low", "mean_ci_high": "ci_high"}).assign(
        # Text even when no one told a stage (an empty list would make it float).
        stage=pd.Series(
            [column[len(STAGE_PREFIX) :] for column in emotions["outcome"]],
            index=emotions.index,
            dtype=object,
        )
    )[list(JOURNEY_COLUMNS)]
    shares = _barrier_shares(barriers, stage_columns, by, orders, suppress_below)
    merged = curve.merge(shares, on=["stage", "segment"], how="left", validate="1:1")
    merged.loc[curve["status"].eq("suppressed").to_numpy(), list(shares.columns[2:])] = np.nan
    return merged


def _barrier_shares(cube, stage_columns, by, orders, suppress_below):
    """Share reporting each barrier per (stage, group), wide, NaN where suppressed."""
    names = {f"{BARRIER_PREFIX}{c[len(STAGE_PREFIX) :]}:" for c in stage_columns}
    present = [] if cube is None else list(dict.fromkeys(cube["outcome"]))
    columns = [c for c in present if str(c).rpartition(":")[0] + ":" in names]
    if not columns:
        return pd.DataFrame(columns=["stage", "segment"])
    coded = code_cube(cube, segments=by, outcomes=columns)
    subsets = segment_subsets(by, orders)
    table = group_table(coded, subsets=subsets)
    hidden = disclosure_mask(table, subsets=subsets, threshold=suppress_below)
    names = [column.split(":", 2) for column in table["outcome"]]
    shares = pd.DataFrame(
        {
            "stage": [stage for _, stage, _ in names],
            "segment": table["segment"],
            "barrier": [BARRIER_PREFIX + code for _, _, code in names],
            "share": np.where(hidden, np.nan, table["mean"].to_numpy(dtype=float)),
        }
    )
    wide = shares.pivot(index=["stage", "segment"], columns="barrier", values="share")
    # Keys stay text when no group is left (pandas would make empty keys float).
    keys = {"stage": object, "segment": object}
    return wide.reset_index().rename_axis(columns=None).astype(keys)
