"""Staff sessions end for real at sign-out, private pages are never cached, and HTTPS is enforced
once seen (issue 14, "smaller" items)."""

import pytest
from flask import url_for

from feedback_app import create_app
from feedback_app.accounts.auth import end_all_sessions
from feedback_app.extensions import db
from feedback_app.security import PUBLIC_ENDPOINTS
from tests.api.helpers import token_for
from tests.feedback.resident import Resident
from tests.fixtures.database import FreshContextClient
from tests.fixtures.pages import csrf_token
from tests.fixtures.people import sign_in

HSTS = "Strict-Transport-Security"


@pytest.fixture
def admin(make_user, partner):
    return make_user("admin@example.org", organisation=partner, role="admin")


def copy_of_session(client, app):
    """Another browser holding the same session cookie, as an attacker who copied it would."""
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], client.get_cookie("session").value)
    return thief


def test_a_copied_session_cookie_stops_working_at_sign_out(app, client, admin, service):
    sign_in(client, admin.email)
    thief = copy_of_session(client, app)
    assert thief.get("/staff/").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/staff/"))})
    response = thief.get("/staff/")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_ending_all_sessions_signs_out_every_device(app, client, admin, service):
    sign_in(client, admin.email)
    laptop, phone = client, copy_of_session(client, app)
    end_all_sessions(admin)
    db.session.commit()
    assert laptop.get("/staff/").status_code == 302
    assert phone.get("/staff/").status_code == 302
    sign_in(laptop, admin.email)
    assert laptop.get("/staff/").status_code == 200, "signing in again opens a new session"


def test_sign_in_starts_a_new_session(app, client, admin, service):
    """Nothing from before sign-in survives it: not the cookie, not even the CSRF token."""
    before_token = csrf_token(client.get("/login"))
    before_cookie = client.get_cookie("session").value
    sign_in(client, admin.email)
    assert client.post("/logout", data={"csrf_token": before_token}).status_code == 400
    assert client.get("/staff/").status_code == 200
    planted = app.test_client()
    planted.set_cookie("session", before_cookie)
    assert planted.get("/staff/").status_code == 302


def private_urls(app, slug):
    """Every GET address under /staff/ and /api/, arguments filled with sample values."""
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" in rule.methods and rule.rule.startswith(("/staff/", "/api/")):
                values = {arg: _sample(rule, arg, slug) for arg in rule.arguments}
                yield url_for(rule.endpoint, **values)


def _sample(rule, arg, slug):
    """The service's slug, a language, one of the choices an `any(...)` part allows, or 1."""
    choices = getattr(rule._converters[arg], "items", None)
    return {"slug": slug, "lang": "en"}.get(arg) or (min(choices) if choices else "1")


def test_every_staff_page_export_and_api_response_is_never_cached(app, client, admin, service):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    sign_in(client, admin.email)
    api_headers = {"Authorization": f"Bearer {token_for(admin)[1]}"}
    urls = list(private_urls(app, service.slug))
    assert len(urls) > 15
    for url in urls:
        headers = api_headers if url.startswith("/api/") else {}
        assert "no-store" in client.get(url, headers=headers).headers["Cache-Control"], url
    assert "no-store" in client.get("/login").headers["Cache-Control"]
    assert "no-store" in app.test_client().get("/api/v1/services").headers["Cache-Control"]


def residents_urls(app, slug, public):
    """Every GET address outside /staff/ and /api/, public or not, arguments filled in."""
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            outside = not rule.rule.startswith(("/staff/", "/api/"))
            if "GET" in rule.methods and outside and (rule.endpoint in PUBLIC_ENDPOINTS) == public:
                values = {arg: _sample(rule, arg, slug) for arg in rule.arguments}
                values.update({"code": "en"} if rule.endpoint == "pages.choose_language" else {})
                yield url_for(rule.endpoint, **values)


def test_every_page_holding_a_residents_answers_is_never_cached(app, client, service):
    """Shared and kiosk browsers keep no one's answers: not in the cache, not in Back history."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    resident = Resident(client)
    resident.answer_everything()
    check = client.get("/en/s/home-support/check")
    assert check.status_code == 200 and "no-store" in check.headers["Cache-Control"]
    resident.send()
    code = resident.receipt_code()
    token = csrf_token(client.get("/en/receipt"))
    client.post("/en/receipt", data={"csrf_token": token, "code": code})
    answers = client.get("/en/receipt/response")
    assert answers.status_code == 200 and "no-store" in answers.headers["Cache-Control"]
    urls = list(residents_urls(app, service.slug, public=False))
    assert "/w/1/a/1" in urls and "/en/s/home-support/about-you" in urls
    for url in urls:
        assert "no-store" in client.get(url).headers.get("Cache-Control", ""), url


def test_public_pages_stay_cacheable(client, service):
    urls = list(residents_urls(client.application, service.slug, public=True))
    assert "/en/s/home-support/you-said-we-did" in urls and "/en/accessibility" in urls
    for url in urls:
        assert "Cache-Control" not in client.get(url).headers, url


def test_https_pages_ask_browsers_to_stay_on_https(client):
    assert client.get("/en/", base_url="https://localhost").headers[HSTS] == "max-age=31536000"
    assert HSTS not in client.get("/en/").headers


@pytest.mark.parametrize(("hops", "expected"), [(1, True), (0, False)])
def test_https_at_the_load_balancer_counts_only_when_the_proxy_is_trusted(tmp_path, hops, expected):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'proxy.db'}",
            "TRUSTED_PROXY_HOPS": hops,
        }
    )
    app.test_client_class = FreshContextClient
    response = app.test_client().get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert (HSTS in response.headers) is expected
