"""The one place the web app runs `analysis`: one service, one filter, disclosure control on.

Pages, exports and the API call these functions and show what they return, so a number is
computed (and protected) the same way wherever it appears. Results are cached until the
responses behind them change (see cache.py): treat returned tables as read-only.
"""

from datetime import timedelta

import pandas as pd
from sqlalchemy import select
from threadpoolctl import threadpool_limits

import analysis

from ..database import utcnow
from ..extensions import db
from ..feedback.models import Response
from .cache import cached, response_part
from .decisions import merge_decisions
from .filters import service_questions
from .frames import SEGMENTS, responses_frame
from .models import ReferencePopulation
from .outreach import sources_frame
from .overview import channel_totals, partial_periods, rating_tables, timeline

# Smallest group whose numbers may be shown, and smallest group that is tested.
SUPPRESS_BELOW = 10
MIN_N_TEST = 30
SEVERITY_POINTS = {"large": 3, "medium": 2, "small": 1}
EMPTY_JOURNEY_COLUMNS = ["stage", "segment", "order", "n", "mean", "ci_low", "ci_high"]
EMPTY_JOURNEY_COLUMNS += ["effect", "p_value", "q_value", "status", "severity", "intersectional"]


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


def responses(service, response_filter=None):
    """The analysis frame of the service's responses matching the filter (cached)."""
    chosen = response_part(response_filter)
    frame = _cached("frame", service, chosen, lambda: responses_frame(service, chosen))
    for column in [*outcomes(service), *(f"stage:{code}" for code in stage_codes(service))]:
        if column not in frame.columns:  # nobody answered it yet: a column of NaN, not an error
            frame = frame.assign(**{column: float("nan")})
    return frame


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


def weighted_responses(service, response_filter):
    """The frame with a raking `weight` column, or None when no reference was uploaded."""
    reference = latest_reference(service)
    if reference is None:
        return None

    def compute():
        frame = responses(service, response_filter)
        weights = analysis.rake_weights(frame, reference_table(reference), segments=SEGMENTS)
        weighted = frame.assign(weight=weights.to_numpy())
        weighted.attrs["effective_n"] = weights.attrs["effective_n"]
        return weighted

    return _cached("weighted", service, response_filter, compute, _version(reference))


def _all_gaps(service, response_filter, weighted):
    """Every group × outcome row of find_equity_gaps, before any page filter."""
    reference = latest_reference(service) if weighted else None
    frame = weighted_responses(service, response_filter) if reference else None
    if frame is None:
        frame, reference = responses(service, response_filter), None

    def compute():
        if not outcomes(service):  # a service without questions has nothing to compare
            table = pd.DataFrame(columns=list(analysis.GAP_COLUMNS))
        else:
            table = analysis.find_equity_gaps(
                frame,
                outcomes=outcomes(service),
                segments=SEGMENTS,
                min_n_test=MIN_N_TEST,
                suppress_below=SUPPRESS_BELOW,
                scales=scales(service),
            )
        table.attrs.update(
            weighted=reference is not None, effective_n=frame.attrs.get("effective_n")
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
        return analysis.representation(
            responses(service, response_filter),
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
        frame = sources_frame(service, response_part(response_filter))
        table = analysis.plan_outreach(
            frame,
            segments=SEGMENTS,
            min_n_test=MIN_N_TEST,
            suppress_below=SUPPRESS_BELOW,
        )
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
        frame = responses(service, response_filter)
        if frame.empty:  # journey_curve cannot merge barriers of nobody (reported upstream)
            return pd.DataFrame(columns=EMPTY_JOURNEY_COLUMNS)
        return analysis.journey_curve(
            frame,
            stages=codes,
            by=SEGMENTS,
            max_order=1,
            min_n_test=MIN_N_TEST,
            suppress_below=SUPPRESS_BELOW,
        )

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
    """Themes of the comments (analysis.themes); attrs["note"] says why none were found."""

    def compute():
        frame = responses(service, response_filter)
        if "comment" not in frame.columns:
            frame = frame.assign(comment=pd.NA)
        return analysis.themes(frame, segments=SEGMENTS, suppress_below=SUPPRESS_BELOW)

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
        frame = responses(service, response_filter)
        created = _created(service, response_filter)
        period, table = timeline(created, SUPPRESS_BELOW)
        distribution, questions = rating_tables(
            frame, outcomes(service), scales(service), SUPPRESS_BELOW
        )
        return {
            "total": len(frame) if not 0 < len(frame) < SUPPRESS_BELOW else None,
            "period": period,
            "timeline": table,
            "channels": channel_totals(created, SUPPRESS_BELOW),
            "partial": partial_periods(created, period, _answerable_until(response_filter)),
            "ratings": distribution,
            "questions": questions,
        }

    return _cached("overview", service, response_filter, compute)


def _answerable_until(response_filter):
    """The exclusive end date of what can have been answered: tomorrow, or the filter's end."""
    tomorrow = utcnow().date() + timedelta(days=1)
    until = response_filter.until if response_filter else None
    return min(tomorrow, until.date()) if until else tomorrow


def _created(service, response_filter):
    query = response_part(response_filter).apply(
        select(Response.created_at, Response.channel), service
    )
    return pd.DataFrame(db.session.execute(query).all(), columns=["created_at", "channel"])
