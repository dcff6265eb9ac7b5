"""Responses kept counted as they are written, so that insights read counts, not responses.

Every insights page starts from the same few tables: responses per segment cell, ratings,
emotions and barriers per cell, responses per day. Counting them from a million responses
takes seconds per page; keeping them counted costs one grouped INSERT per flush.

The counts change in the transaction that changes the responses, by the same grouped queries
run on those responses only: before a flush that touches stored responses, what they counted
for is taken away; after it, what they now hold is added. Writes that bypass the ORM say so
themselves: retention calls `take_away` before deleting, bulk loads call `add`.
Withdrawn responses count for nothing.
"""

from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Text,
    and_,
    bindparam,
    cast,
    delete,
    event,
    func,
    inspect,
    literal,
    not_,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .models import Answer, Profile, Response, StageExperience, Tally, WentThrough

SEGMENTS = ("age_band", "gender", "disability", "rurality")
# A unique key never matches NULL with NULL: unknowns are stored as these.
UNKNOWN = "(none)"
NO_KIOSK = 0
# How an empty barrier list is stored: JSON text of no barrier, or of None.
NO_BARRIERS = ("[]", "null")
KEY = (
    "service_id",
    "measure",
    "channel",
    "kiosk_id",
    *SEGMENTS,
    "item",
    "detail",
    "value",
)
# What a flush must change for a response's counts to change.
COUNTED_FIELDS = {
    Response: (
        "channel",
        "kiosk_id",
        "created_at",
        "withdrawn_at",
        "answers",
        "stage_experiences",
        "profile",
    ),
    Answer: ("response_id", "question_id", "value"),
    StageExperience: ("response_id", "stage_id", "went_through", "emotion", "barriers"),
    Profile: ("response_id", *SEGMENTS),
}
_PENDING = "tallies_pending"


def told(stage_experience=StageExperience):
    """A stage gone through that says something: an emotion or a barrier (feedback.stories)."""
    went = stage_experience.went_through
    barriers = func.coalesce(cast(stage_experience.barriers, Text), NO_BARRIERS[0])
    return and_(
        or_(went == WentThrough.YES, went.is_(None)),
        or_(stage_experience.emotion.is_not(None), not_(barriers.in_(NO_BARRIERS))),
    )


def _day_number(dialect):
    """The UTC day of a response as the integer YYYYMMDD (a tally's item)."""
    if dialect == "postgresql":
        return cast(func.to_char(func.timezone("UTC", Response.created_at), "YYYYMMDD"), Integer)
    return cast(func.strftime("%Y%m%d", Response.created_at), Integer)


@dataclass(frozen=True)
class Grouping:
    """What a measure counts: its query (joins, conditions) and its keys besides the cell."""

    query: Select
    item: ColumnElement | None = None
    detail: ColumnElement | None = None
    value: ColumnElement | None = None
    # What one counts: a row of the query, unless the measure says otherwise.
    counted: ColumnElement = field(default_factory=func.count)


def _responses(query, dialect):
    return Grouping(query)


def _days(query, dialect):
    return Grouping(query, item=_day_number(dialect))


def _ratings(query, dialect):
    query = query.join(Answer, Answer.response_id == Response.id)
    query = query.where(Answer.value.is_not(None))
    return Grouping(query, item=Answer.question_id, value=Answer.value)


def _emotions(query, dialect):
    query = query.join(StageExperience, StageExperience.response_id == Response.id)
    query = query.where(told(), StageExperience.emotion.is_not(None))
    return Grouping(query, item=StageExperience.stage_id, value=StageExperience.emotion)


def _told_any(query, dialect):
    any_told = (
        select(StageExperience.id)
        .where(StageExperience.response_id == Response.id, told())
        .exists()
    )
    return Grouping(query.where(any_told))


def _barriers(query, dialect):
    """Each barrier met at a stage gone through, once per stage told however often listed."""
    listed = cast(StageExperience.barriers, Text)
    unnest = func.json_array_elements_text if dialect == "postgresql" else func.json_each
    barrier = unnest(StageExperience.barriers).table_valued("value", joins_implicitly=True)
    query = query.join(StageExperience, StageExperience.response_id == Response.id)
    query = query.where(
        told(), StageExperience.barriers.is_not(None), not_(listed.in_(NO_BARRIERS))
    ).join(barrier, true())
    return Grouping(
        query,
        item=StageExperience.stage_id,
        detail=barrier.c.value,
        counted=func.count(StageExperience.id.distinct()),
    )


MEASURES = {
    "responses": _responses,
    "day": _days,
    "rating": _ratings,
    "emotion": _emotions,
    "told": _told_any,
    "barrier": _barriers,
}
# Measures counted per segment cell; "day" counts per channel and kiosk only.
BY_SEGMENT = {name for name in MEASURES if name != "day"}


def _counted(measure, which, sign, dialect):
    """SELECT the tally rows of `measure` for the responses matching `which`, times `sign`."""
    query = select().select_from(Response).where(which, Response.withdrawn_at.is_(None))
    grouping = MEASURES[measure](query, dialect)
    query, item, detail, value = grouping.query, grouping.item, grouping.detail, grouping.value
    grouped = [Response.service_id, Response.channel, Response.kiosk_id]
    columns = [
        Response.service_id,
        literal(measure),
        Response.channel,
        func.coalesce(Response.kiosk_id, NO_KIOSK),
    ]
    if measure in BY_SEGMENT:
        query = query.outerjoin(Profile, Profile.response_id == Response.id)
        segments = [getattr(Profile, segment) for segment in SEGMENTS]
        grouped += segments
        columns += [func.coalesce(segment, UNKNOWN) for segment in segments]
    else:
        columns += [literal(UNKNOWN)] * len(SEGMENTS)
    for expression, none in ((item, literal(0)), (detail, literal("")), (value, literal(0))):
        columns.append(none if expression is None else expression)
        grouped += [] if expression is None else [expression]
    named = [column.label(name) for column, name in zip(columns, KEY, strict=True)]
    return query.add_columns(*named, (grouping.counted * sign).label("count")).group_by(*grouped)


def _upsert(which, sign, dialect):
    """INSERT the tally rows of every measure, or add them to those already there."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    every = union_all(*(_counted(m, which, sign, dialect) for m in MEASURES)).subquery()
    # One statement, in key order: concurrent writers lock the same rows in the same order (no
    # deadlock). SQLite needs a WHERE before ON CONFLICT to tell it from a join's ON.
    rows = select(every).where(true()).order_by(*(every.c[name] for name in KEY))
    statement = insert(Tally).from_select([*KEY, "count"], rows)
    return statement.on_conflict_do_update(
        index_elements=KEY, set_={"count": Tally.count + statement.excluded.count}
    )


def _zeros(which):
    """DELETE the tally rows that count nothing any more, of the services of `which`."""
    services = select(Response.service_id).where(which).distinct()
    return delete(Tally).where(Tally.service_id.in_(services), Tally.count == 0)


def _count(connection, which, sign):
    """Add (sign 1) or take away (-1) what the responses matching `which` count for."""
    connection.execute(_upsert(which, sign, connection.dialect.name))
    if sign < 0:
        connection.execute(_zeros(which))


@cache
def _by_ids(sign, dialect):
    """The statements of _count for responses given by id, built once: building them costs
    more than running them for the one response of a submission."""
    which = Response.id.in_(bindparam("response_ids", expanding=True))
    return _upsert(which, sign, dialect), _zeros(which) if sign < 0 else None


def _count_ids(connection, ids, sign):
    upsert, zeros = _by_ids(sign, connection.dialect.name)
    parameters = {"response_ids": sorted(ids)}
    connection.execute(upsert, parameters)
    if zeros is not None:
        connection.execute(zeros, parameters)


def add(connection, which):
    """Count the responses matching `which` (a condition on Response) after a bulk insert."""
    _count(connection, which, 1)


def take_away(connection, which):
    """Forget the responses matching `which` (a condition on Response) before a bulk delete."""
    _count(connection, which, -1)


def rebuild(connection, service_id=None):
    """Count a service's responses (every service's without one) again from scratch."""
    which = Response.service_id == service_id if service_id is not None else true()
    stale = delete(Tally)
    if service_id is not None:
        stale = stale.where(Tally.service_id == service_id)
    connection.execute(stale)
    _count(connection, which, 1)


def _touched(session):
    """(Response objects, response ids) whose counts the coming flush may change."""
    changed = [
        instance
        for instance in session.dirty
        if _changed(inspect(instance), COUNTED_FIELDS.get(type(instance), ()))
    ]
    responses, ids = set(), set()
    for instance in (*session.new, *session.deleted, *changed):
        if isinstance(instance, Response):
            responses.add(instance)
        elif type(instance) not in COUNTED_FIELDS:
            continue
        elif instance.response is not None:
            responses.add(instance.response)
        elif instance.response_id is not None:
            ids.add(instance.response_id)
    return responses, ids


def _changed(state, fields):
    return any(state.attrs[name].history.has_changes() for name in fields)


def _before_flush(session, _flush_context, _instances):
    responses, ids = _touched(session)
    stored = ids | {r.id for r in responses if inspect(r).persistent}
    if stored:
        _count_ids(session.connection(), stored, -1)
    session.info[_PENDING] = (responses, ids)


def _after_flush(session, _flush_context):
    responses, ids = session.info.pop(_PENDING, (set(), set()))
    written = ids | {r.id for r in responses if r.id is not None}
    if written:
        _count_ids(session.connection(), written, 1)


def keep_counted():
    """Keep the tallies in step with every ORM flush of responses (once per process)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush", _after_flush)
