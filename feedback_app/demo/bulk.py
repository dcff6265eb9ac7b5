"""Many random responses of every shape, inserted fast: for scale benchmarks and equality tests.

Unlike the demo's responses (demo/responses.py, a few thousand with planted gaps written one by
one), these are drawn column by column with numpy and cover what real data holds at the edges:
no profile, "prefer not to say", "does not apply", stages not gone through or told without
saying so, repeated barriers, comments in several languages or none, kiosks, withdrawals. On
PostgreSQL they are written with COPY, a million responses in about a minute.
"""

import io
import json
from datetime import UTC, datetime, timedelta

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
    keys = pd.Series(ids).map(lambda i: f"bulk-{seed}-{i}")
    responses = pd.DataFrame(
        {
            "id": ids,
            "service_id": service.id,
            "channel": channel,
            "kiosk_id": pd.array(kiosk, dtype="Int64"),
            "locale": _choice(rng, ["en", "fr", "es", "ar"], count),
            "created_at": [now - timedelta(seconds=int(s)) for s in seconds],
            "client_key": keys,
            "receipt_hash": pd.Series(ids).map(lambda i: f"{seed:016x}{i:048x}"),
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
    return pd.concat(parts, ignore_index=True)


def _stages(rng, ids, stages):
    """Each stage told by most, gone through or not, with emotions and barrier lists."""
    parts = []
    for stage in stages:
        told = ids[rng.random(len(ids)) < 0.8]
        size = len(told)
        went = _choice(rng, WENT, size, [70, 10, 10, 10])
        emotion = rng.integers(-2, 3, size).astype(object)
        emotion[rng.random(size) < 0.15] = None
        lists = [json.dumps(list(_choice(rng, BARRIERS, k))) for k in rng.poisson(0.6, size)]
        parts.append(
            pd.DataFrame(
                {
                    "response_id": told,
                    "stage_id": stage.id,
                    "went_through": went,
                    "emotion": emotion,
                    "barriers": lists,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def _comments(rng, ids):
    """A third of responses comment, in the demo's words; a few have two comments."""
    commented = ids[rng.random(len(ids)) < 0.35]
    commented = np.concatenate([commented, commented[rng.random(len(commented)) < 0.02]])
    lang = _choice(rng, ["fr", "en", "es", "ar", None], len(commented), [50, 20, 15, 10, 5])
    texts = [rng.choice(COMMENTS[code or "en"]) for code in lang]
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
    stored = frame.assign(**_stored_enums(model, frame))
    buffer = io.StringIO()
    stored.to_csv(buffer, index=False, header=False, na_rep="\\N")
    columns = ", ".join(stored.columns)
    statement = f"COPY {model.__tablename__} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    cursor = db.session.connection().connection.driver_connection.cursor()
    with cursor.copy(statement) as copy:
        copy.write(buffer.getvalue())


def _stored_enums(model, frame):
    """Enum columns as SQLAlchemy stores them: the member's name."""
    if model is Response:
        return {"channel": frame["channel"].map(lambda v: Channel(v).name)}
    if model is StageExperience:
        return {"went_through": frame["went_through"].map(lambda v: v.name, na_action="ignore")}
    return {}
