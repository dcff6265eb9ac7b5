"""JSON errors for the API in the caller's language: 4xx with a title, a detail and the fields."""

from flask import jsonify
from werkzeug.exceptions import HTTPException

from ..errors import ERROR_PAGES
from ..i18n import _l

API_ERRORS = {
    401: (
        _l("A valid personal API token is needed"),
        _l("Send your token in the Authorization header: Bearer followed by the token."),
    ),
    403: (
        _l("You do not have access to this service"),
        _l("Ask an administrator of your organisation for the role this needs."),
    ),
    404: (_l("Not found"), _l("Check the address against the API documentation.")),
    415: (
        _l("The request body must be JSON"),
        _l("Send the body as JSON with the header Content-Type: application/json."),
    ),
    422: (
        _l("Some of the data sent is not valid"),
        _l("Correct the fields listed under fields, then send again."),
    ),
}


class ApiError(HTTPException):
    """An HTTP error with a specific detail and, for invalid data, a message per field."""

    def __init__(self, code, detail=None, *, fields=None):
        self.code = code
        super().__init__(description=None if detail is None else str(detail))
        self.fields = fields or {}


def api_abort(code, detail=None, *, fields=None):
    raise ApiError(code, detail, fields=fields)


def _texts(error):
    title, advice = API_ERRORS.get(error.code) or ERROR_PAGES.get(error.code, (error.name, ""))
    # Only our own errors carry a specific detail; others' descriptions are English.
    custom = isinstance(error, ApiError) and error.description
    return str(title), error.description if custom else str(advice)


def json_error(error):
    """The blueprint's handler for every HTTP error raised while serving the API."""
    title, detail = _texts(error)
    body = {"status": error.code, "title": title, "detail": detail}
    fields = getattr(error, "fields", None)
    if fields:
        body["fields"] = {name: str(message) for name, message in fields.items()}
    response = jsonify(error=body)
    response.status_code = error.code
    if error.code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="ensemble"'
    return response
