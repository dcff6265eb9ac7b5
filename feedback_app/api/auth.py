"""Who is calling the API: the owner of a personal token, never a browser session.

Each use checks the token (not revoked, not expired), its scope for the route, its list of
services, and its owner's role there now: a role lost since the token was made is refused.
"""

from datetime import UTC, timedelta

from flask import g, request
from flask_babel import format_date

from ..accounts.policy import Rule, register_check, require
from ..catalogue.lookup import service_by_slug
from ..database import utcnow
from ..i18n import _l
from .errors import api_abort
from .tokens import SCOPE_LABELS, allows, expires_at, is_expired, reaches, token_hash, usable_token

NO_SUCH_SERVICE = _l("There is no service with this address.")
LAST_USED_PRECISION = timedelta(minutes=1)
TOKEN_EXPIRED = _l("This token expired on %(date)s. Create a new one on your tokens page.")
MISSING_SCOPE = _l(
    "This token does not have the permission “%(permission)s”. Create a token that has it."
)
OTHER_SERVICES = _l("This token is limited to other services.")


def bearer_secret():
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


def holds_token(_target=None):
    """Rule.API_TOKEN: this request was authenticated by a usable bearer token."""
    return g.get("api_token") is not None


register_check(Rule.API_TOKEN, holds_token)


def rate_limit_key():
    """One budget per token (so colleagues behind one address do not share it), else per address."""
    secret = bearer_secret()
    return f"token:{token_hash(secret)}" if secret else f"address:{request.remote_addr}"


def authenticate():
    """Make the token's owner the user of this request, or answer 401.

    A session cookie counts for nothing here, which is why the API can be exempt from CSRF
    checks: a cross-site page cannot make a browser send someone's bearer token.
    """
    token = usable_token(bearer_secret())
    if token is None:
        api_abort(401)
    if is_expired(token):
        api_abort(401, TOKEN_EXPIRED % {"date": format_date(expires_at(token), "long")})
    mark_used(token)
    g.user = token.user
    g.api_token = token


def mark_used(token, now=None):
    """Note when the token was last used, to the minute the tokens page shows.

    At most once a minute: every request of a busy partner updating the token's row would
    make their concurrent requests wait for each other's lock on it.
    """
    now = now or utcnow()
    last = token.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite keeps no time zone
        last = last.replace(tzinfo=UTC)
    if last is None or now - last >= LAST_USED_PRECISION:
        token.last_used_at = now


def service_for(slug, rule, scope, *, find=service_by_slug):
    """The service at `slug` if the token has `scope`, names the service (or none), and its
    owner meets `rule` there (403 / 404 otherwise); `find(slug)` looks it up."""
    if not allows(g.api_token, scope):
        api_abort(403, MISSING_SCOPE % {"permission": SCOPE_LABELS[scope]})
    service = find(slug)
    if service is None:
        api_abort(404, NO_SUCH_SERVICE)
    if not reaches(g.api_token, service):
        api_abort(403, OTHER_SERVICES)
    require(rule, service)
    return service
