"""The staff page of personal API tokens: created, shown once, stored hashed, revoked."""

from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import ApiToken
from tests.api.helpers import audit_actions, bearer, token_for
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.fixtures.people import sign_in


def _create(client, name):
    token = csrf_token(client.get("/staff/tokens"))
    return client.post("/staff/tokens", data={"name": name, "csrf_token": token})


def test_tokens_page_needs_sign_in(client):
    response = client.get("/staff/tokens")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_a_new_token_is_shown_once_and_stored_as_a_hash(client, analyst):
    sign_in(client, analyst.email)
    response = _create(client, "Monthly dashboard")
    assert response.status_code == 201
    page = assert_page_basics(response)
    secret = page.select_one("#new-token")["value"]
    assert secret.startswith("ens_") and len(secret) > 40
    stored = db.session.scalar(select(ApiToken))
    assert stored.name == "Monthly dashboard" and secret not in (stored.token_hash, stored.prefix)
    assert secret.startswith(stored.prefix)
    again = client.get("/staff/tokens")
    assert secret not in again.text and stored.prefix in again.text
    assert client.get("/api/v1/services", headers=bearer(secret)).status_code == 200
    assert [a[0] for a in audit_actions("api_token_created")] == [analyst.id]


def test_a_token_needs_a_name(client, analyst):
    sign_in(client, analyst.email)
    response = _create(client, "  ")
    assert response.status_code == 400
    page = parse(response)
    assert page.title.get_text().startswith("Error:")
    assert "Enter a name for the token" in page.select_one(".error-summary").get_text()
    assert db.session.scalar(select(ApiToken)) is None


def test_revoking_stops_the_token_at_once(client, analyst):
    token, secret = token_for(analyst)
    sign_in(client, analyst.email)
    page = client.get("/staff/tokens")
    response = client.post(
        f"/staff/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302
    assert "is revoked" in client.get("/staff/tokens").text
    assert client.get("/api/v1/services", headers=bearer(secret)).status_code == 401
    assert len(audit_actions("api_token_revoked")) == 1


def test_revoking_needs_the_csrf_token(client, analyst):
    token, secret = token_for(analyst)
    sign_in(client, analyst.email)
    client.post(f"/staff/tokens/{token.id}/revoke")
    assert client.get("/api/v1/services", headers=bearer(secret)).status_code == 200


def test_nobody_can_revoke_or_see_someone_elses_token(client, analyst, make_user, partner):
    token, secret = token_for(analyst)
    make_user("colleague@example.org", organisation=partner, role="analyst")
    sign_in(client, "colleague@example.org")
    page = client.get("/staff/tokens")
    assert token.prefix not in page.text
    response = client.post(
        f"/staff/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 404
    assert client.get("/api/v1/services", headers=bearer(secret)).status_code == 200
