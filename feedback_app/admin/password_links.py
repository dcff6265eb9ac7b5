"""Single-use links to set a password: issued for an invitation or a forgotten password.

Only a hash of the token is stored, so a copy of the database cannot be used to sign in.
"""

import hashlib
import secrets
from datetime import UTC, timedelta

from sqlalchemy import select, update

from ..accounts.auth import end_all_sessions
from ..database import utcnow
from ..extensions import db
from ..privacy.audit import record
from .models import LinkPurpose, PasswordLink

LIFETIMES = {
    LinkPurpose.INVITATION: timedelta(days=7),
    LinkPurpose.PASSWORD_RESET: timedelta(hours=2),
}


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(user, purpose, *, by=None):
    """A new link for `user`; any earlier unused link of theirs stops working. Returns the token."""
    now = utcnow()
    db.session.execute(
        update(PasswordLink)
        .where(PasswordLink.user_id == user.id, PasswordLink.used_at.is_(None))
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        PasswordLink(
            user_id=user.id,
            purpose=purpose,
            token_hash=token_hash(token),
            expires_at=now + LIFETIMES[purpose],
            created_by_id=by.id if by else None,
        )
    )
    return token


def _aware(moment):
    # SQLite hands back naive datetimes; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def usable_link(token):
    """The unused, unexpired link this token opens, else None."""
    if not token or len(token) > 100:
        return None
    link = db.session.scalar(
        select(PasswordLink).where(PasswordLink.token_hash == token_hash(token))
    )
    if link is None or link.used_at is not None or _aware(link.expires_at) <= utcnow():
        return None
    return link


def set_password_with(link, password):
    """Use the link: the person's password is set, their account active. Returns the user."""
    user = link.user
    user.set_password(password)
    user.is_active = True
    end_all_sessions(user)  # whoever held the old password is signed out everywhere
    link.used_at = utcnow()
    action = "invitation_accepted" if link.purpose == LinkPurpose.INVITATION else "password_reset"
    record(action, target_type="user", target_id=user.id, user=user)
    db.session.commit()
    return user


def change_password(user, current, new):
    """Set `new` when `current` is the user's password; False (nothing changed) otherwise."""
    if not user.check_password(current):
        return False
    user.set_password(new)
    end_all_sessions(user)  # other devices signed in with the old password are signed out
    record("password_changed", target_type="user", target_id=user.id, user=user)
    db.session.commit()
    return True
