"""Signed-in staff: loading the user from the session and guarding staff views."""

from functools import wraps

from flask import abort, g, redirect, request, session, url_for

from ..extensions import db
from .access import has_role
from .models import User

SESSION_USER_KEY = "user_id"


def load_signed_in_user():
    user_id = session.get(SESSION_USER_KEY)
    user = db.session.get(User, user_id) if user_id else None
    g.user = user if user and user.is_active else None


def sign_in(user):
    # A fresh session on sign-in prevents session fixation.
    session.clear()
    session[SESSION_USER_KEY] = user.id
    session.permanent = True


def sign_out():
    session.clear()


def login_required(view):
    @wraps(view)
    def guarded(*args, **kwargs):
        if g.user is None:
            return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return guarded


def require_role(service, role):
    """403 unless the signed-in user holds `role` (or admin) for `service`."""
    if not has_role(g.user, service, role):
        abort(403)
