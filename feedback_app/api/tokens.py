"""Personal API tokens: a random secret shown once, kept only as its SHA-256."""

import hashlib
import secrets

from sqlalchemy import select

from ..database import utcnow
from ..extensions import db
from .models import ApiToken

# Recognisable in logs and secret scanners; the rest is 256 random bits.
TOKEN_MARK = "ens_"
PREFIX_LENGTH = 12


def token_hash(secret):
    # A fast hash is enough: the secret is random, not a password a person chose.
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(user, name):
    """A new token for `user`; returns (stored token, secret). Only the hash is stored."""
    secret = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id, name=name, prefix=secret[:PREFIX_LENGTH], token_hash=token_hash(secret)
    )
    db.session.add(token)
    db.session.flush()
    return token, secret


def active_token(secret):
    """The unrevoked token whose secret this is, of an active user; None otherwise."""
    if not secret or not secret.startswith(TOKEN_MARK):
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    return token


def tokens_of(user):
    query = (
        select(ApiToken)
        .where(ApiToken.user_id == user.id)
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(db.session.scalars(query))


def revoke(token):
    if token.revoked_at is None:
        token.revoked_at = utcnow()
