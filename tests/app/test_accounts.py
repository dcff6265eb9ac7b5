"""Staff sign-in and sign-out, password storage, and roles per organisation and service."""

import pytest
from flask import g
from sqlalchemy import select

from feedback_app import create_app
from feedback_app.accounts.access import has_role, visible_services
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, User
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.fixtures.people import PASSWORD, sign_in


@pytest.fixture
def analyst(make_user, partner):
    return make_user("analyst@example.org", organisation=partner, role="analyst")


def test_password_is_stored_hashed(analyst):
    stored = db.session.scalar(select(User.password_hash).where(User.id == analyst.id))
    assert PASSWORD not in stored
    assert analyst.check_password(PASSWORD) and not analyst.check_password("wrong")


def test_outside_the_tests_passwords_are_hashed_with_scrypt():
    app = create_app({"ENV_NAME": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.app_context():
        user = User(email="someone@example.org", display_name="someone")
        user.set_password(PASSWORD)
    assert user.password_hash.startswith("scrypt:") and user.check_password(PASSWORD)


def test_sign_in_then_staff_home_lists_the_users_services(client, analyst, service):
    response = sign_in(client, "Analyst@Example.org")
    assert response.status_code == 302 and response.location == "/staff/"
    page = assert_page_basics(client.get("/staff/"))
    assert "Home support for older and disabled people" in page.get_text()
    events = db.session.scalars(select(AuditEvent.action)).all()
    assert events == ["sign_in"]


def test_wrong_password_keeps_the_email_and_says_what_is_wrong(client, analyst):
    response = sign_in(client, analyst.email, password="not it")
    assert response.status_code == 400
    page = parse(response)
    assert page.title.get_text().startswith("Error:")
    assert "The email address or password is not right" in page.find(role="alert").get_text()
    assert page.find("input", attrs={"name": "email"})["value"] == analyst.email
    assert client.get("/staff/").status_code == 302


def test_empty_form_lists_both_errors(client):
    token = csrf_token(client.get("/login"))
    page = parse(client.post("/login", data={"csrf_token": token}))
    errors = [a.get_text() for a in page.select(".error-summary__list a")]
    assert errors == ["Enter your email address", "Enter your password"]


def test_login_without_csrf_token_is_refused(client, analyst):
    response = client.post("/login", data={"email": analyst.email, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/staff/").status_code == 302


def test_sign_out_ends_the_session(client, analyst):
    sign_in(client, analyst.email)
    token = csrf_token(client.get("/staff/"))
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get("/staff/").location.startswith("/login")


def test_next_url_never_leaves_the_site(client, analyst):
    token = csrf_token(client.get("/login"))
    data = {"email": analyst.email, "password": PASSWORD, "csrf_token": token}
    response = client.post("/login?next=//evil.example/steal", data=data)
    assert response.location == "/staff/"


def test_staff_pages_require_sign_in(client):
    response = client.get("/staff/")
    assert response.status_code == 302 and response.location.startswith("/login?next=/staff/")


def test_inactive_user_cannot_sign_in(client, analyst):
    analyst.is_active = False
    db.session.commit()
    assert sign_in(client, analyst.email).status_code == 400


def test_roles_reach_only_the_services_of_the_users_organisations(
    app, make_user, partner, service, outsider_organisation
):
    insider = make_user("a@example.org", organisation=partner, role="analyst")
    admin = make_user("b@example.org", organisation=partner, role="admin")
    outsider = make_user("c@example.org", organisation=outsider_organisation, role="admin")
    with app.test_request_context():
        g.user = insider
        assert has_role(insider, service, "analyst")
        assert not has_role(insider, service, "facilitator")
        assert has_role(admin, service, "facilitator"), "admins hold every role"
        assert not has_role(outsider, service, "analyst")
        assert [s.slug for s in visible_services(outsider)] == ["library-at-home"]
        assert [s.slug for s in visible_services(insider)] == ["home-support"]
