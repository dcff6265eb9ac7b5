"""Equity gaps: groups whose ratings are significantly and materially worse than the rest."""

import numpy as np

from ._cube import code_cube, count_cube
from ._disclosure import SUPPRESSED, blank
from ._groups import STAT_COLUMNS, disclosure_mask, group_table, parent_labels, segment_subsets
from ._stats import q_values, severity
from ._validate import SEGMENTS, require

GAP = "gap"
NO_GAP = "no gap"
INSUFFICIENT_N = "insufficient n"
# A group is intersectional when its delta is this much worse than its worst parent's.
INTERSECTION_MARGIN = 0.10
GAP_COLUMNS = (
    "segment",
    "order",
    "outcome",
    "n",
    "n_rest",
    "mean",
    "rest_mean",
    "top2",
    "rest_top2",
    "top2_ci_low",
    "top2_ci_high",
    "effect",
    "p_value",
    "q_value",
    "status",
    "severity",
    "intersectional",
)


def find_equity_gaps(
    responses,
    *,
    outcomes,
    segments=SEGMENTS,
    max_order=2,
    min_n_test=30,
    suppress_below=10,
    fdr=0.05,
    min_effect=0.147,
    scales=None,
):
    """Flag groups whose ratings are significantly and materially worse than everyone else's.

    Every group of every combination of up to ``max_order`` segments is compared, for each
    outcome, with the rest: everyone else who has a known value for each attribute of the
    group and answered the outcome. All statistics come from one count cube.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per response: segment columns, numeric outcome columns, optional ``weight``.
    outcomes : sequence of str
        Outcome columns to analyse (ratings, higher is better).
    segments : sequence of str, default ("age_band", "gender", "disability", "rurality")
        Segment columns; values such as NA, "" or "prefer not to say" never form a group.
    max_order : int, default 2
        Largest number of segments combined in one group.
    min_n_test : int, default 30
        Groups (or rests) smaller than this are shown but not tested: "insufficient n".
    suppress_below : int, default 10
        Groups (or rests) smaller than this are suppressed, with complements so that they
        cannot be recovered from margins.
    fdr : float, default 0.05
        False discovery rate for the Benjamini-Hochberg q-values over every test of the call.
    min_effect : float, default 0.147
        Smallest |Cliff's delta| of a gap (0.147 is the conventional "small" bound).
    scales : dict of str to (int, int), optional
        Rating scale per outcome; by default 1..5 or 1..7, whichever fits the data.

    Returns
    -------
    pandas.DataFrame
        One row per (group, outcome) with the columns of ``GAP_COLUMNS``. ``effect`` is
        Cliff's delta of the group against the rest (negative = worse); ``p_value`` the
        two-sided Mann-Whitney U test (asymptotic, tie and continuity corrected; Kish's
        effective n when weighted); ``status`` is "gap", "no gap", "insufficient n" or
        "suppressed" (no numbers at all); ``severity`` is the |delta| band of a gap.
    """
    cube = count_cube(responses, segments=segments, outcomes=outcomes, scales=scales)
    return find_equity_gaps_from_cube(
        cube,
        outcomes=outcomes,
        segments=segments,
        max_order=max_order,
        min_n_test=min_n_test,
        suppress_below=suppress_below,
        fdr=fdr,
        min_effect=min_effect,
        scales=scales,
    )


def find_equity_gaps_from_cube(
    cube,
    *,
    outcomes=None,
    segments=SEGMENTS,
    max_order=2,
    min_n_test=30,
    suppress_below=10,
    fdr=0.05,
    min_effect=0.147,
    scales=None,
):
    """Find equity gaps from a count cube, for instance one made by a SQL ``GROUP BY``.

    Parameters
    ----------
    cube : pandas.DataFrame
        The long count cube of ``count_cube``: the segment columns, ``outcome``, ``value``,
        ``count``, ``weight_sum`` and ``weight_sq_sum``. Unknown segment values (NA, "",
        "prefer not to say"...) may be left as they are.
    outcomes : sequence of str, optional
        Outcomes to analyse; by default every outcome of the cube, in order of appearance.
    segments, max_order, min_n_test, suppress_below, fdr, min_effect, scales
        As for ``find_equity_gaps``.

    Returns
    -------
    pandas.DataFrame
        The same table as ``find_equity_gaps``.
    """
    check_test_options(segments, max_order, min_n_test, suppress_below, fdr, min_effect)
    coded = code_cube(cube, segments=segments, outcomes=outcomes, scales=scales)
    table = assess(
        coded,
        orders=range(1, max_order + 1),
        min_n_test=min_n_test,
        suppress_below=suppress_below,
        fdr=fdr,
        min_effect=min_effect,
    )
    return table[list(GAP_COLUMNS)]


def check_test_options(segments, max_order, min_n_test, suppress_below, fdr, min_effect):
    """Fail with BAD_OPTION on an option outside its range."""
    names = list(segments)
    require(names and len(set(names)) == len(names), "segments", "distinct names", segments)
    require(1 <= max_order <= len(names), "max_order", f"between 1 and {len(names)}", max_order)
    require(min_n_test >= 1, "min_n_test", "at least 1", min_n_test)
    require(suppress_below >= 1, "suppress_below", "at least 1", suppress_below)
    require(0 < fdr <= 1, "fdr", "in (0, 1]", fdr)
    require(0 <= min_effect <= 1, "min_effect", "in [0, 1]", min_effect)


def assess(coded, *, orders, min_n_test, suppress_below, fdr, min_effect):
    """Group statistics with disclosure control, tests, q-values, status and severity."""
    subsets = segment_subsets(coded.segments, orders)
    table = group_table(coded, subsets=subsets)
    hidden = disclosure_mask(table, subsets=subsets, threshold=suppress_below)
    order = table["order"].to_numpy(dtype=int)
    tested = (
        ~hidden
        & (order > 0)
        & (table["n"].to_numpy(dtype=float) >= min_n_test)
        & (table["n_rest"].to_numpy(dtype=float) >= min_n_test)
    )
    p_value = np.where(tested, table["p_value"].to_numpy(dtype=float), np.nan)
    q_value = q_values(p_value, tested)
    effect = table["effect"].to_numpy(dtype=float)
    gap = tested & (q_value <= fdr) & (effect <= -min_effect)
    status = np.select(
        [hidden, order == 0, gap, tested], [SUPPRESSED, "", GAP, NO_GAP], INSUFFICIENT_N
    )
    table = table.assign(
        p_value=p_value,
        q_value=q_value,
        status=status,
        severity=np.where(gap, severity(effect), ""),
        intersectional=_intersectional(table, subsets, tested),
    )
    return blank(table, hidden, columns=[*STAT_COLUMNS, "q_value", "intersectional"])


def _intersectional(table, subsets, tested):
    """Whether each tested group of order 2+ is clearly worse than its worst tested parent."""
    keys = list(zip(table["outcome"], table["segment"], strict=True))
    effects = {
        key: e for key, e, is_tested in zip(keys, table["effect"], tested, strict=True) if is_tested
    }
    flags = []
    for (outcome, _), position, levels, effect, is_tested in zip(
        keys, table["subset"], table["levels"], table["effect"], tested, strict=True
    ):
        subset = subsets[position]
        parents = [effects.get((outcome, label)) for label in parent_labels(subset, levels)]
        parents = [e for e in parents if e is not None]
        flags.append(
            bool(is_tested and len(subset) > 1 and parents)
            and effect <= min(parents) - INTERSECTION_MARGIN
        )
    return np.array(flags, dtype=bool)
