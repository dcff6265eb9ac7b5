"""Friendly error pages in the user's language; JSON for the API."""

from flask import jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db

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
    429: (_l("Too many attempts"), _l("Wait a minute, then try again.")),
    500: (
        _l("Sorry, there is a problem with the service"),
        _l("Try again later. What you entered was not saved."),
    ),
}
CSRF_MESSAGE = _l(
    "Your form had expired or came from another page. Nothing was saved: please try again."
)


def render_error(error):
    code = error.code if isinstance(error, HTTPException) and error.code in ERROR_PAGES else 500
    if code == 500:
        db.session.rollback()
    title, advice = ERROR_PAGES[code]
    if isinstance(error, CSRFError):
        advice = CSRF_MESSAGE
    if request.path.startswith("/api/"):
        return jsonify(error={"status": code, "title": str(title), "detail": str(advice)}), code
    return render_template("errors/error.html", code=code, title=title, advice=advice), code


def init_app(app):
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(InternalServerError, render_error)
