"""The analyses' inputs counted by the database: count cubes instead of one row per response.

Each query is a `GROUP BY` of the four segments (and outcome and value, or channel and kiosk,
or day), with the filter's dates, channels and kiosks in its WHERE clause, so what comes back
is bounded by the number of segment cells, not of responses: a million responses give the
same few thousand rows as a thousand. `analysis` turns these tables into the same numbers as
it would from the responses themselves (tests/insights/test_cube_equality.py compares them).
Withdrawn responses are never counted.
"""

import json

import pandas as pd
from sqlalchemy import Text, and_, cast, func, not_, or_, select

from ..catalogue.models import Question, Stage
from ..extensions import db
from ..feedback.models import Answer, Profile, Response, StageExperience, WentThrough
from ..kiosk.models import Kiosk
from .frames import SEGMENTS

SEGMENT_COLUMNS = tuple(getattr(Profile, segment) for segment in SEGMENTS)
STAGE_PREFIX = "stage:"
BARRIER_PREFIX = "barrier:"
# How an empty barrier list is stored: JSON text of no barrier, or of None.
NO_BARRIERS = ("[]", "null")


def _segmented(columns):
    """SELECT the segments and `columns` per group, from responses joined to their profile."""
    keys = [*SEGMENT_COLUMNS, *columns]
    query = select(*keys, func.count().label("count")).select_from(Response)
    return query.outerjoin(Profile, Profile.response_id == Response.id), keys


def _frame(query, response_filter, service, keys, names):
    """Run a grouped query under the filter; a DataFrame of the named keys and count."""
    query = response_filter.apply(query.group_by(*keys), service)
    return pd.DataFrame(db.session.execute(query).all(), columns=[*names, "count"])


def _with_sums(cube):
    """The cube's unweighted weight sums (equal to the counts), as analysis.count_cube has."""
    counts = cube["count"].astype("int64")
    return cube.assign(count=counts, weight_sum=counts.astype(float), weight_sq_sum=counts * 1.0)


def segment_cells(service, response_filter):
    """Responses per segment cell: the four segments (None when unknown) and count."""
    query, keys = _segmented([])
    return _frame(query, response_filter, service, keys, SEGMENTS)


def source_cells(service, response_filter):
    """Responses per segment cell, channel and kiosk location (None without a kiosk)."""
    query, keys = _segmented([Response.channel, Kiosk.location])
    query = query.outerjoin(Kiosk, Response.kiosk_id == Kiosk.id)
    cells = _frame(query, response_filter, service, keys, [*SEGMENTS, "channel", "kiosk"])
    return cells.assign(channel=cells["channel"].map(str, na_action="ignore"))


def rating_cube(service, response_filter):
    """The count cube of every rating: segments, outcome (question code), value, counts.

    "Does not apply" (no value) is not an answer, as in analysis.count_cube.
    """
    query, keys = _segmented([Answer.question_id, Answer.value])
    query = query.join(Answer, Answer.response_id == Response.id).where(Answer.value.is_not(None))
    cube = _frame(query, response_filter, service, keys, [*SEGMENTS, "outcome", "value"])
    # Grouped by id, named after: one join fewer over every answer.
    codes = dict(db.session.execute(select(Question.id, Question.code)).all())
    return _with_sums(cube.assign(outcome=cube["outcome"].map(codes)))


def _told(stage_experience=StageExperience):
    """A stage gone through that says something: an emotion or a barrier (feedback.stories)."""
    went = stage_experience.went_through
    barriers = func.coalesce(cast(stage_experience.barriers, Text), NO_BARRIERS[0])
    return and_(
        or_(went == WentThrough.YES, went.is_(None)),
        or_(stage_experience.emotion.is_not(None), not_(barriers.in_(NO_BARRIERS))),
    )


def emotion_cube(service, response_filter):
    """The count cube of the emotions told of stages gone through (outcome "stage:<code>")."""
    query, keys = _segmented([StageExperience.stage_id, StageExperience.emotion])
    query = query.join(StageExperience, StageExperience.response_id == Response.id).where(
        _told(), StageExperience.emotion.is_not(None)
    )
    cube = _frame(query, response_filter, service, keys, [*SEGMENTS, "stage", "value"])
    stages = _stage_codes()
    cube.insert(len(SEGMENTS), "outcome", STAGE_PREFIX + cube.pop("stage").map(stages))
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
    told = (
        select(StageExperience.id)
        .where(StageExperience.response_id == Response.id, _told())
        .exists()
    )
    query, keys = _segmented([])
    cells = _frame(query.where(told), response_filter, service, keys, SEGMENTS)
    return _na_keys(cells)


def _ticked(service, response_filter):
    """Per segment cell and barrier, the responses that met it at a stage gone through."""
    listed = cast(StageExperience.barriers, Text)
    query, keys = _segmented([StageExperience.stage_id, listed])
    query = query.join(StageExperience, StageExperience.response_id == Response.id).where(
        _told(), StageExperience.barriers.is_not(None), not_(listed.in_(NO_BARRIERS))
    )
    lists = _frame(query, response_filter, service, keys, [*SEGMENTS, "stage", "barriers"])
    stages = _stage_codes()
    rows = [
        (*row[: len(SEGMENTS)], f"{BARRIER_PREFIX}{stages[row.stage]}:{barrier}", row.count)
        for row in lists.itertuples(index=False)
        for barrier in sorted(set(json.loads(row.barriers) or ()))
    ]
    ticked = pd.DataFrame(rows, columns=[*SEGMENTS, "outcome", "count"])
    return _na_keys(ticked).groupby([*SEGMENTS, "outcome"], dropna=False, as_index=False).sum()


def _na_keys(frame):
    """Segment columns with None as NA, so that merges and groups match unknown with unknown."""
    return frame.astype({segment: "string" for segment in SEGMENTS})


def daily_counts(service, response_filter):
    """(first, last, DataFrame of day, channel, count): responses per UTC day and channel."""
    day = _utc_day(Response.created_at)
    query = select(day, Response.channel, func.count()).select_from(Response)
    query = response_filter.apply(query.group_by(day, Response.channel), service)
    days = pd.DataFrame(db.session.execute(query).all(), columns=["day", "channel", "count"])
    days["day"] = pd.to_datetime(days["day"]).dt.date
    days["channel"] = days["channel"].map(str)
    span = response_filter.apply(
        select(func.min(Response.created_at), func.max(Response.created_at)), service
    )
    first, last = db.session.execute(span).one()
    return first, last, days


def _utc_day(column):
    """The UTC calendar day of a timestamp, whatever the database session's time zone."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone("UTC", column))
    return func.date(column)
