"""The one rule set (feedback_app/accounts/policy.py): every route declares a rule, and each rule
holds for the identities it names and no others."""

import pytest
from flask import g
from sqlalchemy import select

from feedback_app.accounts.policy import REGISTERED, Rule, allows, declared_rule, register_check
from feedback_app.api.auth import authenticate
from feedback_app.api.models import Scope
from feedback_app.api.tokens import issue_token
from feedback_app.extensions import db
from feedback_app.models import Membership, Organisation, Service, User
from feedback_app.workshops import participants
from feedback_app.workshops.participant_views import COOKIE
from tests.app.access_world import STAFF_ROLES, build_world
from tests.kiosk.helpers import make_kiosk
from tests.workshops.helpers import make_workshop

pytestmark = pytest.mark.database

# Endpoints Flask adds itself: they have no view of ours to declare a rule.
FRAMEWORK_ENDPOINTS = {"static"}
STAFF = ["anon", *STAFF_ROLES, "inst_admin"]


def test_every_route_declares_its_rule(app):
    undeclared = sorted(
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint not in FRAMEWORK_ENDPOINTS and declared_rule(view) is None
    )
    assert not undeclared, "declare a rule with @rule(Rule...) on: " + ", ".join(undeclared)


def test_every_rule_is_declared_by_a_route(app):
    declared = {
        declared_rule(view, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in FRAMEWORK_ENDPOINTS
        for view in [app.view_functions[rule.endpoint]]
        for method in rule.methods
    }
    assert set(Rule) - declared == set()


def test_a_method_may_need_its_own_rule(app):
    view = app.view_functions["admin.organisation_list"]
    assert declared_rule(view, "GET") is Rule.ORGANISATION_ADMIN
    assert declared_rule(view, "POST") is Rule.INSTALLATION_ADMIN
    assert declared_rule(view, "HEAD") is Rule.ORGANISATION_ADMIN


def _holders(app, users, rule, target=None):
    """The identities among STAFF for whom `rule` holds about `target`."""
    found = set()
    for name in STAFF:
        with app.test_request_context():
            g.user = users.get(name)
            if allows(rule, target):
                found.add(name)
    return found


def test_each_staff_rule_holds_for_the_identities_it_names(app, service):
    world = build_world(service)
    users = world["users"]
    organisation = db.session.get(Organisation, world["values"]["organisation_id"])
    other_service = db.session.scalar(select(Service).where(Service.slug == "library-at-home"))
    invited = User(email="invited@example.org", display_name="Invited", is_active=False)
    invited.set_password("an invitation not yet accepted")
    invited.memberships.append(Membership(organisation=organisation, role="analyst"))
    db.session.add(invited)
    db.session.commit()
    admins = {"org_admin", "inst_admin"}
    expected = [
        (Rule.PUBLIC, None, set(STAFF)),
        (Rule.STAFF, None, set(STAFF) - {"anon"}),
        (Rule.SERVICE_FACILITATOR, service, {"facilitator"} | admins),
        (Rule.SERVICE_ANALYST, service, {"analyst"} | admins),
        (Rule.SERVICE_ADMIN, service, admins),
        (Rule.SERVICE_ANALYST, other_service, {"ana_other", "inst_admin"}),
        # A kiosk shared by both services: a facilitator of each one.
        (Rule.SERVICE_FACILITATOR, [service, other_service], {"inst_admin"}),
        # Nothing to hold a role in (a kiosk offering no service): nobody, not everybody.
        (Rule.SERVICE_FACILITATOR, [], set()),
        (Rule.SERVICE_ANALYST, None, set()),
        (Rule.ORGANISATION_ADMIN, organisation, admins),
        (Rule.ORGANISATION_ADMIN, None, admins),
        (Rule.INSTALLATION_ADMIN, None, {"inst_admin"}),
        (Rule.PASSWORD_LINK, users["analyst"], {"inst_admin"}),  # an account in use
        (Rule.PASSWORD_LINK, invited, admins),  # an invitation of their own organisation
        (Rule.PASSWORD_LINK, users["inst_admin"], {"inst_admin"}),
    ]
    wrong = []
    for rule, target, want in expected:
        got = _holders(app, users, rule, target)
        if got != want:
            wrong.append(f"{rule} about {target}: {sorted(got)}, not {sorted(want)}")
    assert not wrong, "\n".join(wrong)


def test_the_kiosk_rule_holds_on_a_kiosk_device_only(app, service, partner, make_user):
    user = make_user("fac@example.org", organisation=partner, role="facilitator")
    kiosk, _ = make_kiosk(user, [service])
    db.session.commit()
    with app.test_request_context():
        g.kiosk = None
        assert not allows(Rule.KIOSK)
        g.kiosk = kiosk
        assert allows(Rule.KIOSK)


def test_the_participant_rule_holds_for_the_workshops_own_cookie(app, service, partner, make_user):
    user = make_user("fac@example.org", organisation=partner, role="facilitator")
    workshop = make_workshop(user, service)
    elsewhere = make_workshop(user, service, title="Another workshop")
    _, token = participants.join(workshop, locale="en")
    db.session.commit()
    with app.test_request_context():
        assert not allows(Rule.WORKSHOP_PARTICIPANT, workshop)
    with app.test_request_context(headers={"Cookie": f"{COOKIE}={token}"}):
        assert allows(Rule.WORKSHOP_PARTICIPANT, workshop)
        assert not allows(Rule.WORKSHOP_PARTICIPANT, elsewhere)
    with app.test_request_context(headers={"Cookie": f"{COOKIE}=not-a-token"}):
        assert not allows(Rule.WORKSHOP_PARTICIPANT, workshop)


def test_the_api_token_rule_holds_once_a_usable_token_authenticated(
    app, service, partner, make_user
):
    user = make_user("analyst@example.org", organisation=partner, role="analyst")
    _, secret = issue_token(user, "reports", scopes=(Scope.READ_INSIGHTS,))
    db.session.commit()
    with app.test_request_context(headers={"Authorization": f"Bearer {secret}"}):
        assert not allows(Rule.API_TOKEN)
        authenticate()
        assert allows(Rule.API_TOKEN)
        assert allows(Rule.SERVICE_ANALYST, service)  # the token's owner, for the service rules


def test_only_the_identities_of_other_packages_are_registered():
    assert set(REGISTERED) == {Rule.KIOSK, Rule.WORKSHOP_PARTICIPANT, Rule.API_TOKEN}
    with pytest.raises(ValueError):
        register_check(Rule.SERVICE_ADMIN, lambda target: True)
