"""Answers between steps: server-side, behind a hashed token, for a day, then purged."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from feedback_app.database import utcnow
from feedback_app.extensions import db
from feedback_app.feedback import drafts
from feedback_app.feedback.models import Draft
from tests.feedback.resident import RATINGS, Resident

pytestmark = pytest.mark.database


def draft_count():
    return db.session.scalar(select(func.count()).select_from(Draft))


def test_answers_are_kept_server_side_and_the_cookie_stays_small(client, service):
    resident = Resident(client)
    resident.answer_everything()
    cookie = client.get_cookie("session")
    assert len(cookie.value) < 1000
    [draft] = db.session.scalars(select(Draft))
    assert draft.answers["ratings"] == {"a11_satisfaction": "4", "csat": "5", "ces": "na"}
    assert draft.token_hash not in cookie.value  # only the hash is stored, never the token


def test_answers_are_shown_again_when_coming_back_to_a_step(client, service):
    resident = Resident(client)
    resident.post("/rate", RATINGS)
    page = resident.get("/rate").get_data(as_text=True)
    assert 'value="5" checked' in page and 'value="na" checked' in page


def test_a_draft_belongs_to_one_browser(app, client, service):
    Resident(client).post("/comment", {"comment": "Mine"})
    other = Resident(app.test_client())
    assert "Mine" not in other.get("/comment").get_data(as_text=True)


def test_a_draft_belongs_to_one_service(service):
    token, _draft = drafts.start_draft(service)
    db.session.commit()
    assert drafts.find_draft(token, service) is not None
    other = type(service)(slug="elsewhere", name={"en": "Elsewhere"})
    db.session.add(other)
    db.session.commit()
    assert drafts.find_draft(token, other) is None


def test_an_expired_draft_is_not_found_and_is_purged(service):
    token, draft = drafts.start_draft(service)
    fresh_token, _fresh = drafts.start_draft(service)
    draft.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert drafts.find_draft(token, service) is None
    assert drafts.purge_expired_drafts() == 1
    assert draft_count() == 1
    assert drafts.find_draft(fresh_token, service) is not None


def test_saving_pushes_the_expiry_back(service):
    token, draft = drafts.start_draft(service)
    draft.expires_at = utcnow() + timedelta(minutes=5)
    db.session.commit()
    drafts.save_answers(draft, drafts.COMMENT, "Still here")
    later = utcnow() + drafts.DRAFT_LIFETIME - timedelta(minutes=1)
    assert drafts.purge_expired_drafts(now=later) == 0
    assert drafts.find_draft(token, service).answers == {"comment": "Still here"}


def test_purge_runs_from_the_command_line(app, service):
    _token, draft = drafts.start_draft(service)
    draft.expires_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["feedback", "purge-drafts"])
    assert result.exit_code == 0, result.output
    assert "Expired drafts deleted: 1." in result.output
    assert draft_count() == 0


def test_a_sent_draft_keeps_no_answers(client, service):
    resident = Resident(client)
    resident.answer_everything()
    resident.send()
    db.session.expire_all()
    [draft] = db.session.scalars(select(Draft))
    assert draft.answers == {} and draft.response_id is not None


def test_an_empty_step_removes_its_answers(client, service):
    resident = Resident(client)
    resident.post("/comment", {"comment": "Hello"})
    resident.post("/comment", {"comment": "   "})
    db.session.expire_all()
    [draft] = db.session.scalars(select(Draft))
    assert "comment" not in draft.answers
