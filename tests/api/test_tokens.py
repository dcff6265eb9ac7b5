"""The staff page of personal API tokens: created with scopes, services and an expiry, shown
once, stored hashed, revoked."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from feedback_app.database import utcnow
from feedback_app.extensions import db
from feedback_app.models import ApiToken
from tests.api.helpers import audit_actions, bearer, create_token, token_for
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.fixtures.people import sign_in


def test_tokens_page_needs_sign_in(client):
    response = client.get("/staff/tokens")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_a_new_token_is_shown_once_and_stored_as_a_hash(client, analyst):
    sign_in(client, analyst.email)
    response = create_token(client, "Monthly dashboard")
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


def test_a_token_keeps_the_scopes_services_and_lifetime_chosen(client, service, analyst):
    sign_in(client, analyst.email)
    response = create_token(
        client,
        "Call centre",
        scopes=["insights:read", "responses:submit"],
        services=["home-support"],
        days="30",
    )
    assert response.status_code == 201
    stored = db.session.scalar(select(ApiToken))
    assert stored.scopes == ["insights:read", "responses:submit"]
    assert [s.slug for s in stored.services] == ["home-support"]
    lifetime = stored.expires_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None)
    assert timedelta(days=29, hours=23) < lifetime <= timedelta(days=30)
    row = parse(client.get("/staff/tokens")).select_one("tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
    assert cells[1] == "Read insights Submit responses"
    assert cells[2].startswith("Home support") and cells[5] == "Never"
    client.get(
        "/api/v1/services", headers=bearer(parse(response).select_one("#new-token")["value"])
    )
    row = parse(client.get("/staff/tokens")).select_one("tbody tr")
    assert row.select("td")[5].get_text(strip=True) != "Never"
    _, _, details = audit_actions("api_token_created")[0]
    assert details == {"scopes": stored.scopes, "services": [service.id], "days": 30}


def test_a_token_without_services_reaches_all_and_defaults_to_90_days(client, analyst):
    sign_in(client, analyst.email)
    page = parse(client.get("/staff/tokens"))
    assert page.select_one("input[name=days][value='90']").has_attr("checked")
    assert create_token(client, "Dashboard").status_code == 201
    stored = db.session.scalar(select(ApiToken))
    assert stored.services == []
    assert "All your services" in client.get("/staff/tokens").text


def test_mistakes_are_explained_and_what_was_typed_is_kept(client, analyst):
    sign_in(client, analyst.email)
    response = create_token(client, "Dashboard", scopes=[], days="")
    assert response.status_code == 400
    page = parse(response)
    summary = page.select_one(".error-summary").get_text()
    assert "Choose at least one thing it may do" in summary
    assert "Choose when the token expires" in summary
    assert page.select_one("#name")["value"] == "Dashboard"
    assert page.select_one(".error-summary a[href='#scopes-0']")
    assert page.select_one("#scopes-0").find_parent("fieldset")
    assert db.session.scalar(select(ApiToken)) is None


@pytest.mark.parametrize(
    "field", [{"services": ["library-at-home"]}, {"days": "0"}, {"scopes": ["admin"]}]
)
def test_a_service_scope_or_lifetime_not_offered_is_refused(
    client, analyst, outsider_organisation, field
):
    sign_in(client, analyst.email)
    response = create_token(client, "Forged", **field)
    assert response.status_code == 400
    assert "Choose from the options listed" in response.text
    assert db.session.scalar(select(ApiToken)) is None


def test_the_table_scrolls_with_the_keyboard_on_a_narrow_screen(client, analyst):
    token_for(analyst)
    sign_in(client, analyst.email)
    page = parse(client.get("/staff/tokens"))
    region = page.select_one(".table-wrap")
    assert region["tabindex"] == "0" and region["role"] == "region"
    assert page.select_one(f"#{region['aria-labelledby']}").get_text() == "Your tokens"


def test_an_expired_token_is_marked_on_the_page(client, analyst):
    token, _ = token_for(analyst)
    token.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    sign_in(client, analyst.email)
    status = parse(client.get("/staff/tokens")).select("tbody td")[-1].get_text(" ", strip=True)
    assert status.startswith("Expired")


def test_a_token_needs_a_name(client, analyst):
    sign_in(client, analyst.email)
    response = create_token(client, "  ")
    assert response.status_code == 400
    page = parse(response)
    assert page.title.get_text().startswith("Error:")
    assert "Enter a name for the token" in page.select_one(".error-summary").get_text()
    assert db.session.scalar(select(ApiToken)) is None


def test_a_token_name_is_one_line_that_never_reads_backwards(client, analyst):
    sign_in(client, analyst.email)
    assert create_token(client, " Survey \u202etool\u202c\r\n nightly ").status_code == 201
    assert db.session.scalar(select(ApiToken)).name == "Survey tool nightly"


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
