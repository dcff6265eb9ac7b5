"""Friendly error pages in the user's language, JSON under /api, and the health check."""

import pytest
from sqlalchemy.exc import OperationalError

from feedback_app.extensions import db
from tests.fixtures.pages import assert_page_basics


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "Page not found"), ("fr", "Page introuvable"), ("ar", "الصفحة غير موجودة")],
)
def test_404_page_in_the_users_language(client, lang, title):
    response = client.get("/nowhere", headers={"Accept-Language": lang})
    assert response.status_code == 404
    page = assert_page_basics(response, lang=lang)
    assert page.find("h1").get_text() == title


def test_403_page(client, app):
    @app.route("/forbidden-for-test")
    def forbidden():
        from flask import abort

        abort(403)

    response = client.get("/forbidden-for-test")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.text


def test_unexpected_error_gives_a_friendly_500(client, app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/broken-for-test")
    def broken():
        raise ZeroDivisionError

    response = client.get("/broken-for-test", headers={"Accept-Language": "es"})
    assert response.status_code == 500
    assert_page_basics(response, lang="es")
    assert "ZeroDivisionError" not in response.text


def test_oversized_body_is_a_413(client, app):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/login", data={"email": "x" * 5000})
    assert response.status_code == 413
    assert "What you sent is too large" in response.text


def test_bad_csrf_is_a_400_with_an_explanation(client):
    response = client.post("/login", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    assert "Nothing was saved" in response.text


def test_api_paths_get_json_errors(client):
    response = client.get("/api/v1/nowhere-at-all")
    assert response.status_code == 404
    assert response.json["error"]["status"] == 404


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_health_check_is_503_when_the_database_is_unreachable(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"
    assert response.json["reason"] == "OperationalError"
