"""Who is calling the API: the owner of a personal token, never a browser session."""

from datetime import UTC, timedelta

from flask import g, request

from ..accounts.access import has_role
from ..catalogue.lookup import service_by_slug
from ..database import utcnow
from ..i18n import _l
from .errors import api_abort
from .tokens import active_token, token_hash

NO_SUCH_SERVICE = _l("There is no service with this address.")
LAST_USED_PRECISION = timedelta(minutes=1)


def bearer_secret():
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


def rate_limit_key():
    """One budget per token (so colleagues behind one address do not share it), else per address."""
    secret = bearer_secret()
    return f"token:{token_hash(secret)}" if secret else f"address:{request.remote_addr}"


def authenticate():
    """Make the token's owner the user of this request, or answer 401.

    A session cookie counts for nothing here, which is why the API can be exempt from CSRF
    checks: a cross-site page cannot make a browser send someone's bearer token.
    """
    token = active_token(bearer_secret())
    if token is None:
        api_abort(401)
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


def service_for(slug, role, options=()):
    """The service at `slug` if the token's owner holds `role` there (404 / 403 otherwise);
    `options` are loader options for what the caller reads of it."""
    service = service_by_slug(slug, options=options)
    if service is None:
        api_abort(404, NO_SUCH_SERVICE)
    if not has_role(g.user, service, role):
        api_abort(403)
    return service
