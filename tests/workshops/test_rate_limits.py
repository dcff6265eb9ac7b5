"""Guessing join codes is slowed down; a room full of people joining from one network is not."""

import pytest

from feedback_app import create_app
from feedback_app.demo.seed import seed_catalogue
from feedback_app.extensions import db
from feedback_app.models import User
from tests.workshops.helpers import make_workshop

pytestmark = pytest.mark.database


@pytest.fixture
def limited_app(app, database_url):
    """The same database as `app` (which empties it afterwards), with rate limits on."""
    limited = create_app(
        {"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": True}
    )
    with limited.app_context():
        yield limited
        db.session.remove()
        db.engine.dispose()


def test_wrong_codes_are_limited_but_the_right_one_is_not(limited_app):
    service = seed_catalogue()
    user = User(email="f@example.org", display_name="f")
    user.set_password("correct horse battery staple")
    db.session.add(user)
    db.session.commit()
    workshop = make_workshop(user, service)
    client = limited_app.test_client()
    for _attempt in range(25):
        assert client.get(f"/w/{workshop.join_code}").status_code == 200
    guesses = [client.get("/w/ZZZZZZ") for _guess in range(21)]
    assert [r.status_code for r in guesses[:20]] == [404] * 20
    assert guesses[20].status_code == 429
    assert "Too many attempts" in guesses[20].get_data(as_text=True)
