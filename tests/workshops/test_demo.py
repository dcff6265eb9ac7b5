"""The demo has one workshop for home-support with cards and votes to show, seeded once."""

import pytest
from sqlalchemy import func, select

from feedback_app.demo.seed import seed_demo
from feedback_app.demo.workshop import JOIN_CODE
from feedback_app.extensions import db
from feedback_app.workshops.models import Card, Vote, Workshop
from tests.workshops.helpers import text_of

pytestmark = pytest.mark.database


def test_the_demo_workshop_is_seeded_once_and_keeps_the_rules(app, client):
    seed_demo("demo-password", response_count=50)
    seed_demo("demo-password", response_count=50)
    assert db.session.scalar(select(func.count(Workshop.id))) == 1
    assert db.session.scalar(select(func.count(Card.id))) >= 24
    assert db.session.scalar(select(func.count(Vote.id))) == 60
    per_person = db.session.execute(
        select(Vote.participant_id, func.count(), func.count(Vote.card_id.distinct())).group_by(
            Vote.participant_id
        )
    ).all()
    assert all(dots == cards == 3 for _person, dots, cards in per_person)
    board = text_of(client.get(f"/w/{JOIN_CODE}/board"))
    assert (
        "Three weeks without any news" in board and "Text me when my file moves – 14 dots" in board
    )
