"""JSON API v1: aggregated figures of a service, and responses from a partner's channel."""

import json

from flask import Blueprint, current_app, g, jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from ..accounts.access import roles_for_service, visible_services
from ..accounts.policy import Rule, declared_rule, rule
from ..extensions import csrf, db, limiter
from ..feedback.loaded_services import service_with_flow
from ..feedback.submit import SubmissionRefused
from ..i18n import localized
from ..insights import analyses, labels
from ..insights.filters import FilterError, parse_filter
from ..kiosk.registry import kiosks_of
from ..privacy.audit import fingerprint, record
from . import openapi
from .auth import authenticate, rate_limit_key, service_for
from .errors import api_abort, json_error
from .models import Scope
from .submission import parse_submission, store_submission
from .tokens import expires_at, reaches

DEFAULT_RATE_LIMIT = "120 per minute"
INSIGHT_FIELDS = [
    "rank", "kind", "segment", "outcome", "score", "severity", "intersectional", "q_value",
    "effect", "n", "reason_key", "reason_params", "insight_key", "status",
]  # fmt: skip

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.register_error_handler(HTTPException, json_error)
# Only bearer tokens authenticate here (authenticate ignores the session cookie), so a
# cross-site form can never act as a signed-in person: CSRF tokens have nothing to protect.
csrf.exempt(bp)
limiter.limit(
    lambda: current_app.config.get("API_RATE_LIMIT", DEFAULT_RATE_LIMIT), key_func=rate_limit_key
)(bp)


@bp.before_request
def _authenticate():
    """Every API route but a public one takes a bearer token, checked here before the view
    (its refusals are the API's 401s): a route declared with any other rule still never runs
    on a browser's session cookie, which this CSRF-exempt blueprint must not trust."""
    view = current_app.view_functions.get(request.endpoint)
    if view is not None and declared_rule(view, request.method) is not Rule.PUBLIC:
        authenticate()


def records(frame):
    """A table as JSON rows: missing numbers (suppressed cells) become null."""
    return json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))


def _filter(service):
    try:
        return parse_filter(request.args, service)
    except FilterError as error:
        fields = {name: " ".join(map(str, messages)) for name, messages in error.errors.items()}
        api_abort(400, _("Some filters are not valid."), fields=fields)


def _analysis_read(slug, resource, build):
    """Check access, apply the filters, build the body, and record the read in the audit log."""
    service = service_for(slug, Rule.SERVICE_ANALYST, Scope.READ_INSIGHTS)
    insight_filter = _filter(service)
    body = build(service, insight_filter)
    record(
        "api_read",
        target_type="service",
        target_id=service.id,
        service=service.id,
        details={
            "resource": resource,
            "filters": insight_filter.query_args(),
            "token_id": g.api_token.id,
        },
    )
    db.session.commit()
    return jsonify(
        service=service.slug,
        filters=insight_filter.query_args(),
        suppress_below=analyses.SUPPRESS_BELOW,
        **body,
    )


@bp.route("/openapi.json")
@rule(Rule.PUBLIC)
def openapi_document():
    """Public: the description of the API holds no data."""
    return jsonify(openapi.openapi_document(request.script_root + bp.url_prefix))


@bp.route("/services")
@rule(Rule.API_TOKEN)
def services():
    """Any scope: the services this token reaches, with its owner's roles in each."""
    found = [
        {
            "slug": service.slug,
            "name": str(localized(service.name)),
            "roles": sorted(str(role) for role in roles_for_service(g.user, service)),
            "kiosks": [
                {"id": kiosk.id, "location": kiosk.location, "active": kiosk.is_active}
                for kiosk in kiosks_of(service)
            ],
        }
        for service in visible_services(g.user)
        if reaches(g.api_token, service)
    ]
    record("api_read", target_type="services", details={"token_id": g.api_token.id})
    db.session.commit()
    token = g.api_token
    about = {"scopes": token.scopes, "expires_at": expires_at(token).isoformat()}
    return jsonify(services=found, token=about)


def _aggregates(service, insight_filter):
    seen = analyses.overview(service, insight_filter)
    return {
        "total": seen["total"],
        "period": seen["period"],
        "timeline": records(seen["timeline"]),
        "ratings": records(seen["ratings"]),
        "questions": records(seen["questions"]),
    }


def _gaps(service, insight_filter):
    return {"gaps": records(analyses.equity_gaps(service, insight_filter))}


def _representation(service, insight_filter):
    participated = analyses.participation(service, insight_filter)
    if participated is None:
        return {"reference": None, "scores": {}, "groups": []}
    reference = participated["reference"]
    return {
        "reference": {"name": reference.name, "uploaded_at": reference.uploaded_at.isoformat()},
        "scores": {k: _number(v) for k, v in participated["scores"].items()},
        "groups": records(participated["groups"]),
    }


def _outreach(service, insight_filter):
    return {"groups": records(analyses.outreach(service, insight_filter))}


def _number(value):
    return None if value is None or value != value else float(value)


def _journeys(service, insight_filter):
    walked = analyses.journey(service, insight_filter)
    if walked["curve"] is None:  # the service has no journey
        return {"stages": [], "curve": [], "barriers": [], "hardest": []}
    return {
        "stages": [
            {"code": stage.code, "name": str(localized(stage.name))} for stage in walked["stages"]
        ],
        "curve": records(walked["curve"]),
        "barriers": records(walked["barriers"]),
        "hardest": records(walked["hardest"]),
    }


def _themes(service, insight_filter):
    found = analyses.comment_themes(service, insight_filter)
    return {"themes": records(found), "note": found.attrs.get("note")}


def _insights(service, insight_filter):
    ranked = analyses.ranked_insights(service, insight_filter)
    words = labels.Vocabulary(service)
    rows = records(ranked[[c for c in INSIGHT_FIELDS if c in ranked.columns]])
    for row, source in zip(rows, ranked.to_dict("records"), strict=True):
        row["sentence"] = labels.insight_sentence(words, source)
    return {"insights": rows}


READS = {
    "aggregates": _aggregates,
    "gaps": _gaps,
    "representation": _representation,
    "outreach": _outreach,
    "journeys": _journeys,
    "themes": _themes,
    "insights": _insights,
}


@bp.route(
    "/services/<slug>/"
    "<any(aggregates, gaps, representation, outreach, journeys, themes, insights):resource>"
)
@rule(Rule.API_TOKEN)
def analysis_read(slug, resource):
    return _analysis_read(slug, resource, READS[resource])


def _service_with_flow(slug):
    """Published or not: a partner's channel may collect answers before the public link opens."""
    return service_with_flow(slug, published_only=False)


@bp.route("/services/<slug>/responses", methods=["POST"])
@rule(Rule.API_TOKEN)
def submit_response(slug):
    service = service_for(
        slug, Rule.SERVICE_FACILITATOR, Scope.SUBMIT_RESPONSES, find=_service_with_flow
    )
    if not request.is_json:
        api_abort(415)
    try:
        submission = parse_submission(request.get_json(), service)
        receipt_code = store_submission(service, submission, g.user, secret=current_app.secret_key)
    except SubmissionRefused as error:
        db.session.rollback()
        api_abort(422, fields=error.fields)
    record(
        "api_response_submitted" if receipt_code else "api_response_repeated",
        target_type="service",
        target_id=service.id,
        service=service.id,
        details={
            "client_key_hash": fingerprint(submission.client_key, current_app.secret_key),
            "token_id": g.api_token.id,
        },
    )
    db.session.commit()
    if receipt_code is None:
        return jsonify({"status": "already_received", "client_key": submission.client_key})
    body = {"status": "received", "client_key": submission.client_key}
    return jsonify({**body, "receipt_code": receipt_code}), 201
