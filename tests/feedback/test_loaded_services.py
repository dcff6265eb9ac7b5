"""Services kept between requests (feedback.loaded_services) stay exact: a resident sees a change
to the catalogue on the next page, however and wherever it was made, since every such change
rewrites the catalogue's version in its own transaction (catalogue.version)."""

import pytest
from sqlalchemy import inspect, select, update
from sqlalchemy.orm import Session

from feedback_app.catalogue import version
from feedback_app.catalogue.models import Question
from feedback_app.extensions import db
from feedback_app.feedback.loaded_services import service_with_flow
from tests.feedback.resident import RATINGS, SLUG, Resident

pytestmark = pytest.mark.database

CHANGED = "Were the staff kind to you?"


def question_shown(resident):
    return CHANGED in resident.get("/rate").get_data(as_text=True)


def kept_resident(client):
    """A resident whose first page has made the app keep the service."""
    resident = Resident(client)
    assert resident.get("/rate").status_code == 200
    assert not question_shown(resident)
    return resident


def test_a_question_changed_elsewhere_shows_on_the_next_page(client, service):
    resident = kept_resident(client)
    # Another worker (or a service sharing the question) commits through its own session.
    with Session(db.engine) as elsewhere:
        question = elsewhere.scalar(select(Question).where(Question.code == "csat"))
        question.text = {**question.text, "en": CHANGED}
        elsewhere.commit()
    assert question_shown(resident)


def test_a_bulk_update_of_questions_shows_on_the_next_page(client, service):
    resident = kept_resident(client)
    db.session.execute(update(Question).where(Question.code == "csat").values(text={"en": CHANGED}))
    db.session.commit()
    assert question_shown(resident)


def test_a_service_taken_offline_is_closed_on_the_next_page(client, service):
    resident = kept_resident(client)
    service.is_published = False
    db.session.commit()
    assert resident.get("/rate").status_code == 404


def test_a_change_rolled_back_keeps_the_version(client, service):
    kept_resident(client)
    before = version.current(db.session)
    service.name = {**service.name, "en": "Renamed"}
    db.session.flush()
    assert version.current(db.session) != before
    db.session.rollback()
    assert version.current(db.session) == before


def test_residents_answering_leave_the_version_alone(client, service):
    """Submissions change no question: they must not make every worker load the service again."""
    resident = kept_resident(client)
    before = version.current(db.session)
    resident.answer_everything()
    resident.post("/check", {"client_key": resident.client_key()})
    resident.post("/rate", RATINGS)
    assert version.current(db.session) == before


def test_each_request_gets_its_own_copy_of_what_is_kept(client, service, app):
    kept_resident(client)
    with app.test_request_context():
        copy = service_with_flow(SLUG)
        kept = app.extensions["loaded_services"][SLUG].service
        assert copy is not kept
        assert inspect(kept).detached
        assert inspect(copy).session is db.session()
        assert [stage.code for stage in copy.journey.stages] == [
            stage.code for stage in kept.journey.stages
        ]
        db.session.rollback()
