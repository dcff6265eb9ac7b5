"""What a token may do and where: its scopes, its services, its expiry, its owner's roles now."""

from datetime import timedelta

import pytest
from sqlalchemy import delete

from feedback_app.api.models import Scope
from feedback_app.api.tokens import issue_token, revoke
from feedback_app.database import utcnow
from feedback_app.extensions import db
from feedback_app.models import Membership, Service
from tests.api.helpers import bearer, token_for
from tests.api.test_submit import BODY, URL

SERVICE = "/api/v1/services/home-support"
READS = ["aggregates", "gaps", "representation", "outreach", "journeys", "themes", "insights"]
ROUTES = [("GET", f"{SERVICE}/{resource}") for resource in READS] + [("POST", URL)]


def _call(client, method, url, secret, lang="en"):
    body = {"json": BODY} if method == "POST" else {}
    return client.open(url, method=method, headers=bearer(secret, lang), **body)


@pytest.fixture
def admin(make_user, partner):
    """Every role on the service, so only the token's own limits can refuse a call."""
    return make_user("admin@example.org", organisation=partner, role="admin")


@pytest.mark.parametrize("scope", list(Scope))
@pytest.mark.parametrize(("method", "url"), ROUTES)
def test_each_route_needs_its_scope(client, service, admin, scope, method, url):
    _, secret = token_for(admin, scopes=[scope])
    needed = Scope.SUBMIT_RESPONSES if method == "POST" else Scope.READ_INSIGHTS
    response = _call(client, method, url, secret)
    if scope == needed:
        assert response.status_code in (200, 201), response.json
        return
    assert response.status_code == 403
    label = "Submit responses" if needed == Scope.SUBMIT_RESPONSES else "Read insights"
    assert response.json["error"]["detail"] == (
        f"This token does not have the permission “{label}”. Create a token that has it."
    )


@pytest.mark.parametrize("scope", list(Scope))
def test_any_scope_lists_the_services(client, service, admin, scope):
    _, secret = token_for(admin, scopes=[scope])
    body = client.get("/api/v1/services", headers=bearer(secret)).json
    assert [s["slug"] for s in body["services"]] == ["home-support"]
    assert body["token"]["scopes"] == [scope.value]


def test_the_refusal_speaks_the_callers_language(client, service, admin):
    _, secret = token_for(admin, scopes=[Scope.SUBMIT_RESPONSES])
    response = _call(client, "GET", f"{SERVICE}/gaps", secret, lang="fr")
    assert response.status_code == 403
    assert response.json["error"]["title"] == "Vous n’avez pas accès à ce service"


def test_an_expired_token_is_refused_with_the_date(client, service, admin):
    token, secret = token_for(admin, days=30)
    assert client.get("/api/v1/services", headers=bearer(secret)).status_code == 200
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    for method, url in [("GET", "/api/v1/services"), *ROUTES]:
        response = _call(client, method, url, secret)
        assert response.status_code == 401
        assert response.json["error"]["detail"].startswith("This token expired on ")
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_token_has_no_lifetime_beyond_a_year_and_at_least_one_scope(admin):
    for wrong in ({"scopes": [], "days": 90}, {"scopes": list(Scope), "days": 10_000}):
        with pytest.raises(ValueError):
            issue_token(admin, "never", **wrong)


def test_a_token_limited_to_a_service_reaches_no_other(
    client, service, make_user, partner, outsider_organisation
):
    user = make_user("both@example.org", organisation=partner, role="admin")
    user.memberships.append(Membership(organisation=outsider_organisation, role="admin"))
    db.session.commit()
    library = db.session.scalar(db.select(Service).where(Service.slug == "library-at-home"))
    _, secret = token_for(user, services=[library])
    for method, url in ROUTES:
        response = _call(client, method, url, secret)
        assert response.status_code == 403
        assert response.json["error"]["detail"] == "This token is limited to other services."
    listed = client.get("/api/v1/services", headers=bearer(secret)).json["services"]
    assert [s["slug"] for s in listed] == ["library-at-home"]
    library_reads = client.get(
        "/api/v1/services/library-at-home/aggregates", headers=bearer(secret)
    )
    assert library_reads.status_code == 200


@pytest.mark.parametrize("limited", [False, True])
def test_a_role_lost_after_creation_ends_the_tokens_access(client, service, admin, limited):
    _, secret = token_for(admin, services=[service] if limited else ())
    assert _call(client, "GET", f"{SERVICE}/gaps", secret).status_code == 200
    db.session.execute(delete(Membership).where(Membership.user_id == admin.id))
    db.session.commit()
    for method, url in ROUTES:
        response = _call(client, method, url, secret)
        assert response.status_code == 403
        assert response.json["error"]["title"] == "You do not have access to this service"
    assert client.get("/api/v1/services", headers=bearer(secret)).json["services"] == []


def test_a_revoked_token_is_refused_everywhere(client, service, admin):
    token, secret = token_for(admin)
    revoke(token)
    db.session.commit()
    for method, url in [("GET", "/api/v1/services"), *ROUTES]:
        assert _call(client, method, url, secret).status_code == 401
