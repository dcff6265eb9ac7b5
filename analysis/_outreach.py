"""The outreach planner: how many more responses each group needs, and where they came from.

The size comes from Noether's (1987) formula for the Wilcoxon-Mann-Whitney test. Cliff's delta
maps to ``P(X > Y) + P(X = Y) / 2 = (1 + delta) / 2``, so the test detects a true ``delta``
with the wanted power once ``delta^2 n m >= (z_a + z_b)^2 (n + m + 1) / 3``, where n is the
group's size and m its rest's. Ties (ratings on a 1..5 scale have many) make the real test
stronger than this, so the size errs on the safe side. The level is ``fdr / tests``: with the
default ``tests=1`` the FDR level itself, which Benjamini-Hochberg asks of the weakest of many
gaps found together; ``tests`` = every test of the gap finder is the Bonferroni level BH asks
of a gap found alone (a bound, far larger sizes).
"""

import numpy as np
import pandas as pd
from scipy import special

from ._groups import disclosure_mask, segment_label, segment_subsets
from ._representation import cell_counts
from ._validate import SEGMENTS, check_frame, is_unknown, require

READY = "ready"
MORE_NEEDED = "more needed"
OUT_OF_REACH = "out of reach"
SUPPRESSED = "suppressed"
# "About" 140 more: sizes are rounded up to this step, which also blurs exact counts.
ROUND_TO = 10
OUTREACH_COLUMNS = (
    "segment",
    "order",
    "n",
    "n_rest",
    "n_target",
    "n_more",
    "status",
    "best_channel",
    "best_channel_share",
    "best_kiosk",
    "best_kiosk_share",
)


def plan_outreach(
    responses,
    *,
    segments=SEGMENTS,
    max_order=2,
    effect=0.147,
    power=0.8,
    fdr=0.05,
    tests=1,
    min_n_test=30,
    suppress_below=10,
    sources=("channel", "kiosk"),
):
    """Further responses each group needs before a gap of a given size could be found.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per response with the segment columns and, optionally, the ``sources``
        columns (how each response came in: its channel, its kiosk).
    segments : sequence of str, default ("age_band", "gender", "disability", "rurality")
        Segment columns; unknown values never form a group.
    max_order : int, default 2
        Largest number of segments combined in one group (at most every segment).
    effect : float, default 0.147
        |Cliff's delta| to detect (0.147 is the "small" bound, the gap finder's ``min_effect``).
    power : float, default 0.8
        Chance of detecting a true gap of that size.
    fdr : float, default 0.05
        The gap finder's false discovery rate.
    tests : int, default 1
        Number of tests the rate is shared over (Bonferroni): 1 tests at the FDR level itself,
        the number of groups × questions asks what Benjamini-Hochberg needs of a lone gap.
    min_n_test : int, default 30
        The gap finder's smallest tested group: no target is below it.
    suppress_below : int, default 10
        Groups under this size show no numbers (with complements); neither do source cells.
    sources : sequence of str, default ("channel", "kiosk")
        Columns whose most frequent value in a group is named as what reached it best.

    Returns
    -------
    pandas.DataFrame
        One row per group with the columns of ``OUTREACH_COLUMNS``: ``n_target`` is the group
        size needed, ``n_more`` the further responses (both rounded up to tens), ``status``
        "ready", "more needed", "out of reach" (the rest is too small for any group size) or
        "suppressed"; ``best_<source>`` and its share of the group's responses.
    """
    segments = tuple(segments)
    # The source columns are text the responses format does not know of: checked apart.
    present = [column for column in sources if column in responses.columns]
    check_frame(responses.drop(columns=present), segments=segments)
    cells = responses.groupby([*segments, *present], dropna=False, sort=False).size()
    return plan_outreach_from_cube(
        cells.rename("count").reset_index(),
        segments=segments,
        max_order=max_order,
        effect=effect,
        power=power,
        fdr=fdr,
        tests=tests,
        min_n_test=min_n_test,
        suppress_below=suppress_below,
        sources=present,
    )


def plan_outreach_from_cube(
    cells,
    *,
    segments=SEGMENTS,
    max_order=2,
    effect=0.147,
    power=0.8,
    fdr=0.05,
    tests=1,
    min_n_test=30,
    suppress_below=10,
    sources=("channel", "kiosk"),
):
    """The table of ``plan_outreach`` from responses counted per segment and source cell.

    Parameters
    ----------
    cells : pandas.DataFrame
        The segment columns, the ``sources`` columns present and ``count``: responses per
        combination of their values, NA kept (for instance a SQL ``GROUP BY``).
    segments, max_order, effect, power, fdr, tests, min_n_test, suppress_below, sources
        As for ``plan_outreach``.

    Returns
    -------
    pandas.DataFrame
        The same table as ``plan_outreach``.
    """
    segments = tuple(segments)
    _check_options(segments, max_order, effect, power, fdr, tests, min_n_test, suppress_below)
    present = [column for column in sources if column in cells.columns]
    check_frame(cells.drop(columns=present), segments=segments)
    cells = cells.assign(count=cell_counts(cells))
    subsets = segment_subsets(segments, range(1, min(max_order, len(segments)) + 1))
    table = pd.concat([_subset_counts(cells, s, p) for p, s in enumerate(subsets)])
    table = table.reset_index(drop=True)
    alpha = fdr / tests
    table["n_target"] = _target(table["n_rest"].to_numpy(float), effect, power, alpha, min_n_test)
    for source in ("channel", "kiosk"):
        best, share = _best_source(cells, table, subsets, source, present, suppress_below)
        table[f"best_{source}"], table[f"best_{source}_share"] = best, share
    return _disclose(table, subsets, suppress_below)[list(OUTREACH_COLUMNS)]


def _check_options(segments, max_order, effect, power, fdr, tests, min_n_test, suppress_below):
    """Fail with BAD_OPTION on an option outside its range."""
    require(segments and len(set(segments)) == len(segments), "segments", "distinct", segments)
    require(max_order >= 1, "max_order", "at least 1", max_order)
    require(0 < effect < 1, "effect", "in (0, 1)", effect)
    require(0 < power < 1, "power", "in (0, 1)", power)
    require(0 < fdr < 1, "fdr", "in (0, 1)", fdr)
    require(tests >= 1, "tests", "at least 1", tests)
    require(min_n_test >= 1, "min_n_test", "at least 1", min_n_test)
    require(suppress_below >= 1, "suppress_below", "at least 1", suppress_below)


def noether_size(n_rest, *, effect, power, alpha):
    """Group size at which the two-sided U test at alpha detects delta = effect with power.

    Infinite when even an endless group would not do against a rest of n_rest.
    """
    z = special.ndtri(1 - alpha / 2) + special.ndtri(power)
    n_rest = np.asarray(n_rest, dtype=float)
    room = 3 * effect**2 * n_rest - z**2
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(room > 0, z**2 * (n_rest + 1) / room, np.inf)


def _target(n_rest, effect, power, alpha, min_n_test):
    """Group sizes to aim for, at least min_n_test, rounded up to tens."""
    size = np.maximum(noether_size(n_rest, effect=effect, power=power, alpha=alpha), min_n_test)
    return np.where(np.isfinite(size), np.ceil(size / ROUND_TO) * ROUND_TO, np.inf)


def _known(cells, subset):
    """Cells known on every attribute of a subset."""
    known = np.ones(len(cells), dtype=bool)
    for column in subset:
        known &= ~cells[column].map(is_unknown).to_numpy(dtype=bool)
    return known


def _subset_counts(cells, subset, position):
    """Group sizes and rest sizes of one segment subset."""
    known = cells.loc[_known(cells, subset), [*subset, "count"]]
    counts = known.astype({c: str for c in subset}).groupby(list(subset), sort=True)["count"].sum()
    levels = [key if isinstance(key, tuple) else (key,) for key in counts.index]
    return pd.DataFrame(
        {
            "segment": [segment_label(subset, lv) for lv in levels],
            "order": len(subset),
            "subset": position,
            "levels": pd.Series(levels, dtype=object),
            "n": counts.to_numpy(dtype=float),
            "n_rest": known["count"].sum() - counts.to_numpy(dtype=float),
        }
    )


def _best_source(cells, table, subsets, source, sources, suppress_below):
    """The most frequent value of a source column per group, and its share of the group.

    Ties go to the value first in alphabetical order, so the answer never depends on the
    order in which responses were read.
    """
    best = pd.Series(pd.NA, index=table.index, dtype=object)
    share = np.full(len(table), np.nan)
    if source not in sources:
        return best, share
    row_of = dict(zip(table["segment"], table.index, strict=True))
    for subset in subsets:
        known = cells.loc[_known(cells, subset), [*subset, source, "count"]]
        known = known.dropna(subset=[source]).astype({c: str for c in (*subset, source)})
        counted = known.groupby([*subset, source], sort=True)["count"].sum()
        counted = counted[counted >= suppress_below].sort_values(ascending=False, kind="stable")
        for (*levels, value), count in counted.items():
            row = row_of[segment_label(subset, levels)]
            if pd.isna(best[row]):
                best[row], share[row] = value, count / table.at[row, "n"]
    return best, share


def _disclose(table, subsets, suppress_below):
    """Blank the numbers of small groups, groups inside them and complements; set the status."""
    # The gap finder's rules, as if for one outcome: inheritance, complements and totals too.
    hidden = disclosure_mask(table.assign(outcome=""), subsets=subsets, threshold=suppress_below)
    n, target = table["n"].to_numpy(float), table["n_target"].to_numpy(float)
    more = np.where(np.isfinite(target), np.maximum(target - n, 0), np.nan)
    status = np.select(
        [hidden, ~np.isfinite(target), more <= 0], [SUPPRESSED, OUT_OF_REACH, READY], MORE_NEEDED
    )
    table = table.assign(
        n_more=np.ceil(more / ROUND_TO) * ROUND_TO,
        n_target=np.where(np.isfinite(target), target, np.nan),
        status=status,
    )
    numbers = ["n", "n_rest", "n_target", "n_more", "best_channel_share", "best_kiosk_share"]
    table.loc[hidden, numbers] = np.nan
    table.loc[hidden, ["best_channel", "best_kiosk"]] = pd.NA
    return table
