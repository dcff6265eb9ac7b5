"""Staff change their password, or ask for a link when they forgot it: the answer never tells
whether an address has an account, and asking is rate limited."""

import pytest
from sqlalchemy import select

from feedback_app import create_app
from feedback_app.admin.passwords import password_problem
from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from tests.admin.helpers import LINK, error_summary, post_form
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.fixtures.people import PASSWORD, sign_in

pytestmark = pytest.mark.database
CHANGE = "/staff/password"
FORGOTTEN = "/staff/password/forgotten"
NEW_PASSWORD = "kettle orbit meadow violin"


@pytest.fixture
def analyst(make_user, partner):
    return make_user("analyst@example.org", organisation=partner, role="analyst")


def _change(client, current=PASSWORD, new=NEW_PASSWORD):
    data = {"current_password": current, "password": new, "confirmation": new}
    return post_form(client, CHANGE, data)


def test_staff_change_their_password(client, analyst):
    sign_in(client, "analyst@example.org")
    assert CHANGE in client.get("/staff/").get_data(as_text=True)
    assert_page_basics(client.get(CHANGE))
    response = _change(client)
    assert response.location == "/staff/"
    assert "Your password was changed" in client.get("/staff/").get_data(as_text=True)
    fresh = client.application.test_client()
    assert sign_in(fresh, "analyst@example.org", PASSWORD).status_code == 400
    assert sign_in(fresh, "analyst@example.org", NEW_PASSWORD).status_code == 302
    assert db.session.scalar(select(AuditEvent).filter_by(action="password_changed"))


def test_a_password_change_signs_out_every_other_device(client, analyst):
    other_device = client.application.test_client()
    sign_in(other_device, "analyst@example.org")
    sign_in(client, "analyst@example.org")
    assert _change(client).location == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert other_device.get("/staff/").status_code == 302


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        ("wrong password!", NEW_PASSWORD, "Your current password is not right"),
        ("", NEW_PASSWORD, "Enter your current password"),
        (PASSWORD, "qwertyuiop", "one of the most used ones"),
        (PASSWORD, "tiny", "at least 10 characters"),
    ],
)
def test_a_wrong_current_password_or_a_weak_new_one_is_refused(
    client, analyst, current, new, message
):
    sign_in(client, "analyst@example.org")
    response = _change(client, current, new)
    assert response.status_code == 400 and message in error_summary(response)
    db.session.refresh(analyst)
    assert analyst.check_password(PASSWORD)


def test_signed_out_visitors_cannot_change_a_password(client):
    assert client.get(CHANGE).location.startswith("/login?next=")


def test_forgotten_password_sends_a_link_that_sets_a_new_one(client, analyst, mailbox):
    assert FORGOTTEN in client.get("/login").get_data(as_text=True)
    assert_page_basics(client.get(FORGOTTEN))
    known = post_form(client, FORGOTTEN, {"email": "Analyst@example.org"})
    unknown = post_form(client, FORGOTTEN, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert parse(known).find("main").get_text() == parse(unknown).find("main").get_text()
    (message,) = mailbox
    assert message["To"] == "analyst@example.org"
    path = LINK.search(message.get_content()).group(1)
    form = {"password": NEW_PASSWORD, "confirmation": NEW_PASSWORD}
    response = post_form(client, path, form)
    assert response.location == "/staff/"
    db.session.refresh(analyst)
    assert analyst.check_password(NEW_PASSWORD)


def test_without_smtp_the_page_sends_staff_to_their_admin(client, analyst):
    page = assert_page_basics(client.get(FORGOTTEN))
    assert "Ask an administrator of your organisation" in page.get_text()
    assert page.find("input", attrs={"name": "email"}) is None


def test_a_badly_typed_address_is_explained(client, mailbox):
    response = post_form(client, FORGOTTEN, {"email": "not-an-address"})
    assert response.status_code == 400
    assert "correct format" in error_summary(response)
    assert parse(response).find("input", attrs={"name": "email"})["value"] == "not-an-address"


def test_asking_for_links_is_rate_limited(database_url):
    settings = {"SQLALCHEMY_DATABASE_URI": database_url, "MAIL_SERVER": "smtp.example.org"}
    app = create_app({"ENV_NAME": "testing", "RATELIMIT_ENABLED": True, **settings})
    with app.app_context():
        db.create_all()
        client = app.test_client()
        token = csrf_token(client.get(FORGOTTEN))
        statuses = [
            client.post(FORGOTTEN, data={"csrf_token": token, "email": "x"}).status_code
            for _attempt in range(6)
        ]
        assert statuses == [400] * 5 + [429]
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize(
    ("password", "acceptable"),
    [
        ("correct horse battery staple", True),
        ("Tr0ub4dor&3-plus-more", True),
        ("1234567890", False),
        ("football2026", False),
        ("Sunshine!!!!!", False),
        ("!!!!!!!!!!!!", False),
    ],
)
def test_the_common_password_list_is_consulted(password, acceptable):
    assert (password_problem(password) is None) is acceptable
