"""The one place the web app runs `analysis`: one service, one filter, disclosure control on.

Pages, exports and the API call these functions and show what they return, so a number is
computed (and protected) the same way wherever it appears. The inputs are counted by the
database (cube_queries), never loaded a response at a time, so the work per page does not grow
with the number of responses; only comment themes read rows, a bounded sample of them.
Results are cached until the responses behind them change (see cache.py): treat returned
tables as read-only.
"""

from datetime import timedelta

import pandas as pd
from flask import current_app
from sqlalchemy import select
from threadpoolctl import threadpool_limits

import analysis

from ..database import utcnow
from ..extensions import db
from . import cube_queries
from .cache import cached, response_part
from .decisions import merge_decisions
from .filters import service_questions
from .frames import SEGMENTS, comments_frame
from .models import ReferencePopulation
from .overview import channel_totals, partial_periods, rating_tables, timeline

# Smallest group whose numbers may be shown, and smallest group that is tested.
SUPPRESS_BELOW = 10
MIN_N_TEST = 30
SEVERITY_POINTS = {"large": 3, "medium": 2, "small": 1}
EMPTY_JOURNEY_COLUMNS = ["stage", "segment", "order", "n", "mean", "ci_low", "ci_high"]
EMPTY_JOURNEY_COLUMNS += ["effect", "p_value", "q_value", "status", "severity", "intersectional"]


def groups_with_a_figure(table):
    """The rows of the groups with at least one figure shown.

    Every figure of a group hidden means fewer than SUPPRESS_BELOW of its people here: a row
    naming it, even as hidden, would still tell that someone of it took part (a one-day filter
    would name its one resident's age band, gender, disability and place).
    """
    shown = set(table.loc[table["status"] != analysis.SUPPRESSED, "segment"])
    return table[table["segment"].isin(shown)].reset_index(drop=True)


def outcomes(service):
    """The service's question codes, in question-set order: the outcomes analysed."""
    return [question.code for question in service_questions(service)]


def scales(service):
    return {q.code: (q.scale_min, q.scale_max) for q in service_questions(service)}


def stage_codes(service):
    return [stage.code for stage in service.journey.stages] if service.journey else []


def _cached(kind, service, response_filter, compute, *extra):
    """cached() with what the analysis depends on besides the responses in the key."""
    shape = (tuple(outcomes(service)), tuple(stage_codes(service)))
    return cached((kind, shape, *extra), service, response_filter, _one_thread(compute))


def _one_thread(compute):
    """Run with one BLAS thread: a few thousand rows gain nothing from more, and web workers
    that each start a thread per core slow one another down (NMF took 3-5x longer)."""

    def run():
        with threadpool_limits(limits=1):
            return compute()

    return run


def _cube(kind, service, response_filter):
    """One of cube_queries' tables for the filter's responses, cached and shared by analyses."""
    chosen = response_part(response_filter)
    query = getattr(cube_queries, kind)
    return cached(("cube", kind), service, chosen, lambda: query(service, chosen))


def respondents(service, response_filter=None):
    """How many responses the filter matches."""
    return int(_cube("segment_cells", service, response_filter)["count"].sum())


def comments(service, response_filter=None):
    """The filter's comments with their segments, at most THEMES_SAMPLE per language (cached).

    attrs["total"] counts every comment the filter matches, sampled or not.
    """
    chosen = response_part(response_filter)
    per_language = current_app.config["THEMES_SAMPLE"]
    return _cached(
        "comments", service, chosen, lambda: comments_frame(service, chosen, per_language)
    )


def latest_reference(service):
    """The service's most recently uploaded reference population, or None."""
    query = (
        select(ReferencePopulation)
        .where(ReferencePopulation.service_id == service.id)
        .order_by(ReferencePopulation.uploaded_at.desc(), ReferencePopulation.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def _version(reference):
    return (reference.id, str(reference.uploaded_at)) if reference else None


def reference_table(reference):
    return pd.DataFrame(reference.rows, columns=["dimension", "group", "population"])


def weighting(service, response_filter):
    """Responses per segment cell with their raking `weight`; None without a reference.

    attrs["effective_n"] is Kish's effective number of responses.
    """
    reference = latest_reference(service)
    if reference is None:
        return None

    def compute():
        cells = _cube("segment_cells", service, response_filter)
        weights = analysis.rake_weights_from_cube(
            cells, reference_table(reference), segments=SEGMENTS
        )
        weighted = cells.assign(weight=weights.to_numpy())
        weighted.attrs["effective_n"] = weights.attrs["effective_n"]
        return weighted

    return _cached("weighted", service, response_filter, compute, _version(reference))


def _weighted_cube(cube, weights):
    """The rating cube with each cell's responses weighted by their raking weight."""
    keys = list(SEGMENTS)
    cells = weights[[*keys, "weight"]].astype({key: "string" for key in keys})
    weighted = cube.astype({key: "string" for key in keys}).merge(cells, on=keys, how="left")
    weight = weighted.pop("weight").to_numpy()
    return weighted.assign(
        weight_sum=weighted["count"] * weight, weight_sq_sum=weighted["count"] * weight**2
    )


def _all_gaps(service, response_filter, weighted):
    """Every group × outcome row of find_equity_gaps, before any page filter."""
    reference = latest_reference(service) if weighted else None
    weights = weighting(service, response_filter) if reference else None

    def compute():
        cube = _cube("rating_cube", service, response_filter)
        if weights is not None:
            cube = _weighted_cube(cube, weights)
        if not outcomes(service):  # a service without questions has nothing to compare
            table = pd.DataFrame(columns=list(analysis.GAP_COLUMNS))
        else:
            table = analysis.find_equity_gaps_from_cube(
                cube,
                outcomes=outcomes(service),
                segments=SEGMENTS,
                min_n_test=MIN_N_TEST,
                suppress_below=SUPPRESS_BELOW,
                scales=scales(service),
            )
            table = groups_with_a_figure(table)
        table.attrs.update(
            weighted=weights is not None,
            effective_n=weights.attrs["effective_n"] if weights is not None else None,
        )
        return table

    return _cached("gaps", service, response_filter, compute, _version(reference))


def equity_gaps(service, response_filter=None, *, weighted=None):
    """Every tested group × outcome, flagged gaps first in priority order.

    Columns are those of analysis.find_equity_gaps plus `dimensions` (the segment attributes
    of the group, e.g. ["disability", "rurality"]) and `priority` (1 = most pressing, NaN when
    not a gap). The question and dimension of an InsightFilter narrow the rows; q-values still
    count every test. `weighted` (by default the filter's) asks for raking weights, used when
    a reference population exists: `attrs["weighted"]` tells whether they were.
    """
    if weighted is None:
        weighted = getattr(response_filter, "weighted", False)
    table = _all_gaps(service, response_filter, weighted)
    table = table[table["order"] > 0].assign(dimensions=lambda t: t["segment"].map(dimensions_of))
    question = getattr(response_filter, "question", None)
    dimension = getattr(response_filter, "dimension", None)
    if question:
        table = table[table["outcome"] == question]
    if dimension:
        table = table[table["dimensions"].map(lambda found: dimension in found).astype(bool)]
    return _by_priority(table)


def _by_priority(table):
    """Gaps first, by severity, intersectionality, |effect|, q; then the rest, as analysed."""
    is_gap = table["status"].eq("gap")
    points = table["severity"].map(SEVERITY_POINTS).fillna(0)
    points = points + 0.5 * table["intersectional"].fillna(False).astype(bool)
    ordered = table.assign(
        _gap=~is_gap, _points=-points, _effect=table["effect"].abs().fillna(0) * -1
    ).sort_values(["_gap", "_points", "_effect", "q_value"], kind="stable")
    ordered = ordered.drop(columns=["_gap", "_points", "_effect"]).reset_index(drop=True)
    ordered["priority"] = pd.Series(range(1, len(ordered) + 1), dtype="Int64").where(
        ordered["status"].eq("gap")
    )
    ordered.attrs = table.attrs
    return ordered


def dimensions_of(segment):
    """["disability", "rurality"] from "disability=yes & rurality=village"."""
    return [part.split("=", 1)[0] for part in segment.split(" & ") if "=" in part]


def groups_of(segment):
    """[("disability", "yes"), ("rurality", "village")] from a segment label."""
    return [tuple(part.split("=", 1)) for part in segment.split(" & ") if "=" in part]


def participation(service, response_filter=None):
    """Who took part against the latest reference population; None when none was uploaded.

    Returns {"reference": ReferencePopulation, "groups": DataFrame of
    analysis.representation (dimension, group, n, share, reference_share, ratio, p_value,
    q_value, status), "scores": {dimension: R score}, "under": the under-represented rows,
    lowest ratio first}.
    """
    reference = latest_reference(service)
    if reference is None:
        return None

    def compute():
        return analysis.representation_from_cube(
            _cube("segment_cells", service, response_filter),
            reference_table(reference),
            segments=SEGMENTS,
            suppress_below=SUPPRESS_BELOW,
        )

    table = _cached("participation", service, response_filter, compute, _version(reference))
    return {
        "reference": reference,
        "groups": table,
        "scores": dict(table.attrs.get("r_scores", {})),
        "under": table[table["status"] == "under-represented"].sort_values("ratio"),
    }


def outreach(service, response_filter=None):
    """Whom to reach next: analysis.plan_outreach per group, those needing more first.

    Columns of analysis.OUTREACH_COLUMNS (best_kiosk is the kiosk's location), sized for a
    test at the gap finder's FDR level.
    """

    def compute():
        table = analysis.plan_outreach_from_cube(
            _cube("source_cells", service, response_filter),
            segments=SEGMENTS,
            min_n_test=MIN_N_TEST,
            suppress_below=SUPPRESS_BELOW,
        )
        table = groups_with_a_figure(table)
        needing = table["status"].eq("more needed")
        order = table.assign(_first=~needing).sort_values(["_first", "n_more"], kind="stable")
        return order.drop(columns="_first").reset_index(drop=True)

    return _cached("outreach", service, response_filter, compute)


def journey(service, response_filter=None):
    """Emotion per stage, overall and per group, barriers per stage, each group's worst stage.

    Returns {"stages": [Stage] in journey order, "curve": DataFrame of
    analysis.journey_curve by every segment (order 0 = everyone), "barriers": long DataFrame
    (stage, n, barrier, share) for everyone, "hardest": DataFrame (segment, stage, mean,
    status, n) giving per group the stage with the lowest mean emotion}.
    """
    codes = stage_codes(service)

    def compute():
        if not respondents(service, response_filter):  # nobody: nothing to merge barriers with
            return pd.DataFrame(columns=EMPTY_JOURNEY_COLUMNS)
        curve = analysis.journey_curve_from_cube(
            _cube("emotion_cube", service, response_filter),
            _cube("barrier_cube", service, response_filter),
            stages=codes,
            by=SEGMENTS,
            max_order=1,
            min_n_test=MIN_N_TEST,
            suppress_below=SUPPRESS_BELOW,
        )
        return groups_with_a_figure(curve)

    curve = _cached("journey", service, response_filter, compute) if codes else None
    if curve is None:
        return {"stages": [], "curve": None, "barriers": None, "hardest": None}
    return {
        "stages": list(service.journey.stages),
        "curve": curve,
        "barriers": _barriers(curve, codes),
        "hardest": _hardest_stages(curve),
    }


def _barriers(curve, codes):
    overall = curve[curve["order"] == 0]
    columns = [c for c in curve.columns if c.startswith("barrier:")]
    long = overall.melt(id_vars=["stage", "n"], value_vars=columns, var_name="barrier")
    long = long.rename(columns={"value": "share"}).dropna(subset=["share"])
    long["barrier"] = long["barrier"].str.slice(len("barrier:"))
    long = long[long["share"] > 0].assign(position=lambda t: t["stage"].map(codes.index))
    ordered = long.sort_values(["position", "share"], ascending=[True, False])
    return ordered.drop(columns="position").reset_index(drop=True)


def _hardest_stages(curve):
    shown = curve[(curve["order"] > 0) & curve["mean"].notna()]
    if shown.empty:
        return pd.DataFrame(columns=["segment", "stage", "mean", "status", "n"])
    worst = shown.loc[shown.groupby("segment", sort=False)["mean"].idxmin()]
    return worst[["segment", "stage", "mean", "status", "n"]].reset_index(drop=True)


def comment_themes(service, response_filter=None):
    """Themes of the comments (analysis.themes); attrs["note"] says why none were found.

    Fitted on comments(): at most THEMES_SAMPLE comments per language, so a page costs the same
    at any size. attrs["sampled"] and attrs["comments"] say how many were read of how many.
    """

    def compute():
        frame = comments(service, response_filter)
        table = analysis.themes(frame, segments=SEGMENTS, suppress_below=SUPPRESS_BELOW)
        table.attrs.update(sampled=len(frame), comments=frame.attrs["total"])
        return table

    return _cached("themes", service, response_filter, compute)


def ranked_insights(service, response_filter=None):
    """analysis.prioritize over every finding, with the designers' decisions merged in.

    Columns of analysis.prioritize plus `insight_id`, `status` ("new" when nobody decided),
    `note`, `public_text` ({lang: text}). Decided insights the analysis no longer flags are
    appended after the ranked ones with rank NaN, so no decision is lost from view.
    """
    participated = participation(service, response_filter)
    ranked = analysis.prioritize(
        _all_gaps(service, response_filter, False),
        journey=journey(service, response_filter)["curve"],
        themes=comment_themes(service, response_filter),
        representation=participated["groups"] if participated else None,
    )
    return merge_decisions(service, ranked)


def overview(service, response_filter=None):
    """Responses over time by channel, and the rating distribution of each question.

    Returns {"total": int, "period": "day" | "week" | "month", "timeline": DataFrame (period,
    channel, count, status), "channels": DataFrame (channel, count, status), "ratings":
    DataFrame (outcome, value, count, share, top_two, status), "questions": DataFrame
    (outcome, n, mean, top2, status), "partial": [start date of each period not complete]}.
    Cells of 1 to 9 responses, and enough others to protect them, have no numbers and status
    "suppressed"; so has a total of 1 to 9 (None).
    """

    def compute():
        total = respondents(service, response_filter)
        first, last, days = _cube("daily_counts", service, response_filter)
        period, table = timeline(days, first, last, SUPPRESS_BELOW)
        ratings = _cube("rating_cube", service, response_filter)
        distribution, questions = rating_tables(
            ratings.groupby(["outcome", "value"])["count"].sum(),
            total,
            outcomes(service),
            scales(service),
            SUPPRESS_BELOW,
        )
        return {
            "total": total if not 0 < total < SUPPRESS_BELOW else None,
            "period": period,
            "timeline": table,
            "channels": channel_totals(days, SUPPRESS_BELOW),
            "partial": partial_periods(first, last, period, _answerable_until(response_filter)),
            "ratings": distribution,
            "questions": questions,
        }

    return _cached("overview", service, response_filter, compute)


def _answerable_until(response_filter):
    """The exclusive end date of what can have been answered: tomorrow, or the filter's end."""
    tomorrow = utcnow().date() + timedelta(days=1)
    until = response_filter.until if response_filter else None
    return min(tomorrow, until.date()) if until else tomorrow
