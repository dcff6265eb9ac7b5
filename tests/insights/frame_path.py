"""The analyses as they were computed before the count cubes: from one row per response.

The oracle of test_cube_equality.py (and the slow side of bench/insights_scale.py): every
table comes from `analysis` run on responses_frame, with the options of `analyses` and its
leaving out of groups whose every figure is hidden.
"""

import pandas as pd
from sqlalchemy import select

import analysis
from feedback_app.extensions import db
from feedback_app.feedback.models import Profile, Response
from feedback_app.insights import analyses
from feedback_app.insights.frames import SEGMENTS, responses_frame
from feedback_app.insights.overview import (
    channel_totals,
    partial_periods,
    rating_tables,
    timeline,
)
from feedback_app.kiosk.models import Kiosk

OPTIONS = {"suppress_below": analyses.SUPPRESS_BELOW}


def frame_of(service, response_filter):
    """responses_frame with a NaN column for each outcome or stage nobody answered."""
    frame = responses_frame(service, response_filter)
    codes = analyses.outcomes(service) + [f"stage:{c}" for c in analyses.stage_codes(service)]
    return frame.assign(**{c: float("nan") for c in codes if c not in frame.columns})


def gaps(service, response_filter, frame, reference=None):
    if reference is not None:
        weights = analysis.rake_weights(frame, reference, segments=SEGMENTS)
        frame = frame.assign(weight=weights.to_numpy())
    table = analysis.find_equity_gaps(
        frame,
        outcomes=analyses.outcomes(service),
        segments=SEGMENTS,
        min_n_test=analyses.MIN_N_TEST,
        scales=analyses.scales(service),
        **OPTIONS,
    )
    return analyses.groups_with_a_figure(table)


def journey(service, frame):
    curve = analysis.journey_curve(
        frame,
        stages=analyses.stage_codes(service),
        by=SEGMENTS,
        max_order=1,
        min_n_test=analyses.MIN_N_TEST,
        **OPTIONS,
    )
    return analyses.groups_with_a_figure(curve)


def representation(frame, reference):
    return analysis.representation(frame, reference, segments=SEGMENTS, **OPTIONS)


def outreach(service, response_filter):
    query = response_filter.apply(
        select(*(getattr(Profile, s) for s in SEGMENTS), Response.channel, Kiosk.location)
        .select_from(Response)
        .outerjoin(Profile)
        .outerjoin(Kiosk, Response.kiosk_id == Kiosk.id),
        service,
    )
    sources = pd.DataFrame(db.session.execute(query).all(), columns=[*SEGMENTS, "channel", "kiosk"])
    table = analysis.plan_outreach(
        sources, segments=SEGMENTS, min_n_test=analyses.MIN_N_TEST, **OPTIONS
    )
    return analyses.groups_with_a_figure(table)


def overview(service, response_filter, frame, until):
    """The overview's tables from every response's timestamp and ratings."""
    query = response_filter.apply(select(Response.created_at, Response.channel), service)
    created = pd.DataFrame(db.session.execute(query).all(), columns=["created_at", "channel"])
    stamps = pd.to_datetime(created["created_at"], utc=True).dt.tz_localize(None)
    days = (
        created.assign(day=stamps.dt.date, channel=created["channel"].map(str))
        .groupby(["day", "channel"])
        .size()
        .rename("count")
        .reset_index()
    )
    first, last = (stamps.min(), stamps.max()) if len(stamps) else (None, None)
    period, table = timeline(days, first, last, analyses.SUPPRESS_BELOW)
    outcomes, scales = analyses.outcomes(service), analyses.scales(service)
    counted = pd.Series(dtype=float)
    if len(frame) and outcomes:
        cube = analysis.count_cube(frame, segments=(), outcomes=outcomes, scales=scales)
        counted = cube.groupby(["outcome", "value"])["count"].sum()
    distribution, questions = rating_tables(
        counted, len(frame), outcomes, scales, analyses.SUPPRESS_BELOW
    )
    return {
        "total": len(frame) if not 0 < len(frame) < analyses.SUPPRESS_BELOW else None,
        "period": period,
        "timeline": table,
        "channels": channel_totals(days, analyses.SUPPRESS_BELOW),
        "partial": partial_periods(first, last, period, until),
        "ratings": distribution,
        "questions": questions,
    }
