"""API v1 reads: token authentication, access per service, filters, audit and rate limits."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from feedback_app import create_app
from feedback_app.api.tokens import revoke
from feedback_app.extensions import db
from feedback_app.models import ApiToken, Profile, Response
from tests.api.helpers import audit_actions, bearer, token_for
from tests.fixtures.people import sign_in

SERVICE = "/api/v1/services/home-support"
READS = ["aggregates", "gaps", "representation", "outreach", "journeys", "themes", "insights"]
# Columns that would describe one person rather than a group.
PERSONAL = {"response_id", "comment", "client_key", "receipt_hash", "created_at", "lang"}


def _keys(value):
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for item in value for k in _keys(item)}
    return set()


@pytest.mark.parametrize("resource", READS)
def test_each_read_answers_aggregates_and_is_audited(
    client, seeded, analyst, analyst_token, resource
):
    response = client.get(f"{SERVICE}/{resource}", headers=bearer(analyst_token))
    assert response.status_code == 200, response.json
    body = response.json
    assert body["service"] == "home-support" and body["suppress_below"] == 10
    assert not _keys(body) & PERSONAL
    assert audit_actions("api_read") == [
        (analyst.id, str(seeded.id), {"resource": resource, "filters": {}, "token_id": 1})
    ]


def test_gaps_find_the_planted_gap_and_hide_small_cells(client, seeded, analyst_token):
    gaps = client.get(f"{SERVICE}/gaps", headers=bearer(analyst_token)).json["gaps"]
    first = gaps[0]
    assert first["status"] == "gap" and first["priority"] == 1
    assert "disability=yes" in first["segment"]
    hidden = [row for row in gaps if row["status"] == "suppressed"]
    assert all(row["n"] is None and row["mean"] is None and row["top2"] is None for row in hidden)
    assert all(row["n"] is None or row["n"] >= 10 for row in gaps)
    assert named_only_with_a_figure(gaps)


def test_outreach_says_whom_to_reach_next_and_hides_small_groups(client, seeded, analyst_token):
    groups = client.get(f"{SERVICE}/outreach", headers=bearer(analyst_token)).json["groups"]
    needing = [row for row in groups if row["status"] == "more needed"]
    assert needing and all(row["n_more"] > 0 and row["n_more"] % 10 == 0 for row in needing)
    assert all(row["n"] >= 10 for row in groups)
    assert named_only_with_a_figure(groups)


def named_only_with_a_figure(rows):
    """Every group named has at least one figure shown: none is listed only as hidden."""
    by_group = {}
    for row in rows:
        by_group.setdefault(row["segment"], []).append(row["status"] != "suppressed")
    return by_group and all(any(shown) for shown in by_group.values())


def test_a_filter_matching_one_response_names_none_of_its_groups(client, seeded, analyst_token):
    """A review found a one-day filter naming, as hidden, each group of its one resident."""
    alone = db.session.scalar(select(Response).join(Profile).order_by(Response.id))
    alone.created_at = datetime(2020, 1, 1, 12, tzinfo=UTC)
    db.session.commit()
    day = "since=2020-01-01&until=2020-01-01"
    for resource, rows in (("gaps", "gaps"), ("outreach", "groups"), ("journeys", "curve")):
        body = client.get(f"{SERVICE}/{resource}?{day}", headers=bearer(analyst_token)).json
        assert body[rows] == [], resource


def test_filters_narrow_the_data_and_are_echoed(client, seeded, analyst_token):
    url = f"{SERVICE}/aggregates?channel=kiosk&channel=paper&since=2000-01-01"
    body = client.get(url, headers=bearer(analyst_token)).json
    assert body["filters"] == {"channel": ["kiosk", "paper"], "since": "2000-01-01"}
    everyone = client.get(f"{SERVICE}/aggregates", headers=bearer(analyst_token)).json
    assert 0 < body["total"] < everyone["total"] == 400
    assert {row["channel"] for row in body["timeline"]} == {"kiosk", "paper"}


def test_bad_filters_answer_400_in_the_callers_language(client, seeded, analyst_token):
    response = client.get(f"{SERVICE}/gaps?until=31/12/2026", headers=bearer(analyst_token, "fr"))
    assert response.status_code == 400
    error = response.json["error"]
    assert error["status"] == 400 and error["title"] == "Votre demande contient une erreur"
    assert set(error["fields"]) == {"until"}


def test_services_lists_what_the_user_takes_part_in(client, seeded, outsider_token, analyst_token):
    body = client.get("/api/v1/services", headers=bearer(analyst_token, "fr")).json
    assert body.pop("token")["scopes"] == ["insights:read", "responses:submit"]
    assert body == {
        "services": [
            {
                "slug": "home-support",
                "name": "Aide à domicile pour les personnes âgées et handicapées",
                "roles": ["analyst"],
                "kiosks": [
                    {"id": 3, "location": "Hillside Health Centre, waiting room", "active": True},
                    {"id": 2, "location": "Riverside Library, entrance", "active": True},
                    {"id": 1, "location": "Riverside Town Hall, reception", "active": True},
                ],
            }
        ]
    }
    other = client.get("/api/v1/services", headers=bearer(outsider_token)).json
    assert [s["slug"] for s in other["services"]] == ["library-at-home"]


@pytest.mark.parametrize("resource", READS)
def test_analyst_of_another_organisation_gets_403(client, service, outsider_token, resource):
    response = client.get(f"{SERVICE}/{resource}", headers=bearer(outsider_token))
    assert response.status_code == 403
    assert response.json["error"]["title"] == "You do not have access to this service"
    assert audit_actions("api_read") == []


def test_facilitator_may_send_responses_but_not_read_analysis(client, service, facilitator_token):
    assert client.get(f"{SERVICE}/gaps", headers=bearer(facilitator_token)).status_code == 403


def test_unknown_service_is_404_in_json(client, service, analyst_token):
    response = client.get("/api/v1/services/nowhere/gaps", headers=bearer(analyst_token))
    assert response.status_code == 404
    assert response.json["error"]["detail"] == "There is no service with this address."


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer ens_not-a-real-token", "Basic YWRtaW46YWRtaW4=", "ens_no_scheme"],
)
def test_missing_or_unknown_token_is_401(client, service, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get(f"{SERVICE}/gaps", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json["error"]["title"] == "A valid personal API token is needed"


def test_revoked_token_is_401(client, service, analyst):
    token, secret = token_for(analyst)
    assert client.get(f"{SERVICE}/gaps", headers=bearer(secret)).status_code == 200
    revoke(db.session.get(ApiToken, token.id))
    db.session.commit()
    assert client.get(f"{SERVICE}/gaps", headers=bearer(secret)).status_code == 401


def test_token_of_a_deactivated_user_is_401(client, service, analyst, analyst_token):
    analyst.is_active = False
    db.session.commit()
    assert client.get("/api/v1/services", headers=bearer(analyst_token)).status_code == 401


def test_a_signed_in_session_is_not_an_api_credential(client, service, analyst):
    sign_in(client, analyst.email)
    assert client.get(f"{SERVICE}/gaps").status_code == 401


def test_use_is_recorded_on_the_token(client, service, analyst):
    token, secret = token_for(analyst)
    assert token.last_used_at is None
    client.get("/api/v1/services", headers=bearer(secret))
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).last_used_at is not None


def test_use_is_noted_at_most_once_a_minute(client, service, analyst):
    """A busy partner's requests do not all write to the token's row."""
    token, secret = token_for(analyst)
    client.get("/api/v1/services", headers=bearer(secret))
    db.session.expire_all()
    first = db.session.get(ApiToken, token.id).last_used_at
    client.get("/api/v1/services", headers=bearer(secret))
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).last_used_at == first
    token = db.session.get(ApiToken, token.id)
    token.last_used_at = first - timedelta(minutes=2)
    db.session.commit()
    client.get("/api/v1/services", headers=bearer(secret))
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).last_used_at > first - timedelta(minutes=1)


def test_rate_limit_answers_429_in_json(tmp_path):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'limits.db'}",
            "RATELIMIT_ENABLED": True,
            "API_RATE_LIMIT": "3 per minute",
        }
    )
    with app.app_context():
        db.create_all()
        client = app.test_client()
        statuses = [client.get("/api/v1/services").status_code for _ in range(4)]
        db.session.remove()
        db.engine.dispose()
    assert statuses == [401, 401, 401, 429]


@pytest.mark.parametrize("resource", READS)
def test_a_service_without_responses_or_journey_answers_empty_tables(
    client, service, outsider_token, resource
):
    url = f"/api/v1/services/library-at-home/{resource}"
    response = client.get(url, headers=bearer(outsider_token))
    assert response.status_code == 200, response.json


def test_unknown_routes_and_methods_answer_json(client, service, analyst_token):
    missing = client.get("/api/v1/nothing-here", headers=bearer(analyst_token, "fr"))
    assert missing.status_code == 404 and missing.json["error"]["title"] == "Page introuvable"
    wrong = client.delete("/api/v1/services", headers=bearer(analyst_token))
    assert wrong.status_code == 405 and wrong.json["error"]["status"] == 405
