"""Admins invite staff by email; the invited person chooses a password and lands signed in."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from feedback_app.admin.models import PasswordLink
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Membership, User
from tests.admin.helpers import error_summary, link_on, post_form
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database
NEW_PASSWORD = "river otter lantern picnic"
INVITEE = {"email": " Newcomer@Example.org ", "display_name": "Nour", "role": "analyst"}


@pytest.fixture
def admin_client(client, partner_admin):
    sign_in(client, "boss@example.org")
    return client


def _invite_url(organisation):
    return f"/staff/admin/organisations/{organisation.id}/invite"


def _set_password(client, path, password=NEW_PASSWORD, confirmation=None):
    data = {"password": password, "confirmation": confirmation or password}
    return post_form(client, path, data)


def test_without_smtp_the_page_says_so_and_shows_the_link_to_copy(admin_client, partner):
    form_page = assert_page_basics(admin_client.get(_invite_url(partner)))
    assert "cannot send emails" in form_page.get_text()
    response = post_form(admin_client, _invite_url(partner), INVITEE)
    assert response.status_code == 201
    page = assert_page_basics(response)
    assert "This installation cannot send emails" in page.get_text()
    token = link_on(response).rsplit("/", 1)[1]
    user = db.session.scalar(select(User).where(User.email == "newcomer@example.org"))
    assert not user.is_active and not user.check_password("")
    link = db.session.scalar(select(PasswordLink))
    assert link.token_hash != token and token not in link.token_hash
    assert db.session.scalar(select(Membership.role).filter_by(user_id=user.id)) == "analyst"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "staff_invited"))
    assert event.target_id == str(user.id) and event.details["role"] == "analyst"


def test_with_smtp_the_invitation_is_also_emailed(admin_client, partner, mailbox):
    response = post_form(admin_client, _invite_url(partner), INVITEE)
    assert "We sent this link to newcomer@example.org" in parse(response).get_text()
    (message,) = mailbox
    assert message["To"] == "newcomer@example.org"
    assert link_on(response) in message.get_content()


def test_the_invited_person_sets_a_password_and_lands_signed_in(admin_client, client, partner):
    path = link_on(post_form(admin_client, _invite_url(partner), INVITEE))
    newcomer = client.application.test_client()
    assert_page_basics(newcomer.get(path))
    response = _set_password(newcomer, path)
    assert response.status_code == 302 and response.location == "/staff/"
    home = newcomer.get("/staff/").get_data(as_text=True)
    assert "Signed in as Nour" in home and "Your password is set" in home
    # Single use: the link is spent, and the password works at the sign-in page.
    assert newcomer.get(path).status_code == 404
    other = client.application.test_client()
    assert sign_in(other, "newcomer@example.org", NEW_PASSWORD).status_code == 302
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "invitation_accepted" in actions


@pytest.mark.parametrize(
    ("password", "confirmation", "message"),
    [
        ("short1", None, "at least 10 characters"),
        ("password1234", None, "one of the most used ones"),
        ("Iloveyou2026!", None, "one of the most used ones"),
        ("newcomer-river-2026", None, "must not contain your email address"),
        (NEW_PASSWORD, "something else entirely", "The two passwords are not the same"),
        ("", None, "Enter a password"),
        ("x" * 201, None, "200 characters or fewer"),
    ],
)
def test_weak_or_mistyped_passwords_are_refused(
    admin_client, client, partner, password, confirmation, message
):
    path = link_on(post_form(admin_client, _invite_url(partner), INVITEE))
    newcomer = client.application.test_client()
    response = _set_password(newcomer, path, password, confirmation)
    assert response.status_code == 400
    assert message in error_summary(response)
    assert newcomer.get(path).status_code == 200, "a refused password does not spend the link"


def test_an_invitation_expires_after_seven_days(admin_client, client, partner):
    path = link_on(post_form(admin_client, _invite_url(partner), INVITEE))
    link = db.session.scalar(select(PasswordLink))
    link.expires_at = link.created_at + timedelta(days=7) - timedelta(days=8)
    db.session.commit()
    response = client.application.test_client().get(path)
    assert response.status_code == 404
    assert "This link no longer works" in assert_page_basics(response).get_text()


def test_a_made_up_link_is_not_found(client):
    assert client.get("/staff/password/new/not-a-real-token").status_code == 404
    assert client.get("/staff/password/new/" + "a" * 500).status_code == 404


def test_inviting_someone_with_an_account_gives_them_the_role(admin_client, partner, make_user):
    from tests.fixtures.people import PASSWORD

    make_user("known@example.org", organisation=partner, role="facilitator")
    response = post_form(
        admin_client, _invite_url(partner), {**INVITEE, "email": "KNOWN@example.org"}
    )
    assert response.status_code == 302
    page = admin_client.get(response.location).get_data(as_text=True)
    assert "known@example.org already has an account" in page
    user = db.session.scalar(select(User).where(User.email == "known@example.org"))
    roles = set(db.session.scalars(select(Membership.role).filter_by(user_id=user.id)))
    assert roles == {"facilitator", "analyst"} and user.check_password(PASSWORD)
    assert db.session.scalar(select(PasswordLink)) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "not an address"}, "Enter an email address in the correct format"),
        ({"email": ""}, "Enter an email address"),
        ({"display_name": "  "}, "Enter the person's name"),
        ({"display_name": "x" * 121}, "The name must be 120 characters or fewer"),
        ({"role": "owner"}, "Choose one of the roles listed"),
        ({"role": ""}, "Choose their role"),
    ],
)
def test_bad_invitations_are_explained_and_what_was_typed_is_kept(
    admin_client, partner, change, message
):
    response = post_form(admin_client, _invite_url(partner), {**INVITEE, **change})
    assert response.status_code == 400
    assert message in error_summary(response)
    if "display_name" not in change:
        assert parse(response).find("input", attrs={"name": "display_name"})["value"] == "Nour"
    assert db.session.scalar(select(PasswordLink)) is None


def test_html_in_a_name_is_shown_as_text(admin_client, partner):
    post_form(admin_client, _invite_url(partner), {**INVITEE, "display_name": "<b>Nour</b>"})
    page = admin_client.get(f"/staff/admin/organisations/{partner.id}").get_data(as_text=True)
    assert "&lt;b&gt;Nour&lt;/b&gt;" in page and "<b>Nour</b>" not in page
