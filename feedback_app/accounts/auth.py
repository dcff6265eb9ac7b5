"""Signed-in staff: loading the user from the session, signing in and out.

Who may reach which view is decided in policy.py.
"""

from flask import g, session

from ..extensions import db
from .models import User

SESSION_USER_KEY = "user_id"
SESSION_GENERATION_KEY = "session_generation"


def load_signed_in_user():
    """The session's user, unless the session was ended since (sign-out, password change)."""
    user_id = session.get(SESSION_USER_KEY)
    user = db.session.get(User, user_id) if user_id else None
    if user and session.get(SESSION_GENERATION_KEY) != user.session_generation:
        session.pop(SESSION_USER_KEY)
        user = None
    g.user = user if user and user.is_active else None


def sign_in(user):
    # A fresh session on sign-in prevents session fixation.
    session.clear()
    session[SESSION_USER_KEY] = user.id
    session[SESSION_GENERATION_KEY] = user.session_generation
    session.permanent = True


def sign_out(user):
    """End this session and, since a signed cookie cannot be recalled, every copy of it."""
    if user is not None:
        end_all_sessions(user)
    session.clear()


def end_all_sessions(user):
    """Make every session `user` has open, on any device, count for nothing; caller commits.

    Sessions are signed cookies the server cannot delete, so each records the user's session
    generation and load_signed_in_user refuses one from an older generation.
    """
    user.session_generation += 1
