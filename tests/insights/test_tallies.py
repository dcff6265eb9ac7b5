"""The tallies kept by every write equal a count from scratch, and read the same as the responses.

feedback.tallies changes the counts in the transaction of each write; insights read them for
every filter without dates. Both are checked here on random data of every shape, after each
kind of write the app makes: new responses through the ORM, a withdrawal, a changed profile,
an answer taken out, a deleted response, the retention purge, a bulk load, a rolled-back flush.
"""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import select

from feedback_app.demo.bulk import seed_random_responses
from feedback_app.demo.seed import seed_kiosks
from feedback_app.extensions import db
from feedback_app.feedback import tallies
from feedback_app.feedback.models import (
    Answer,
    Channel,
    Profile,
    Response,
    StageExperience,
    Tally,
    WentThrough,
)
from feedback_app.feedback.retention import purge_expired_responses
from feedback_app.feedback.withdrawal import withdraw
from feedback_app.insights import cube_queries
from feedback_app.insights.frames import ResponseFilter
from feedback_app.kiosk.models import Kiosk

CUBES = ("segment_cells", "source_cells", "rating_cube", "emotion_cube", "barrier_cube")
EVER = {"since": datetime(1970, 1, 1, tzinfo=UTC), "until": datetime(2100, 1, 1, tzinfo=UTC)}


@pytest.fixture
def written(app, service):
    """The demo service with random responses, then changed by every kind of write."""
    kiosks = seed_kiosks(service)
    seed_random_responses(service, count=1200, seed=3, kiosks=[k for k, _ in kiosks])
    db.session.commit()
    with app.test_request_context():
        _write_through_the_orm(service, db.session.get(Kiosk, kiosks[0][0]))
        yield service


def _new_response(service, number, kiosk):
    """A response of every part, written as the residents' flow writes one (ORM objects)."""
    questions, stages = service.question_set.questions, service.journey.stages
    response = Response(
        service=service,
        channel=Channel.KIOSK if number % 2 else Channel.WEB,
        kiosk=kiosk if number % 2 else None,
        locale="en",
        receipt_hash=f"tally-{number:058d}",
    )
    response.answers = [Answer(question=questions[0], value=1 + number % 5)]
    response.answers.append(Answer(question=questions[1], value=None))
    response.stage_experiences = [
        StageExperience(
            stage=stages[0], went_through=WentThrough.YES, emotion=-2, barriers=["queue"]
        ),
        StageExperience(stage=stages[1], went_through=None, emotion=None, barriers=["cost"]),
        StageExperience(stage=stages[2], went_through=WentThrough.NO, emotion=1, barriers=[]),
    ]
    if number % 3:
        response.profile = Profile(age_band="75+", gender=None, disability="yes", rurality="")
    return response


def _write_through_the_orm(service, kiosk):
    db.session.add_all([_new_response(service, number, kiosk) for number in range(12)])
    db.session.commit()
    stored = db.session.scalars(
        select(Response).where(Response.withdrawn_at.is_(None)).order_by(Response.id).limit(6)
    ).all()
    withdraw(stored[0])
    profiled = next(r for r in stored[1:] if r.profile is not None)
    profiled.profile.age_band = "18-24"
    answered = next(r for r in stored[1:] if r.answers)
    answered.answers.pop()
    db.session.delete(stored[-1])
    db.session.commit()
    purge_expired_responses(300)


def _kept():
    """Every stored tally as a sorted list of rows (ids left out)."""
    columns = [column for column in Tally.__table__.columns if column.name != "id"]
    return sorted(db.session.execute(select(*columns)).all())


def test_every_write_keeps_the_tallies_equal_to_a_count_from_scratch(written):
    kept = _kept()
    assert {row.measure for row in kept} == set(tallies.MEASURES)
    tallies.rebuild(db.session.connection())
    assert _kept() == kept


def test_a_flush_that_fails_leaves_the_tallies_as_they_were(written):
    kept = _kept()
    taken = db.session.scalar(select(Response.receipt_hash).limit(1))
    duplicate = _new_response(written, 99, None)
    duplicate.receipt_hash = taken
    db.session.add(duplicate)
    with pytest.raises(Exception, match="(?i)unique"):
        db.session.commit()
    db.session.rollback()
    assert _kept() == kept


def _sorted(table):
    return table.sort_values(list(table.columns)).reset_index(drop=True)


def _filters(service):
    kiosk = db.session.scalar(select(Response.kiosk_id).where(Response.kiosk_id.is_not(None)))
    return [
        ResponseFilter(),
        ResponseFilter(channels=("web", "kiosk")),
        ResponseFilter(kiosks=(kiosk,)),
        ResponseFilter(channels=("workshop",), kiosks=(kiosk,)),
    ]


def test_every_cube_read_from_the_tallies_equals_the_count_over_the_responses(written):
    for tallied in _filters(written):
        counted = ResponseFilter(**EVER, channels=tallied.channels, kiosks=tallied.kiosks)
        for name in CUBES:
            cube = getattr(cube_queries, name)
            from_tallies, from_responses = cube(written, tallied), cube(written, counted)
            if from_responses is None:  # no barrier in the selection
                assert from_tallies is None
                continue
            assert_frame_equal(_sorted(from_tallies), _sorted(from_responses), obj=name)
        first, last, days = cube_queries.daily_counts(written, tallied)
        assert (first, last) == cube_queries.daily_counts(written, counted)[:2]
        assert_frame_equal(_sorted(days), _sorted(cube_queries.daily_counts(written, counted)[2]))


def test_the_tallies_count_what_the_pages_show(written):
    """A cross-check by hand, not by the shared query: responses per day add up."""
    stored = db.session.scalar(
        select(db.func.count(Response.id)).where(
            Response.service_id == written.id, Response.withdrawn_at.is_(None)
        )
    )
    cells = cube_queries.segment_cells(written, ResponseFilter())
    days = cube_queries.daily_counts(written, ResponseFilter())[2]
    assert cells["count"].sum() == days["count"].sum() == stored
    recent = days[days["day"] >= (datetime.now(UTC) - timedelta(days=1)).date()]
    assert recent["count"].sum() >= 12  # the twelve written through the ORM


def test_two_withdrawals_at_once_take_the_response_off_the_tallies_once(app, service):
    """A double click or two tabs: both requests withdraw the same response at the same time."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one transaction write at a time")
    seed_random_responses(service, count=50, seed=3)
    db.session.commit()
    chosen = db.session.scalar(select(Response.id).where(Response.withdrawn_at.is_(None)))
    both_loaded = threading.Barrier(2)

    def withdraw_it():
        with app.test_request_context():
            response = db.session.get(Response, chosen)
            _ = (response.answers, response.stage_experiences, response.profile, response.comments)
            both_loaded.wait()
            withdraw(response)
            db.session.remove()

    requests = [threading.Thread(target=withdraw_it) for _ in range(2)]
    for request in requests:
        request.start()
    for request in requests:
        request.join()
    db.session.expire_all()
    kept = _kept()
    tallies.rebuild(db.session.connection())
    assert _kept() == kept
