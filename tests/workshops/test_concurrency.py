"""Sixty participants post and vote at once: no card or dot is lost, nobody ends over the limit.

PostgreSQL only: it is the engine where requests really run in parallel (SQLite takes one
writer at a time, so it cannot show a race).
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.workshops import participants
from feedback_app.workshops.models import Card, Vote
from tests.fixtures.database import FreshContextClient
from tests.fixtures.pages import csrf_token

pytestmark = pytest.mark.database
PEOPLE = 60
DOTS = 3
# Each participant's dots are asked for twice over, from two threads at once.
ATTEMPTS = 2 * DOTS


def _browser(app, code, token):
    """A participant's own browser: the test client gives each request its own context."""
    app.test_client_class = FreshContextClient
    client = app.test_client()
    client.set_cookie("ensemble_workshop", token, path=f"/w/{code}")
    return client, csrf_token(client.get("/w"))


def _post_card(app, code, wall_id, token):
    client, csrf = _browser(app, code, token)
    url = f"/w/{code}/a/{wall_id}"
    return client.post(url, data={"csrf_token": csrf, "text": "Ring first", "kind": "idea"})


def _add_dots(app, code, vote_id, token, card_id):
    client, csrf = _browser(app, code, token)
    url = f"/w/{code}/a/{vote_id}/dots/add"
    return [
        client.post(url, data={"csrf_token": csrf, "card": str(card_id)}).status_code
        for _ in range(DOTS)
    ]


def _on_postgresql():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")


def test_sixty_people_at_once(app, workshop, idea_wall, dot_vote):
    _on_postgresql()
    dot_vote.multiple_dots_per_card = True
    db.session.commit()
    tokens = [participants.join(workshop, locale="en")[1] for _ in range(PEOPLE)]
    code, wall_id, vote_id = workshop.join_code, idea_wall.id, dot_vote.id
    with ThreadPoolExecutor(max_workers=10) as pool:
        posted = list(pool.map(lambda t: _post_card(app, code, wall_id, t).status_code, tokens))
    assert posted == [302] * PEOPLE
    assert db.session.scalar(select(func.count(Card.id))) == PEOPLE
    target = db.session.scalar(select(Card.id).limit(1))

    twice = [token for token in tokens for _twin in (1, 2)]
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda t: _add_dots(app, code, vote_id, t, target), twice))
    statuses = [status for batch in results for status in batch]
    assert set(statuses) <= {302, 409}
    # Nobody is told "no dots left" while they still have one.
    assert all(batch == sorted(batch) for batch in results)
    dots = db.session.execute(
        select(Vote.participant_id, func.count()).group_by(Vote.participant_id)
    ).all()
    # Nobody over the limit, everybody at it, and every accepted dot stored.
    assert sorted(n for _p, n in dots) == [DOTS] * PEOPLE
    assert statuses.count(302) == PEOPLE * DOTS


def test_one_dot_per_card_holds_when_a_person_clicks_twice_at_once(
    app, workshop, idea_wall, dot_vote
):
    _on_postgresql()
    tokens = [participants.join(workshop, locale="en")[1] for _ in range(PEOPLE)]
    card = Card(activity_id=idea_wall.id, kind="idea", text="Ring first")
    db.session.add(card)
    db.session.commit()
    code, vote_id, card_id = workshop.join_code, dot_vote.id, card.id

    def click(token):
        client, csrf = _browser(app, code, token)
        url = f"/w/{code}/a/{vote_id}/dots/add"
        return client.post(url, data={"csrf_token": csrf, "card": str(card_id)}).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(click, [t for t in tokens for _twin in (1, 2)]))
    assert statuses.count(302) == PEOPLE
    assert db.session.scalar(select(func.count(Vote.id))) == PEOPLE
