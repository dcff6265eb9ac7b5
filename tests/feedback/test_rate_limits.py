"""Guessing receipt codes or hammering "Send" is slowed down, with a message in the resident's
language; the limits are off in the other tests."""

import pytest

from feedback_app import create_app
from feedback_app.extensions import db
from tests.fixtures.pages import assert_page_basics, csrf_token

pytestmark = pytest.mark.database


def test_receipt_guesses_are_rate_limited(database_url):
    app = create_app(
        {"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": True}
    )
    with app.app_context():
        db.create_all()
        client = app.test_client()
        token = csrf_token(client.get("/fr/receipt"))
        statuses = [
            client.post("/fr/receipt", data={"csrf_token": token, "code": "ABCD-EFGH-JK"})
            for _attempt in range(11)
        ]
        assert [r.status_code for r in statuses[:10]] == [400] * 10
        assert statuses[10].status_code == 429
        assert_page_basics(statuses[10], lang="fr")
        db.session.remove()
        db.engine.dispose()
