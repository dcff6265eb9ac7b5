"""An organisation's admins change their people's roles and remove them; never the last admin.
Each route refuses the admins of another organisation, and forged ids are not found."""

import pytest
from sqlalchemy import select

from feedback_app.admin.models import PasswordLink
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Membership
from tests.admin.helpers import error_summary, link_on, post_form
from tests.fixtures.pages import assert_page_basics
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database


def _roles(user, organisation):
    query = select(Membership.role).filter_by(user_id=user.id, organisation_id=organisation.id)
    return set(db.session.scalars(query))


def _member_url(organisation, user, action=""):
    return f"/staff/admin/organisations/{organisation.id}/people/{user.id}{action}"


@pytest.fixture
def colleague(make_user, partner):
    return make_user("colleague@example.org", organisation=partner, role="facilitator")


@pytest.fixture
def admin_client(client, partner_admin):
    sign_in(client, "boss@example.org")
    return client


def test_the_organisation_page_lists_people_with_change_links(admin_client, partner, colleague):
    page = assert_page_basics(admin_client.get(f"/staff/admin/organisations/{partner.id}"))
    rows = {
        row.find("dt").get_text(" ", strip=True): row.find("a")["href"]
        for row in page.find_all(class_="summary-list__row")
    }
    assert rows["colleague colleague@example.org"] == _member_url(partner, colleague)


def test_an_admin_changes_a_colleagues_roles(admin_client, partner, colleague):
    url = _member_url(partner, colleague)
    assert_page_basics(admin_client.get(url))
    response = post_form(admin_client, url, {"roles": ["analyst", "admin"]})
    assert response.status_code == 302
    assert _roles(colleague, partner) == {"analyst", "admin"}
    event = db.session.scalar(select(AuditEvent).filter_by(action="roles_changed"))
    assert event.details["before"] == ["facilitator"]
    assert event.details["after"] == ["admin", "analyst"]


@pytest.mark.parametrize(
    ("roles", "message"),
    [([], "Choose at least one role"), (["emperor"], "Choose one of the roles listed")],
)
def test_bad_roles_are_explained(admin_client, partner, colleague, roles, message):
    response = post_form(admin_client, _member_url(partner, colleague), {"roles": roles})
    assert response.status_code == 400 and message in error_summary(response)
    assert _roles(colleague, partner) == {"facilitator"}


def test_the_last_admin_keeps_the_admin_role(admin_client, partner, partner_admin):
    url = _member_url(partner, partner_admin)
    response = post_form(admin_client, url, {"roles": ["analyst"]})
    assert response.status_code == 400
    assert "An organisation needs at least one admin" in error_summary(response)
    assert _roles(partner_admin, partner) == {"admin"}


def test_the_last_admin_cannot_be_removed(admin_client, partner, partner_admin):
    response = post_form(admin_client, _member_url(partner, partner_admin, "/remove"))
    assert response.status_code == 400
    assert "An organisation needs at least one admin" in error_summary(response)
    assert _roles(partner_admin, partner) == {"admin"}


def test_an_admin_removes_a_colleague_after_confirming(admin_client, partner, colleague):
    url = _member_url(partner, colleague, "/remove")
    assert_page_basics(admin_client.get(url))
    assert _roles(colleague, partner) == {"facilitator"}, "asking first changes nothing"
    response = post_form(admin_client, url)
    assert response.location == f"/staff/admin/organisations/{partner.id}"
    assert _roles(colleague, partner) == set()
    assert db.session.scalar(select(AuditEvent).filter_by(action="member_removed")) is not None
    assert admin_client.get(_member_url(partner, colleague)).status_code == 404


def test_with_a_second_admin_an_admin_may_step_down(admin_client, partner, make_user):
    other = make_user("second@example.org", organisation=partner, role="admin")
    response = post_form(admin_client, _member_url(partner, other), {"roles": ["analyst"]})
    assert response.status_code == 302 and _roles(other, partner) == {"analyst"}


ROUTES = ["", "/remove"]


@pytest.mark.parametrize("action", ROUTES)
def test_another_organisations_admin_is_refused_on_every_route(
    client, outsider_admin, partner, colleague, action
):
    sign_in(client, "other-boss@example.org")
    url = _member_url(partner, colleague, action)
    assert client.get(url).status_code == 403
    own = f"/staff/admin/organisations/{outsider_admin.memberships[0].organisation_id}"
    assert post_form(client, url, {"roles": ["admin"]}, form_page=own).status_code == 403
    invite = f"/staff/admin/organisations/{partner.id}/invite"
    assert client.get(invite).status_code == 403
    data = {"email": "mole@example.org", "display_name": "Mole", "role": "admin"}
    assert post_form(client, invite, data, form_page=own).status_code == 403
    link = _member_url(partner, colleague, "/password-link")
    assert post_form(client, link, form_page=own).status_code == 403
    assert _roles(colleague, partner) == {"facilitator"}


def test_someone_outside_the_organisation_is_not_found_there(admin_client, partner, outsider_admin):
    for action in ("", "/remove"):
        assert admin_client.get(_member_url(partner, outsider_admin, action)).status_code == 404
    assert (
        admin_client.get(f"/staff/admin/organisations/{partner.id}/people/99999").status_code == 404
    )


def test_an_admin_renews_a_lost_invitation_but_cannot_reset_a_working_account(
    admin_client, partner, colleague
):
    invite = f"/staff/admin/organisations/{partner.id}/invite"
    data = {"email": "late@example.org", "display_name": "Late", "role": "analyst"}
    first = link_on(post_form(admin_client, invite, data))
    late = db.session.scalar(select(Membership).filter_by(role="analyst")).user
    url = _member_url(partner, late, "/password-link")
    second = link_on(post_form(admin_client, url, form_page=_member_url(partner, late)))
    assert first != second
    assert admin_client.get(first).status_code == 404, "a new link replaces the old one"
    assert admin_client.get(second).status_code == 200
    # A working account's password link would hand the account over: installation admins only.
    page = admin_client.get(_member_url(partner, colleague)).get_data(as_text=True)
    assert "password-link" not in page
    url = _member_url(partner, colleague, "/password-link")
    assert (
        post_form(admin_client, url, form_page=_member_url(partner, colleague)).status_code == 403
    )


def test_an_installation_admin_gives_anyone_a_new_password_link(
    client, installation_admin, outsider_organisation, outsider_admin
):
    sign_in(client, "root@example.org")
    member = _member_url(outsider_organisation, outsider_admin)
    response = post_form(client, member + "/password-link", form_page=member)
    assert response.status_code == 200
    path = link_on(response)
    assert db.session.scalar(select(PasswordLink)).purpose == "password_reset"
    assert "Choose a new password" in client.application.test_client().get(path).get_data(
        as_text=True
    )


def test_a_password_link_is_never_issued_without_the_forms_token(
    client, installation_admin, outsider_organisation, outsider_admin
):
    sign_in(client, "root@example.org")
    response = client.post(_member_url(outsider_organisation, outsider_admin) + "/password-link")
    assert response.status_code == 400
    assert db.session.scalar(select(PasswordLink)) is None
