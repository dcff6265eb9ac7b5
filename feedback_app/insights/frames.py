"""Turn stored responses into the DataFrame `analysis` expects: one row per response.

The web pages count in SQL instead (cube_queries); this frame is what their numbers are checked
against (tests/insights/test_cube_equality.py, bench/insights_scale.py), and comments_frame is
the only one read for a page: themes need the words themselves.

Columns: response_id, age_band, gender, disability, rurality (None when unknown or not
consented), one column per question code (rating, NaN for "does not apply" or unanswered),
stage:<code> (emotion -2..+2), barrier:<stage>:<barrier> (0/1), comment and lang.
Withdrawn responses are never read. Filters are applied in SQL, before anything is loaded.
"""

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import func, or_, select

from ..catalogue.models import Question, Stage
from ..extensions import db
from ..feedback.models import Answer, Comment, Profile, Response, StageExperience
from ..feedback.stories import lived

SEGMENTS = ("age_band", "gender", "disability", "rurality")


@dataclass(frozen=True)
class ResponseFilter:
    """Which responses of a service an analysis covers; every field optional."""

    since: datetime | None = None
    until: datetime | None = None
    channels: tuple[str, ...] = ()
    kiosks: tuple[int, ...] = ()

    def apply(self, query, service):
        query = query.where(Response.service_id == service.id, Response.withdrawn_at.is_(None))
        if self.since:
            query = query.where(Response.created_at >= self.since)
        if self.until:
            query = query.where(Response.created_at < self.until)
        if self.channels:
            query = query.where(Response.channel.in_(self.channels))
        if self.kiosks:
            query = query.where(Response.kiosk_id.in_(self.kiosks))
        return query


def _rows(query):
    return db.session.execute(query).all()


def _ratings(service, response_filter):
    query = response_filter.apply(
        select(Answer.response_id, Question.code, Answer.value)
        .join(Response, Answer.response_id == Response.id)
        .join(Question, Answer.question_id == Question.id),
        service,
    )
    long = pd.DataFrame(_rows(query), columns=["response_id", "code", "value"])
    return long.pivot(index="response_id", columns="code", values="value").astype("float64")


def _profiles(service, response_filter):
    query = response_filter.apply(
        select(Response.id, *(getattr(Profile, s) for s in SEGMENTS)).outerjoin(Profile),
        service,
    )
    frame = pd.DataFrame(_rows(query), columns=["response_id", *SEGMENTS])
    return frame.set_index("response_id")


def _journeys(service, response_filter):
    query = response_filter.apply(
        select(
            StageExperience.response_id,
            Stage.code,
            StageExperience.went_through,
            StageExperience.emotion,
            StageExperience.barriers,
        )
        .join(Response, StageExperience.response_id == Response.id)
        .join(Stage, StageExperience.stage_id == Stage.id),
        service,
    )
    # Only stages gone through count: a feeling kept from before "Not yet" hid it is not one.
    rows = [r for r in _rows(query) if lived(r.went_through, r.emotion, r.barriers)]
    emotions = pd.DataFrame(
        [(r.response_id, f"stage:{r.code}", r.emotion) for r in rows if r.emotion is not None],
        columns=["response_id", "column", "value"],
    )
    barriers = pd.DataFrame(
        [
            (r.response_id, f"barrier:{r.code}:{barrier}", 1)
            for r in rows
            for barrier in r.barriers or ()
        ],
        columns=["response_id", "column", "value"],
    )
    wide = pd.concat([emotions, barriers]).pivot_table(
        index="response_id", columns="column", values="value", aggfunc="first"
    )
    barrier_columns = [c for c in wide.columns if c.startswith("barrier:")]
    # A stage someone went through without ticking a barrier is a 0, not a missing value.
    went = {r.response_id for r in rows}
    wide.loc[wide.index.isin(went), barrier_columns] = wide.loc[
        wide.index.isin(went), barrier_columns
    ].fillna(0)
    return wide.astype("float64")


def _first_comments(service, response_filter):
    """The id of each matching response's first comment (a response keeps one comment)."""
    query = select(func.min(Comment.id)).join(Response, Comment.response_id == Response.id)
    return response_filter.apply(query.group_by(Comment.response_id), service)


def _comments(service, response_filter):
    query = select(Comment.response_id, Comment.text, Comment.lang).where(
        Comment.id.in_(_first_comments(service, response_filter))
    )
    frame = pd.DataFrame(_rows(query), columns=["response_id", "comment", "lang"])
    return frame.set_index("response_id")


def comments_frame(service, response_filter, per_language):
    """The filter's comments, at most `per_language` of each language, with their segments.

    One comment per response, as in responses_frame. A language with more comments keeps an
    evenly spaced sample of them in the order they came in (the same sample for the same
    data), so that themes cost the same at any size. attrs["total"] counts the comments
    before sampling.
    """
    language = func.coalesce(Comment.lang, "")
    ranked = (
        select(
            Comment.response_id,
            Comment.text,
            Comment.lang,
            func.row_number().over(partition_by=language, order_by=Comment.id).label("rank"),
            func.count().over(partition_by=language).label("size"),
        )
        .where(Comment.id.in_(_first_comments(service, response_filter)))
        .subquery()
    )
    rank, size = ranked.c["rank"], ranked.c["size"]
    # Rank r is kept when r * n // size steps up: n comments, evenly spaced.
    spaced = (rank * per_language) // size > ((rank - 1) * per_language) // size
    query = (
        select(
            ranked.c.response_id,
            *(getattr(Profile, s) for s in SEGMENTS),
            ranked.c.text,
            ranked.c.lang,
            size,
        )
        .outerjoin(Profile, Profile.response_id == ranked.c.response_id)
        .where(or_(size <= per_language, spaced))
        .order_by(ranked.c.response_id)
    )
    rows = _rows(query)
    columns = ["response_id", *SEGMENTS, "comment", "lang"]
    frame = pd.DataFrame([row[:-1] for row in rows], columns=columns)
    sizes = {row.lang or "": row.size for row in rows}
    frame.attrs["total"] = int(sum(sizes.values()))
    return frame


def responses_frame(service, response_filter=ResponseFilter()):
    """One row per (non-withdrawn) response of `service` matching the filter."""
    frame = (
        _profiles(service, response_filter)
        .join(_ratings(service, response_filter))
        .join(_journeys(service, response_filter))
        .join(_comments(service, response_filter))
    )
    frame.index.name = "response_id"
    return frame.reset_index().sort_values("response_id", ignore_index=True)
