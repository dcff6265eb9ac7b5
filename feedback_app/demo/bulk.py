"""Many random responses of every shape, inserted fast: for scale benchmarks and equality tests.

Unlike the demo's responses (demo/responses.py, a few thousand with planted gaps written one by
one), these are drawn column by column with numpy and cover what real data holds at the edges:
no profile, "prefer not to say", "does not apply", stages not gone through or told without
saying so, repeated barriers, comments in several languages or none, kiosks, withdrawals. On
PostgreSQL they are written with COPY: a million responses in under three minutes on a shared
2-core machine (docs/insights.md).
"""

import json
from contextlib import contextmanager
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import and_, func, insert, select, text

from ..extensions import db
from ..feedback import tallies
from ..feedback.models import (
    Answer,
    Channel,
    Comment,
    Profile,
    Response,
    StageExperience,
    WentThrough,
)
from .responses import AGE_BANDS, COMMENTS, GENDERS, RURALITY

BARRIERS = ("waiting_time", "paperwork", "digital", "distance", "cost")
WENT = (WentThrough.YES, WentThrough.NOT_YET, WentThrough.NO, None)
DAYS = 400
CHUNK = 100_000
SLICE = 10_000
LOADED = (Response, Profile, Answer, StageExperience, Comment)


def _choice(rng, options, size, weights=None):
    """`size` draws of `options` (any objects, None included) with optional weights."""
    options = np.array(list(options) + [None], dtype=object)[:-1]
    p = None if weights is None else np.asarray(weights, float) / np.sum(weights)
    return options[rng.choice(len(options), size=size, p=p)]


def _segment(rng, weighted, size):
    """Segment values with the demo's weights, plus a few unknown (None) and blank."""
    values = [value for value, _ in weighted] + [None, ""]
    weights = [weight for _, weight in weighted] + [6, 1]
    return _choice(rng, values, size, weights)


def random_tables(service, *, count, first_id, seed, kiosks=(), now=None):
    """{model: DataFrame of the rows to insert} for `count` responses, ids from `first_id`."""
    rng = np.random.default_rng(seed)
    now = now or datetime.now(UTC)
    ids = np.arange(first_id, first_id + count)
    channel = _choice(rng, [c.value for c in Channel], count, [50, 20, 10, 10, 10])
    kiosk = np.where(
        (channel == "kiosk") & bool(kiosks), _choice(rng, [*kiosks, None], count), None
    )
    seconds = rng.integers(0, DAYS * 86400, count)
    responses = pd.DataFrame(
        {
            "id": ids,
            "service_id": service.id,
            "channel": channel,
            "kiosk_id": pd.array(kiosk, dtype="Int64"),
            "locale": _choice(rng, ["en", "fr", "es", "ar"], count),
            "created_at": pd.Timestamp(now) - pd.to_timedelta(seconds, unit="s"),
            "client_key": f"bulk-{seed}-" + pd.Series(ids).astype(str),
            "receipt_hash": [f"{seed:016x}{i:048x}" for i in ids],
            "consent_version": "2026-1",
            "withdrawn_at": np.where(rng.random(count) < 0.02, now, None),
        }
    )
    return {
        Response: responses,
        Profile: _profiles(rng, ids),
        Answer: _answers(rng, ids, service.question_set.questions),
        StageExperience: _stages(rng, ids, service.journey.stages),
        Comment: _comments(rng, ids),
    }


def _profiles(rng, ids):
    """Nine in ten responses have a profile, some of it unknown."""
    ids = ids[rng.random(len(ids)) < 0.9]
    size = len(ids)
    return pd.DataFrame(
        {
            "response_id": ids,
            "age_band": _segment(rng, AGE_BANDS, size),
            "gender": _segment(rng, GENDERS, size),
            "disability": _segment(rng, [("yes", 20), ("no", 70)], size),
            "rurality": _segment(rng, RURALITY, size),
        }
    )


def _answers(rng, ids, questions):
    """Most questions answered, some "does not apply" (None); ratings lower for some groups."""
    parts = []
    for question in questions:
        answered = ids[rng.random(len(ids)) < 0.85]
        low, high = question.scale_min, question.scale_max
        values = rng.integers(low, high + 1, len(answered)).astype(object)
        values[rng.random(len(answered)) < 0.05] = None
        parts.append(
            pd.DataFrame({"response_id": answered, "question_id": question.id, "value": values})
        )
    return _by_response(parts)


def _stages(rng, ids, stages):
    """Each stage told by most, gone through or not, with emotions and barrier lists."""
    parts = []
    for stage in stages:
        told = ids[rng.random(len(ids)) < 0.8]
        size = len(told)
        went = _choice(rng, WENT, size, [70, 10, 10, 10])
        emotion = rng.integers(-2, 3, size).astype(object)
        emotion[rng.random(size) < 0.15] = None
        parts.append(
            pd.DataFrame(
                {
                    "response_id": told,
                    "stage_id": stage.id,
                    "went_through": went,
                    "emotion": emotion,
                    "barriers": _barrier_lists(rng, size),
                }
            )
        )
    return _by_response(parts)


def _by_response(parts):
    """One frame, each response's rows together as a resident's submission writes them: indexes
    on response_id then grow at their end, not all over (a quarter of their COPY time)."""
    return pd.concat(parts).sort_values("response_id", kind="stable", ignore_index=True)


def _barrier_lists(rng, size):
    """`size` JSON lists of Poisson(0.6) barriers, repeats allowed, built per length not per row."""
    lengths = rng.poisson(0.6, size)
    lists = np.full(size, "[]", dtype=object)
    quoted = np.array([json.dumps(barrier) for barrier in BARRIERS], dtype=object)
    for length in range(1, lengths.max(initial=0) + 1):
        rows = lengths == length
        drawn = quoted[rng.integers(0, len(BARRIERS), (rows.sum(), length))]
        joined = drawn[:, 0]
        for column in drawn.T[1:]:
            joined = joined + ", " + column
        lists[rows] = "[" + joined + "]"
    return lists


def _comments(rng, ids):
    """A third of responses comment, in the demo's words; a few have two comments."""
    commented = ids[rng.random(len(ids)) < 0.35]
    commented = np.concatenate([commented, commented[rng.random(len(commented)) < 0.02]])
    lang = _choice(rng, ["fr", "en", "es", "ar", None], len(commented), [50, 20, 15, 10, 5])
    written_in = np.where(pd.isna(lang), "en", lang)
    texts = np.empty(len(commented), dtype=object)
    for code in np.unique(written_in):
        rows = written_in == code
        options = np.array(COMMENTS[code], dtype=object)
        texts[rows] = options[rng.integers(0, len(options), rows.sum())]
    return pd.DataFrame({"response_id": commented, "text": texts, "lang": lang})


def seed_random_responses(service, *, count, seed=1, kiosks=()):
    """Insert `count` random responses for `service` in chunks; returns how many."""
    first_id = (db.session.scalar(select(func.max(Response.id))) or 0) + 1
    postgres = db.session.get_bind().dialect.name == "postgresql"
    # The rows are made consistent here: like pg_restore --disable-triggers, a superuser skips
    # the foreign-key checks, row by row the slowest part of COPY.
    unchecked = postgres and db.session.scalar(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    )
    if unchecked:
        db.session.execute(text("SET LOCAL session_replication_role = replica"))
    with _indexes_built_after(LOADED if postgres else ()):
        for start in range(0, count, CHUNK):
            size = min(CHUNK, count - start)
            tables = random_tables(
                service, count=size, first_id=first_id + start, seed=seed + start, kiosks=kiosks
            )
            for model, frame in tables.items():
                _write(model, frame)
    if unchecked:
        db.session.execute(text("SET LOCAL session_replication_role = DEFAULT"))
    new = Response.id.between(first_id, first_id + count - 1)
    tallies.add(db.session.connection(), and_(Response.service_id == service.id, new))
    if postgres:
        # Ids were given, not drawn: move the sequence past them for the next insert.
        db.session.execute(
            text("SELECT setval(pg_get_serial_sequence('response', 'id'), max(id)) FROM response")
        )
    return count


@contextmanager
def _indexes_built_after(models):
    """Drop the tables' secondary indexes for the load and build each once after it: one sort
    instead of a B-tree insert per row, about half of COPY's time. The tables stay locked until
    commit."""
    indexes = [index for model in models for index in model.__table__.indexes]
    connection = db.session.connection()
    for index in indexes:
        index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)


def _write(model, frame):
    """COPY on PostgreSQL, an executemany INSERT elsewhere."""
    if frame.empty:
        return
    if db.session.get_bind().dialect.name != "postgresql":
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        if model is StageExperience:
            for record in records:
                record["barriers"] = json.loads(record["barriers"])
        db.session.execute(insert(model), records)
        return
    from psycopg.copy import QueuedLibpqWriter  # PostgreSQL only: an optional dependency

    stored = frame.assign(**_stored_enums(model, frame))
    columns = ", ".join(stored.columns)
    statement = f"COPY {model.__tablename__} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    cursor = db.session.connection().connection.driver_connection.cursor()
    # Queued: a thread sends each slice while the next is formatted, the server parsing one
    # while Python writes the other.
    with cursor.copy(statement, writer=QueuedLibpqWriter(cursor)) as copy:
        for start in range(0, len(stored), SLICE):
            part = stored.iloc[start : start + SLICE]
            copy.write(part.to_csv(index=False, header=False, na_rep="\\N"))


def _stored_enums(model, frame):
    """Enum columns as SQLAlchemy stores them: the member's name."""
    if model is Response:
        return {"channel": frame["channel"].map({c.value: c.name for c in Channel})}
    if model is StageExperience:
        return {"went_through": frame["went_through"].map({w: w.name for w in WentThrough})}
    return {}
