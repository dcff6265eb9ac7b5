"""The one rule set: who may reach each view, export and API route.

Every view declares its rule with `@rule(...)`; tests/app/test_policy.py fails for a route that
declares none, and docs/security.md prints each route's rule beside its access matrix. The
decorator sends whoever is not signed in to sign in when the rule is a staff one, and enforces
the rules the request alone decides (installation admin); a rule that needs what the view loads
(a service, an organisation, a member, a workshop) is checked by `require(rule, target)` once
the view has it, so no view decides access by itself.

Roles are held in an organisation and reach its services; an organisation's admins may do all
that its other roles may, and installation admins hold every role everywhere (access.py has
the queries). The identities of higher packages (a kiosk device, a workshop participant, an
API token) register their check here, so this package imports none of them.
"""

from enum import StrEnum
from functools import wraps

from flask import abort, g, redirect, request, url_for
from sqlalchemy import select

from ..catalogue.models import Service
from ..extensions import db
from .access import administered_organisations, has_role, is_installation_admin
from .models import Membership, Role


class Rule(StrEnum):
    PUBLIC = "public"  # anyone: residents, and whoever holds a link's secret
    STAFF = "staff"  # any signed-in staff member (what is theirs: their own)
    SERVICE_FACILITATOR = "service facilitator"
    SERVICE_ANALYST = "service analyst"
    SERVICE_ADMIN = "service admin"
    ORGANISATION_ADMIN = "organisation admin"
    INSTALLATION_ADMIN = "installation admin"
    PASSWORD_LINK = "password link"  # an admin of the member's organisation, or of all
    KIOSK = "kiosk"  # a device set up as a kiosk (kiosk/device.py)
    WORKSHOP_PARTICIPANT = "workshop participant"  # joined on this browser (workshops/)
    API_TOKEN = "API token"  # a usable bearer token, and nothing else (api/auth.py)


# Decided by the checks of the packages that own these identities, registered at import.
REGISTERED = (Rule.KIOSK, Rule.WORKSHOP_PARTICIPANT, Rule.API_TOKEN)
# Rules only signed-in staff can meet: the decorator sends everyone else to sign in first.
SIGNED_IN = (
    Rule.STAFF,
    Rule.SERVICE_FACILITATOR,
    Rule.SERVICE_ANALYST,
    Rule.SERVICE_ADMIN,
    Rule.ORGANISATION_ADMIN,
    Rule.INSTALLATION_ADMIN,
    Rule.PASSWORD_LINK,
)
# Rules the request alone decides, enforced by the decorator before the view runs.
DECIDED_BY_REQUEST = (Rule.INSTALLATION_ADMIN,)
_registered_checks = {}


def register_check(rule, check):
    """Let a higher package decide its identity's rule: `check(target)` → bool, for this request."""
    if rule not in REGISTERED:
        raise ValueError(f"{rule} is decided here, not registered")
    _registered_checks[rule] = check


def _holds(role):
    """A role in the service, or in every service of a thing they share (a kiosk's)."""

    def check(user, target):
        services = [target] if isinstance(target, Service) else list(target or ())
        return bool(services) and all(has_role(user, service, role) for service in services)

    return check


def _administers_organisation(user, organisation):
    """An organisation's own admins, and installation admins; without an organisation, the
    admins of any one."""
    if user is None:
        return False
    if organisation is None:
        return is_installation_admin(user) or bool(administered_organisations(user))
    if is_installation_admin(user):
        return True
    query = select(Membership.id).where(
        Membership.user_id == user.id,
        Membership.organisation_id == organisation.id,
        Membership.role == Role.ADMIN,
    )
    return db.session.scalar(query) is not None


def _may_issue_password_link(user, member):
    """A link to set someone's password hands over their account: the admins of an organisation
    the member belongs to may only renew invitations nobody has accepted yet; installation
    admins may reset anyone's."""
    if is_installation_admin(user):
        return True
    if user is None or member.is_active or member.is_installation_admin:
        return False
    return any(_administers_organisation(user, m.organisation) for m in member.memberships)


_CHECKS = {
    Rule.PUBLIC: lambda user, target: True,
    Rule.STAFF: lambda user, target: user is not None,
    Rule.SERVICE_FACILITATOR: _holds(Role.FACILITATOR),
    Rule.SERVICE_ANALYST: _holds(Role.ANALYST),
    Rule.SERVICE_ADMIN: _holds(Role.ADMIN),
    Rule.ORGANISATION_ADMIN: _administers_organisation,
    Rule.INSTALLATION_ADMIN: lambda user, target: is_installation_admin(user),
    Rule.PASSWORD_LINK: _may_issue_password_link,
}


def allows(rule, target=None):
    """Whether `rule` holds about `target` for this request (staff rules: for its signed-in
    person)."""
    if rule in REGISTERED:
        return _registered_checks[rule](target)
    return _CHECKS[rule](g.user, target)


def require(rule, target=None):
    """403 unless `rule` holds about `target` (a service, an organisation, a member...)."""
    if not allows(rule, target):
        abort(403)


def rule(default, **by_method):
    """Declare the view's rule (`POST=...` for a method that needs another one); send whoever
    is not signed in to the sign-in page when the rule is a staff one, and refuse a rule the
    request alone decides before the view runs."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            chosen = declared_rule(guarded, request.method)
            if chosen in SIGNED_IN and g.user is None:
                return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
            if chosen in DECIDED_BY_REQUEST:
                require(chosen)
            return view(*args, **kwargs)

        guarded.access_rules = {"*": default, **by_method}
        return guarded

    return decorate


def declared_rule(view, method="GET"):
    """The rule `view` declared for `method`, or None when it declared none."""
    rules = getattr(view, "access_rules", None)
    if rules is None:
        return None
    return rules.get(method, rules["*"])
