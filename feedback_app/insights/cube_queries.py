"""The analyses' inputs counted by the database: count cubes instead of one row per response.

Each query is a `GROUP BY` of the four segments (and outcome and value, or channel and kiosk,
or day), with the filter's dates, channels and kiosks in its WHERE clause, so what comes back
is bounded by the number of segment cells, not of responses: a million responses give the
same few thousand rows as a thousand. `analysis` turns these tables into the same numbers as
it would from the responses themselves (tests/insights/test_cube_equality.py compares them).
Withdrawn responses are never counted.
"""

import pandas as pd
from sqlalchemy import func, select

from ..catalogue.models import Question, Stage
from ..extensions import db
from ..feedback import tallies
from ..feedback.models import Profile, Response, Tally
from ..kiosk.models import Kiosk
from .frames import SEGMENTS

SEGMENT_COLUMNS = tuple(getattr(Profile, segment) for segment in SEGMENTS)
STAGE_PREFIX = "stage:"
BARRIER_PREFIX = "barrier:"


def _cells(service, response_filter, measure, names):
    """Responses counted for a measure of feedback.tallies, per segment cell (but for "day")
    and the named keys: "channel", "kiosk" (its location), "item", "detail", "value".

    Read from the tallies unless the filter has dates (the tallies do not keep the time),
    else counted from the responses by the tallies' own grouped query.
    """
    dated = response_filter.since is not None or response_filter.until is not None
    keys, query = (_counted if dated else _tallied)(service, response_filter, measure, names)
    segments = list(SEGMENTS) if measure in tallies.BY_SEGMENT else []
    rows = db.session.connection().execute(query).all()
    cells = pd.DataFrame(rows, columns=[*segments, *names, "count"])
    cells["count"] = cells["count"].astype("int64")
    for segment in segments:
        cells[segment] = cells[segment].where(cells[segment] != tallies.UNKNOWN, None)
    return cells


def _counted(service, response_filter, measure, names):
    """(keys, grouped query over the responses chosen by the filter)."""
    dialect = db.session.get_bind().dialect.name
    query = select().select_from(Response)
    grouping = tallies.MEASURES[measure](query, dialect)
    query = grouping.query
    if measure in tallies.BY_SEGMENT:
        query = query.outerjoin(Profile, Profile.response_id == Response.id)
    if "kiosk" in names:
        query = query.outerjoin(Kiosk, Response.kiosk_id == Kiosk.id)
    sources = {
        "channel": Response.channel,
        "kiosk": Kiosk.location,
        "item": grouping.item,
        "detail": grouping.detail,
        "value": grouping.value,
    }
    keys = _segments(measure, Profile) + [sources[name] for name in names]
    query = response_filter.apply(query.add_columns(*keys, grouping.counted), service)
    return keys, query.group_by(*keys)


def _tallied(service, response_filter, measure, names):
    """(keys, the tallies' counts summed over what the keys leave out, under the filter)."""
    sources = {
        "channel": Tally.channel,
        "kiosk": Kiosk.location,
        "item": Tally.item,
        "detail": Tally.detail,
        "value": Tally.value,
    }
    keys = _segments(measure, Tally) + [sources[name] for name in names]
    query = (
        select(*keys, func.sum(Tally.count))
        .select_from(Tally)
        .outerjoin(Kiosk, Kiosk.id == Tally.kiosk_id)
        .where(Tally.service_id == service.id, Tally.measure == measure)
    )
    if response_filter.channels:
        query = query.where(Tally.channel.in_(response_filter.channels))
    if response_filter.kiosks:
        # A deleted kiosk's responses have no kiosk: its tallies are not the kiosk's either.
        query = query.where(Kiosk.id.in_(response_filter.kiosks))
    return keys, query.group_by(*keys).order_by(*keys)


def _segments(measure, model):
    return [getattr(model, s) for s in SEGMENTS] if measure in tallies.BY_SEGMENT else []


def _with_sums(cube):
    """The cube's unweighted weight sums (equal to the counts), as analysis.count_cube has."""
    counts = cube["count"].astype("int64")
    return cube.assign(count=counts, weight_sum=counts.astype(float), weight_sq_sum=counts * 1.0)


def segment_cells(service, response_filter):
    """Responses per segment cell: the four segments (None when unknown) and count."""
    return _cells(service, response_filter, "responses", [])


def source_cells(service, response_filter):
    """Responses per segment cell, channel and kiosk location (None without a kiosk)."""
    cells = _cells(service, response_filter, "responses", ["channel", "kiosk"])
    return cells.assign(channel=cells["channel"].map(str, na_action="ignore"))


def rating_cube(service, response_filter):
    """The count cube of every rating: segments, outcome (question code), value, counts.

    "Does not apply" (no value) is not an answer, as in analysis.count_cube.
    """
    cube = _cells(service, response_filter, "rating", ["item", "value"])
    cube = cube.rename(columns={"item": "outcome"})
    # Grouped by id, named after: one join fewer over every answer.
    codes = dict(db.session.execute(select(Question.id, Question.code)).all())
    return _with_sums(cube.assign(outcome=cube["outcome"].map(codes)))


def emotion_cube(service, response_filter):
    """The count cube of the emotions told of stages gone through (outcome "stage:<code>")."""
    cube = _cells(service, response_filter, "emotion", ["item", "value"])
    stages = _stage_codes()
    cube.insert(len(SEGMENTS), "outcome", STAGE_PREFIX + cube.pop("item").map(stages))
    return _with_sums(cube)


def _stage_codes():
    """Stage codes by id: the counts group by id and name the stages after."""
    return dict(db.session.execute(select(Stage.id, Stage.code)).all())


def barrier_cube(service, response_filter):
    """The count cube of barriers (outcome "barrier:<stage>:<code>", value 1 met, 0 not).

    As in the frame of one row per response, a barrier anyone met is a question to everyone
    who told any stage: they count as 0 for it unless they met it. Ticked barriers are counted
    per distinct stored list (few), then spread over the barriers of each list in Python.
    """
    told = _respondents_who_told(service, response_filter)
    ticked = _ticked(service, response_filter)
    if told.empty or ticked.empty:
        return None
    key = list(SEGMENTS)
    barriers = ticked[["outcome"]].drop_duplicates()
    grid = told.merge(barriers, how="cross")
    merged = grid.merge(ticked, on=[*key, "outcome"], how="left", suffixes=("_told", ""))
    met = merged["count"].fillna(0).astype("int64")
    rest = merged["count_told"].astype("int64") - met
    parts = [merged[[*key, "outcome"]].assign(value=1, count=met)]
    parts.append(merged[[*key, "outcome"]].assign(value=0, count=rest))
    cube = pd.concat(parts, ignore_index=True)
    return _with_sums(cube[cube["count"] > 0].reset_index(drop=True))


def _respondents_who_told(service, response_filter):
    """Per segment cell, the responses that told at least one stage gone through."""
    return _na_keys(_cells(service, response_filter, "told", []))


def _ticked(service, response_filter):
    """Per segment cell and barrier, the responses that met it at a stage gone through."""
    ticked = _cells(service, response_filter, "barrier", ["item", "detail"])
    stages = ticked.pop("item").map(_stage_codes())
    outcome = BARRIER_PREFIX + stages + ":" + ticked.pop("detail")
    ticked.insert(len(SEGMENTS), "outcome", outcome)
    return _na_keys(ticked)


def _na_keys(frame):
    """Segment columns with None as NA, so that merges and groups match unknown with unknown."""
    return frame.astype({segment: "string" for segment in SEGMENTS})


def daily_counts(service, response_filter):
    """(first, last, DataFrame of day, channel, count): responses per UTC day and channel."""
    days = _cells(service, response_filter, "day", ["item", "channel"])
    days = days.rename(columns={"item": "day"})
    days["day"] = pd.to_datetime(days["day"].astype(str), format="%Y%m%d").dt.date
    days["channel"] = days["channel"].map(str)
    span = response_filter.apply(
        select(func.min(Response.created_at), func.max(Response.created_at)), service
    )
    first, last = db.session.execute(span).one()
    return first, last, days
