"""Friendly error pages in the user's language; JSON for the API."""

import math
import time

from flask import current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from .encryption import EncryptionKeyError
from .extensions import db, limiter

ERROR_PAGES = {
    400: (
        _l("Something in your request was not right"),
        _l("Go back, check what you entered and try again."),
    ),
    403: (
        _l("You do not have access to this page"),
        _l("If you think you should, ask an administrator of your organisation."),
    ),
    404: (_l("Page not found"), _l("If you typed the web address, check it is correct.")),
    405: (_l("This page cannot be used that way"), _l("Go back and use the buttons on the page.")),
    413: (
        _l("What you sent is too large"),
        _l("Shorten your text or send a smaller file, then try again."),
    ),
    429: (_l("Too many attempts"), _l("Please try again later.")),
    500: (
        _l("Sorry, there is a problem with the service"),
        _l("Try again later. What you entered was not saved."),
    ),
    503: (
        _l("Sorry, the service is unavailable for a moment"),
        _l("Please try again in a few minutes. Your answers so far are kept."),
    ),
}
# Seconds a client is asked to wait before trying again when the database is unreachable.
RETRY_AFTER = 30
CSRF_MESSAGE = _l(
    "Your form had expired or came from another page. Nothing was saved: please try again."
)


def render_error(error):
    code = error.code if isinstance(error, HTTPException) and error.code in ERROR_PAGES else 500
    if code in (500, 503):
        _undo_unfinished_work()
    title, advice = ERROR_PAGES[code]
    if isinstance(error, CSRFError):
        advice = CSRF_MESSAGE
    if code == 429:
        advice = _wait_advice() or advice
    if request.path.startswith("/api/"):
        return jsonify(error={"status": code, "title": str(title), "detail": str(advice)}), code
    return render_template("errors/error.html", code=code, title=title, advice=advice), code


def _undo_unfinished_work():
    """Roll the request's transaction back. A connection the database has already ended (a
    restart, an outage) fails even that: the work is gone with it, so the session only lets
    the connection go, and the visitor still gets the page, not a second error."""
    try:
        db.session.rollback()
    except OperationalError:
        db.session.close()


def _wait_advice():
    """How long to wait, in words, until every limit reached resets (an hourly one: up to an hour).

    None when no limit says (the generic "try again later" is then used).
    """
    resets = [limit.reset_at for limit in limiter.current_limits if limit.breached]
    if not resets:
        return None
    # Flask-Limiter rounds each reset up by a second: a fresh one-minute window reads 61 s.
    seconds = max(resets) - time.time() - 1
    minutes = max(1, math.ceil(seconds / 60))
    if minutes < 60:
        return ngettext(
            "Please try again in %(num)d minute.", "Please try again in %(num)d minutes.", minutes
        )
    hours = round(minutes / 60)
    return ngettext(
        "Please try again in about %(num)d hour.", "Please try again in about %(num)d hours.", hours
    )


def render_database_unavailable(error):
    """The database is down or unreachable: a 503 to try again, not a 500 saying all is lost.

    Residents' earlier steps are already saved as a draft, so their answers are kept.
    """
    current_app.logger.error("The database is unavailable", exc_info=error)
    return _try_again_shortly()


def render_undecryptable(error):
    """Stored text the configured keys cannot read: the operator's to fix (the log says how);
    visitors get the same "try again shortly" page as for a database outage, never a 500."""
    current_app.logger.error(str(error))
    return _try_again_shortly()


def _try_again_shortly():
    response, code = render_error(ServiceUnavailable())
    return response, code, {"Retry-After": str(RETRY_AFTER)}


def init_app(app):
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(InternalServerError, render_error)
    # OperationalError: the connection was refused or lost; PoolTimeout: no connection free.
    for error in (OperationalError, PoolTimeout):
        app.register_error_handler(error, render_database_unavailable)
    app.register_error_handler(EncryptionKeyError, render_undecryptable)
