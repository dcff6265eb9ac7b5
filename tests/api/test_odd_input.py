"""Odd input to the API (NUL bytes, lone surrogates, deep nesting): a clear 4xx, never a 500."""

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import ApiToken, Comment
from tests.api.helpers import bearer, create_token
from tests.api.test_submit import BODY, URL
from tests.fixtures.pages import csrf_token
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/services/%00/aggregates",
        "/api/v1/services/home%00support/gaps",
        "/api/v1/services/" + "x" * 500 + "/aggregates",
    ],
)
def test_an_odd_service_address_is_a_json_404(client, service, analyst_token, path):
    reply = client.get(path, headers=bearer(analyst_token))
    assert reply.status_code == 404
    assert reply.json["error"]["detail"] == "There is no service with this address."


def test_a_nul_byte_in_a_slug_to_submit_is_a_json_404(client, service, facilitator_token):
    reply = client.post(
        "/api/v1/services/%00/responses", json=BODY, headers=bearer(facilitator_token)
    )
    assert reply.status_code == 404


@pytest.mark.parametrize("odd", ["\u0000", "\ud800", "\x07", "\u202e", "\u2066"])
def test_characters_nobody_types_are_left_out_of_a_comment(client, service, facilitator_token, odd):
    body = {**BODY, "comment": f"Personne ne{odd} répond."}
    reply = client.post(URL, json=body, headers=bearer(facilitator_token))
    assert reply.status_code == 201, reply.json
    assert db.session.scalar(select(Comment.text)) == "Personne ne répond."


def test_a_lone_surrogate_in_raw_json_is_left_out(client, service, facilitator_token):
    raw = '{"client_key": "callcentre-0002", "locale": "en", "comment": "Too long\\ud800 a wait"}'
    reply = client.post(
        URL, data=raw, content_type="application/json", headers=bearer(facilitator_token)
    )
    assert reply.status_code == 201, reply.json
    assert db.session.scalar(select(Comment.text)) == "Too long a wait"


def test_deeply_nested_json_is_a_400(client, service, facilitator_token):
    raw = '{"comment": ' + "[" * 100_000 + "]" * 100_000 + "}"
    reply = client.post(
        URL, data=raw, content_type="application/json", headers=bearer(facilitator_token)
    )
    assert reply.status_code == 400
    assert reply.json["error"]["title"] == "Something in your request was not right"


def test_a_nul_byte_in_a_token_name_is_left_out(client, analyst):
    sign_in(client, analyst.email)
    reply = create_token(client, "Dash\x00board")
    assert reply.status_code == 201
    assert db.session.scalar(select(ApiToken.name)) == "Dashboard"


def test_a_token_id_beyond_64_bits_is_a_404(client, analyst):
    sign_in(client, analyst.email)
    token = csrf_token(client.get("/staff/tokens"))
    for token_id in (str(2**63), str(10**30), "9" * 5000):
        reply = client.post(f"/staff/tokens/{token_id}/revoke", data={"csrf_token": token})
        assert reply.status_code == 404
        assert "Page not found" in reply.text
