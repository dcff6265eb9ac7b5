"""Responses sent from a partner's channel: validated, stored once per client key, audited."""

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.feedback.receipts import receipt_hash
from feedback_app.feedback.withdrawal import withdraw
from feedback_app.models import Organisation, Profile, Response, StageExperience
from tests.api.helpers import audit_actions, bearer, count_of, token_for

URL = "/api/v1/services/home-support/responses"
BODY = {
    "client_key": "callcentre-0001",
    "locale": "fr",
    "answers": {"a11_satisfaction": 2, "a11_trust": None, "ces": 6},
    "journey": [{"stage": "wait", "went_through": "yes", "emotion": -2, "barriers": ["cost"]}],
    "comment": "Personne ne répond au téléphone.",
    "consent": True,
    "profile": {"age_band": "75+", "wg_mobility": "a_lot_of_difficulty", "rurality": "village"},
}


def _api_responses():
    return count_of(Response, Response.channel == "api")


def test_a_response_is_stored_with_its_story_and_a_receipt(client, service, facilitator_token):
    reply = client.post(URL, json=BODY, headers=bearer(facilitator_token))
    assert reply.status_code == 201, reply.json
    assert reply.json["status"] == "received" and reply.json["client_key"] == "callcentre-0001"
    response = db.session.scalar(select(Response).where(Response.channel == "api"))
    assert response.locale == "fr" and response.consent_version == "2026-1"
    assert response.receipt_hash == receipt_hash(reply.json["receipt_code"])
    assert sorted(a.value for a in response.answers if a.value) == [2, 6]
    assert response.profile.age_band == "75+" and response.profile.disability == "yes"
    assert response.comments[0].text.startswith("Personne")
    assert count_of(StageExperience, StageExperience.response_id == response.id) == 1


def test_sending_the_same_client_key_again_stores_nothing_new(client, service, facilitator_token):
    first = client.post(URL, json=BODY, headers=bearer(facilitator_token))
    again = client.post(URL, json=BODY, headers=bearer(facilitator_token))
    assert (first.status_code, again.status_code) == (201, 200)
    assert _api_responses() == 1
    assert len(audit_actions("api_response_repeated")) == 1


def test_a_repeated_key_never_discloses_the_receipt_code(client, service, facilitator_token):
    first = client.post(URL, json=BODY, headers=bearer(facilitator_token))
    again = client.post(URL, json=BODY, headers=bearer(facilitator_token))
    assert again.json == {"status": "already_received", "client_key": "callcentre-0001"}
    assert first.json["receipt_code"] not in again.get_data(as_text=True)


def test_a_retry_after_a_withdrawal_is_already_received_and_stores_nothing(
    client, service, facilitator_token
):
    first = client.post(URL, json=BODY, headers=bearer(facilitator_token))
    withdraw(db.session.scalar(select(Response)))
    assert db.session.scalar(select(Response.client_key)) is None
    again = client.post(URL, json=BODY, headers=bearer(facilitator_token))
    assert again.status_code == 200
    assert again.json == {"status": "already_received", "client_key": "callcentre-0001"}
    assert first.json["receipt_code"] not in again.get_data(as_text=True)
    assert _api_responses() == 1 and count_of(StageExperience) == 0


def test_the_audit_log_keeps_no_client_key(client, service, facilitator_token):
    for _ in range(2):
        client.post(URL, json=BODY, headers=bearer(facilitator_token))
    events = audit_actions("api_response_submitted") + audit_actions("api_response_repeated")
    assert "callcentre-0001" not in repr(events)
    hashes = {details["client_key_hash"] for _, _, details in events}
    assert len(hashes) == 1 and len(hashes.pop()) == 12


def test_two_partners_may_use_the_same_client_key(client, service, facilitator_token, make_user):
    operator = db.session.scalar(
        select(Organisation).where(Organisation.kind == "private_operator")
    )
    other = make_user("operator@example.org", organisation=operator, role="facilitator")
    other_secret = token_for(other)[1]
    assert client.post(URL, json=BODY, headers=bearer(facilitator_token)).status_code == 201
    assert client.post(URL, json=BODY, headers=bearer(other_secret)).status_code == 201
    assert _api_responses() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"client_key": "short"}, "client_key"),
        ({"locale": "de"}, "locale"),
        ({"answers": {"a11_satisfaction": 9}}, "answers.a11_satisfaction"),
        ({"answers": {"a11_satisfaction": True}}, "answers.a11_satisfaction"),
        ({"answers": {"not_a_question": 3}}, "answers.not_a_question"),
        ({"journey": [{"stage": "nowhere"}]}, "journey.0.stage"),
        ({"journey": [{"stage": "wait", "emotion": 3}]}, "journey.0.emotion"),
        ({"journey": [{"stage": "wait", "barriers": ["teleport"]}]}, "journey.0.barriers"),
        ({"comment": "x" * 2001}, "comment"),
        ({"consent": False}, "profile"),
        ({"consent": "yes"}, "consent"),
        ({"profile": {"age_band": "ninety"}}, "profile.age_band"),
    ],
)
def test_invalid_fields_are_named_in_a_422(client, service, facilitator_token, change, field):
    reply = client.post(URL, json={**BODY, **change}, headers=bearer(facilitator_token, "fr"))
    assert reply.status_code == 422
    assert field in reply.json["error"]["fields"]
    assert _api_responses() == 0


def test_an_empty_response_is_refused(client, service, facilitator_token):
    body = {"client_key": "callcentre-0002", "locale": "en"}
    reply = client.post(URL, json=body, headers=bearer(facilitator_token))
    assert reply.status_code == 422 and "body" in reply.json["error"]["fields"]


def test_profile_is_stored_only_with_consent(client, service, facilitator_token):
    body = {k: v for k, v in BODY.items() if k not in ("consent", "profile")}
    assert client.post(URL, json=body, headers=bearer(facilitator_token)).status_code == 201
    assert count_of(Profile) == 0


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ("client_key=x", "application/x-www-form-urlencoded", 415),
        ("{not json", "application/json", 400),
        ("[1, 2]", "application/json", 422),
    ],
)
def test_a_body_that_is_not_a_json_object_is_refused(
    client, service, facilitator_token, data, content_type, status
):
    headers = {**bearer(facilitator_token), "Content-Type": content_type}
    reply = client.post(URL, data=data, headers=headers)
    assert reply.status_code == status
    assert reply.json["error"]["status"] == status


def test_an_analyst_only_token_cannot_send_responses(client, service, analyst_token):
    assert client.post(URL, json=BODY, headers=bearer(analyst_token)).status_code == 403


def test_an_outsider_cannot_send_responses(client, service, outsider_token):
    assert client.post(URL, json=BODY, headers=bearer(outsider_token)).status_code == 403
    assert _api_responses() == 0


def test_no_csrf_token_is_needed_with_a_bearer_token_but_a_token_is(client, service):
    assert client.post(URL, json=BODY).status_code == 401


def test_a_stage_not_gone_through_keeps_no_feeling(client, service, facilitator_token):
    journey = [{"stage": "wait", "went_through": "not_yet", "emotion": -2, "barriers": ["cost"]}]
    body = {**BODY, "journey": journey}
    assert client.post(URL, json=body, headers=bearer(facilitator_token)).status_code == 201
    story = db.session.scalar(select(StageExperience))
    assert (story.went_through, story.emotion, story.barriers) == ("not_yet", None, [])
