"""One row per response, for the export of individual responses: read in batches, never whole.

An export of a million responses must neither time out nor hold them all in memory. The
responses are read in id order through a server-side cursor (`yield_per`: a named cursor on
PostgreSQL, a stepped one on SQLite), `batch_size` at a time, and each batch's ratings and
stories are read with one query per table (`WHERE response_id IN (batch)`): the cost grows with
the rows, and memory holds one batch.

The rows are pseudonymous: the day (not the time), channel, kiosk place, language, the four
segments of the consented profile, each rating, and per stage the feeling and the barriers of a
stage gone through (feedback.stories.lived). No receipt, no client key, no free text.
Disclosure control: a row whose combination of the four segments is shared by fewer than
SUPPRESS_BELOW responses of the service has those four written as WITHHELD, whatever the
filter: a row is the same in every export, so a filtered export cannot be matched, by response
id, day or ratings, against an unfiltered one that shows what it withheld. The combinations are
counted (from the tallies) before the first row is read.
"""

from dataclasses import dataclass
from datetime import UTC

import pandas as pd
from sqlalchemy import select

from ..extensions import db
from ..feedback.models import Answer, Profile, Response, StageExperience
from ..feedback.stories import lived
from ..kiosk.models import Kiosk
from .analyses import SUPPRESS_BELOW
from .cube_queries import SEGMENT_COLUMNS, segment_cells
from .frames import SEGMENTS, ResponseFilter

WITHHELD = "withheld"
FIXED = ("response_id", "day", "channel", "kiosk", "language", *SEGMENTS)
EMOTION_PREFIX, BARRIERS_PREFIX = "stage:", "barriers:"


@dataclass(frozen=True)
class Part:
    """A question or stage as a column needs it: id, code and its texts per language."""

    id: int
    code: str
    texts: dict


@dataclass(frozen=True)
class Layout:
    """The columns of a service's rows: fixed ones, one per question, two per stage.

    Retired questions and stages keep their columns: their answers are still in the data.
    """

    questions: tuple[Part, ...]
    stages: tuple[Part, ...]

    @classmethod
    def of(cls, service):
        items = service.question_set.items if service.question_set else []
        stages = service.journey.stages if service.journey else []
        return cls(
            tuple(Part(i.question.id, i.question.code, i.question.text) for i in items),
            tuple(Part(s.id, s.code, s.name) for s in stages),
        )

    @property
    def columns(self):
        per_stage = [(EMOTION_PREFIX + s.code, BARRIERS_PREFIX + s.code) for s in self.stages]
        return [*FIXED, *(q.code for q in self.questions), *(c for pair in per_stage for c in pair)]


def small_combinations(service):
    """The combinations of the four segments (None for unknown) under SUPPRESS_BELOW among the
    service's responses."""
    cells = segment_cells(service, ResponseFilter())
    small = cells.loc[cells["count"] < SUPPRESS_BELOW, list(SEGMENTS)]
    return {tuple(None if pd.isna(v) else v for v in row) for row in small.itertuples(index=False)}


def row_batches(service, response_filter, layout, *, batch_size):
    """Lists of at most `batch_size` rows (in `layout.columns` order), by response id."""
    withheld = small_combinations(service)
    query = (
        select(Response.id, Response.created_at, Response.channel, Kiosk.location)
        .add_columns(Response.locale, *SEGMENT_COLUMNS)
        .outerjoin(Profile, Profile.response_id == Response.id)
        .outerjoin(Kiosk, Response.kiosk_id == Kiosk.id)
        .order_by(Response.id)
    )
    query = response_filter.apply(query, service).execution_options(yield_per=batch_size)
    for batch in _rows(query).partitions():
        ids = [response.id for response in batch]
        ratings, stories = _ratings(ids), _stories(ids)
        yield [
            _row(layout, response, withheld, ratings.get(response.id, {}), stories.get(response.id))
            for response in batch
        ]


def _rows(query):
    """Plain rows from the session's connection (in its transaction): no ORM processing of
    each row, which a million rows notice."""
    return db.session.connection().execute(query)


def _ratings(ids):
    """{response id: {question id: rating or None for "does not apply"}}."""
    query = select(Answer.response_id, Answer.question_id, Answer.value)
    ratings = {}
    for response_id, question_id, value in _rows(query.where(Answer.response_id.in_(ids))).all():
        ratings.setdefault(response_id, {})[question_id] = value
    return ratings


def _stories(ids):
    """{response id: {stage id: (feeling, barriers)}} for the stages gone through."""
    query = select(
        StageExperience.response_id,
        StageExperience.stage_id,
        StageExperience.went_through,
        StageExperience.emotion,
        StageExperience.barriers,
    ).where(StageExperience.response_id.in_(ids))
    stories = {}
    for story in _rows(query).all():
        if lived(story.went_through, story.emotion, story.barriers):
            # A barrier ticked twice (an old form, an import) was met once.
            barriers = list(dict.fromkeys(story.barriers or ()))
            stories.setdefault(story.response_id, {})[story.stage_id] = (story.emotion, barriers)
    return stories


def _row(layout, response, withheld, ratings, stories):
    segments = tuple(getattr(response, segment) for segment in SEGMENTS)
    if segments in withheld:
        segments = (WITHHELD,) * len(SEGMENTS)
    row = [response.id, _day(response.created_at), response.channel.value, response.location]
    row += [response.locale, *segments, *(ratings.get(q.id) for q in layout.questions)]
    for stage in layout.stages:
        row += (stories or {}).get(stage.id, (None, None))
    return row


def _day(moment):
    """The day in UTC, as the filters count days; SQLite gives back UTC without a zone."""
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()
