"""Ranked insights from gaps, journeys, representation and themes, each with its reason."""

import math

import numpy as np
import pandas as pd

from ._validate import MISSING_COLUMN, fail

INSIGHT_COLUMNS = (
    "rank",
    "kind",
    "segment",
    "outcome",
    "score",
    "severity",
    "intersectional",
    "q_value",
    "effect",
    "n",
    "reason",
    "reason_key",
    "reason_params",
    "insight_key",
)
SEVERITY_POINTS = {"large": 3, "medium": 2, "small": 1, "": 0}
INTERSECTIONAL_BONUS = 0.5
# Representation: ratio bounds of each severity; journey pain points: mean emotion bounds.
RATIO_BANDS = ((0.5, "large"), (2 / 3, "medium"), (1.0, "small"))
EMOTION_BANDS = ((-1.0, "large"), (-0.5, "medium"), (0.0, "small"))
REASONS = {
    "gap": (
        "People with {segment} rate {outcome} worse than everyone else: "
        "Cliff's delta {effect:+.2f} ({severity} gap), q = {q_value:.2g}, {n} people."
    ),
    "intersectional_gap": (
        "People with {segment} rate {outcome} worse than everyone else, and worse than each of "
        "these groups taken alone: Cliff's delta {effect:+.2f} ({severity} gap), "
        "q = {q_value:.2g}, {n} people."
    ),
    "journey_gap": (
        "At the {outcome} stage, people with {segment} feel worse than everyone else: "
        "Cliff's delta {effect:+.2f} ({severity} gap), q = {q_value:.2g}, {n} people."
    ),
    "pain_point": (
        "The {outcome} stage feels bad for everyone: mean emotion {mean:+.2f} on -2..+2 "
        "(95% interval up to {ci_high:+.2f}), {n} people."
    ),
    "under_represented": (
        "People with {segment} are under-represented: {share:.1%} of respondents against "
        "{reference_share:.1%} of the population (ratio {ratio:.2f}), q = {q_value:.2g}."
    ),
    "theme": 'Comments on "{top_terms}" make up {share:.0%} of all comments ({n} comments).',
}
GAP_NEEDS = ("segment", "outcome", "n", "effect", "q_value", "status", "severity")


def prioritize(gaps, *, journey=None, themes=None, representation=None):
    """Rank every finding into one list of insights, most pressing first.

    The ``score`` is the severity points (large 3, medium 2, small 1, none 0) plus 0.5 for an
    intersectional gap. Ties go to the larger ``|effect|``, then the smaller ``q_value``,
    then the larger ``n``, then ``insight_key``, so the order is stable.

    Parameters
    ----------
    gaps : pandas.DataFrame
        Output of ``find_equity_gaps``; rows with status "gap" become insights.
    journey : pandas.DataFrame, optional
        Output of ``journey_curve``: stage gaps, and stages whose 95% interval for everyone
        lies below 0 ("pain points", severity by mean emotion: -1 large, -0.5 medium).
    themes : pandas.DataFrame, optional
        Output of ``themes``: one insight per theme (no severity; ``effect`` is its share).
    representation : pandas.DataFrame, optional
        Output of ``representation``: under-represented groups (severity by ratio: 0.5 or
        less large, 2/3 or less medium, else small; ``effect`` is ratio - 1).

    Returns
    -------
    pandas.DataFrame
        Columns of ``INSIGHT_COLUMNS``. ``reason`` is plain English, built from the template
        ``REASONS[reason_key]`` and the dict ``reason_params`` (JSON-safe: missing numbers
        are None), so it can be translated;
        ``insight_key`` is a stable id such as ``"gap|disability=yes & rurality=rural|ease"``.
    """
    rows = _gap_insights(gaps, "gap")
    if journey is not None:
        rows += _gap_insights(journey.rename(columns={"stage": "outcome"}), "journey")
        rows += _pain_points(journey)
    if representation is not None:
        rows += _representation_insights(representation)
    if themes is not None:
        rows += _theme_insights(themes)
    return _ranked(pd.DataFrame(rows, columns=list(INSIGHT_COLUMNS[1:])))


def _gap_insights(table, kind):
    """Insights from rows with status "gap" of a gaps or journey table."""
    _require(table, GAP_NEEDS)
    rows = table[table["status"].eq("gap")]
    return [
        _insight(
            kind,
            row,
            _gap_reason(kind, row),
            severity=row.severity,
            intersectional=bool(getattr(row, "intersectional", False)),
            effect=row.effect,
        )
        for row in rows.itertuples(index=False)
    ]


def _gap_reason(kind, row):
    """The reason key of a gap row."""
    if kind == "journey":
        return "journey_gap"
    return "intersectional_gap" if row.intersectional else "gap"


def _pain_points(journey):
    """Stages whose 95% interval for everyone lies below zero."""
    _require(journey, ("stage", "order", "mean", "ci_high", "n"))
    rows = journey[journey["order"].eq(0) & (journey["ci_high"] < 0)]
    return [
        _insight(
            "journey",
            row,
            "pain_point",
            severity=_band(row.mean, EMOTION_BANDS),
            effect=row.mean / 2,
            extra={"outcome": row.stage, "mean": row.mean, "ci_high": row.ci_high},
        )
        for row in rows.itertuples(index=False)
    ]


def _representation_insights(table):
    """Under-represented groups."""
    _require(table, ("dimension", "group", "n", "share", "reference_share", "ratio", "status"))
    rows = table[table["status"].eq("under-represented")]
    return [
        _insight(
            "representation",
            row,
            "under_represented",
            severity=_band(row.ratio, RATIO_BANDS),
            effect=row.ratio - 1,
            extra={
                "segment": f"{row.dimension}={row.group}",
                "outcome": "",
                "share": row.share,
                "reference_share": row.reference_share,
                "ratio": row.ratio,
            },
        )
        for row in rows.itertuples(index=False)
    ]


def _theme_insights(table):
    """One insight per theme."""
    _require(table, ("top_terms", "n", "share"))
    return [
        _insight(
            "theme",
            row,
            "theme",
            effect=row.share,
            extra={
                "segment": "all",
                "outcome": "",
                "q_value": np.nan,
                "top_terms": row.top_terms,
                "share": row.share,
            },
        )
        for row in table.itertuples(index=False)
    ]


def _insight(kind, row, reason_key, *, effect, severity="", intersectional=False, extra=None):
    """One insight row with its reason and stable key."""
    fields = {"segment": getattr(row, "segment", ""), "outcome": getattr(row, "outcome", "")}
    fields.update({"q_value": getattr(row, "q_value", np.nan), "n": row.n})
    fields.update({"effect": effect, "severity": severity, **(extra or {})})
    fields = {key: _plain(value) for key, value in fields.items()}
    params = {key: None if _missing(value) else value for key, value in fields.items()}
    key_parts = [kind, params["segment"], params["outcome"]]
    if kind == "theme":
        key_parts = [kind, " ".join(str(row.top_terms).split(", ")[:3])]
    return {
        "kind": kind,
        "segment": params["segment"],
        "outcome": params["outcome"],
        "score": SEVERITY_POINTS[severity] + INTERSECTIONAL_BONUS * intersectional,
        "severity": severity,
        "intersectional": intersectional,
        "q_value": fields["q_value"],
        "effect": fields["effect"],
        "n": fields["n"],
        "reason": REASONS[reason_key].format(**fields),
        "reason_key": reason_key,
        "reason_params": params,
        "insight_key": "|".join(str(part) for part in key_parts if part != ""),
    }


def _plain(value):
    """A numpy scalar as a plain Python value, so params serialise to JSON."""
    return value.item() if isinstance(value, np.generic) else value


def _missing(value):
    """Whether a parameter is a missing number (sent as None, since JSON has no NaN)."""
    return isinstance(value, float) and math.isnan(value)


def _band(value, bands):
    """The label of the first band whose bound the value does not exceed."""
    return next(label for bound, label in bands if value <= bound)


def _require(table, columns):
    """Fail unless a table has the columns an insight needs."""
    for column in columns:
        if column not in table.columns:
            fail(MISSING_COLUMN, column=column)


def _ranked(insights):
    """Insights sorted by score, |effect|, q, n and key, with their rank."""
    order = np.lexsort(
        (
            insights["insight_key"].to_numpy(dtype=str),
            -insights["n"].to_numpy(dtype=float),
            np.nan_to_num(insights["q_value"].to_numpy(dtype=float), nan=np.inf),
            -np.abs(insights["effect"].to_numpy(dtype=float)),
            -insights["score"].to_numpy(dtype=float),
        )
    )
    ranked = insights.iloc[order].reset_index(drop=True)
    ranked.insert(0, "rank", np.arange(1, len(ranked) + 1))
    return ranked
