"""A send is idempotent on the draft's own key: no posted key can reach another response."""

import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.feedback.drafts import WEB_KEY_PREFIX
from feedback_app.feedback.models import Response
from feedback_app.feedback.receipts import receipt_code_for
from feedback_app.feedback.submit import ANSWERS_CHANGED, ANSWERS_EXPIRED, build_response
from tests.feedback.resident import Resident, english, error_messages
from tests.fixtures.pages import csrf_token, parse

pytestmark = pytest.mark.database

# How the API stores a partner's key (api-<user id>-<key>), with the docs' guessable pattern.
PARTNER_KEY = "api-2-callcentre-2026-242762"


@pytest.fixture
def partners_response(app, service):
    """A call centre's response, with answers about the resident."""
    answers = {
        "comment": "Nobody called me back.",
        "consent": "yes",
        "about_you": {"age_band": "75+"},
        "activities": {"wg_mobility": "cannot_do"},
    }
    response = build_response(
        service, answers, PARTNER_KEY, locale="en", secret=app.secret_key, channel="api"
    )
    db.session.add(response)
    db.session.commit()
    return response


def count_responses():
    return db.session.scalar(select(func.count()).select_from(Response))


def test_posting_a_partners_key_shows_nothing_of_their_response(client, partners_response):
    check = client.get("/en/s/home-support/check")
    data = {"csrf_token": csrf_token(check), "client_key": PARTNER_KEY}
    reply = client.post("/en/s/home-support/check", data=data)
    assert reply.status_code == 400
    assert error_messages(reply) == [english(ANSWERS_EXPIRED)]
    partners_code = receipt_code_for(PARTNER_KEY, client.application.secret_key)
    assert partners_code not in reply.get_data(as_text=True)
    sent = client.get("/en/s/home-support/sent")
    assert sent.headers["Location"] == "/en/s/home-support"
    assert partners_code not in client.get("/en/receipt").get_data(as_text=True)
    assert count_responses() == 1


def test_a_resident_with_a_draft_cannot_swap_in_another_key(client, partners_response):
    resident = Resident(client)
    resident.post("/comment", {"comment": "My own words"})
    reply = resident.send(client_key=PARTNER_KEY)
    assert reply.status_code == 400
    assert error_messages(reply) == [english(ANSWERS_CHANGED)]
    assert resident.get("/sent").status_code == 302
    # Their own draft is still there, and sends as their own response.
    assert resident.send().status_code == 302
    assert resident.receipt_code() != receipt_code_for(PARTNER_KEY, client.application.secret_key)
    assert count_responses() == 2


def test_a_double_submit_returns_the_residents_own_receipt(client, partners_response):
    resident = Resident(client)
    resident.post("/comment", {"comment": "Twice"})
    key = resident.client_key()
    assert key.startswith(WEB_KEY_PREFIX)
    resident.send(key)
    code = resident.receipt_code()
    assert resident.send(key).headers["Location"] == "/en/s/home-support/sent"
    assert resident.receipt_code() == code
    shown = parse(resident.get("/sent")).find(class_="receipt-code").get_text(strip=True)
    assert shown == receipt_code_for(key, client.application.secret_key)
    assert count_responses() == 2
