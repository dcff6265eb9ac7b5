"""Personal API tokens: a random secret shown once, kept only as its SHA-256.

A token holds scopes (what it may do), optionally a list of services (where), and an expiry;
its owner's roles are checked again at each use, so access lost since creation is refused.
"""

import hashlib
import secrets
from datetime import UTC, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..database import utcnow
from ..extensions import db
from ..i18n import _l
from .models import ApiToken, Scope

# Recognisable in logs and secret scanners; the rest is 256 random bits.
TOKEN_MARK = "ens_"
PREFIX_LENGTH = 12
SCOPE_LABELS = {
    Scope.READ_INSIGHTS: _l("Read insights"),
    Scope.SUBMIT_RESPONSES: _l("Submit responses"),
}
# Lifetimes offered, in days: there is no token that never expires.
LIFETIMES = (30, 90, 365)
DEFAULT_LIFETIME = 90


def token_hash(secret):
    # A fast hash is enough: the secret is random, not a password a person chose.
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(user, name, *, scopes, services=(), days=DEFAULT_LIFETIME):
    """A new token for `user`; returns (stored token, secret). Only the hash is stored.

    `services` limits the token to those services (none: wherever its owner's roles reach).
    """
    scopes = sorted({Scope(scope).value for scope in scopes})
    if not scopes or days not in LIFETIMES:
        raise ValueError("a token needs at least one scope and one of the offered lifetimes")
    secret = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        token_hash=token_hash(secret),
        scopes=scopes,
        expires_at=utcnow() + timedelta(days=days),
        services=list(services),
    )
    db.session.add(token)
    db.session.flush()
    return token, secret


def usable_token(secret):
    """The unrevoked token whose secret this is, of an active user (expired or not); or None."""
    if not secret or not secret.startswith(TOKEN_MARK):
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    return token


def expires_at(token):
    # SQLite hands back naive datetimes; they were stored in UTC.
    moment = token.expires_at
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_expired(token):
    return expires_at(token) <= utcnow()


def allows(token, scope):
    return scope.value in token.scopes


def reaches(token, service):
    """Whether the token may be used for `service` (its owner's roles are checked apart)."""
    return not token.services or any(s.id == service.id for s in token.services)


def tokens_of(user):
    query = (
        select(ApiToken)
        .options(selectinload(ApiToken.services))
        .where(ApiToken.user_id == user.id)
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(db.session.scalars(query))


def revoke(token):
    if token.revoked_at is None:
        token.revoked_at = utcnow()
