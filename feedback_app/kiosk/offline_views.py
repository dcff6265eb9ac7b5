"""What a kiosk needs to work with no connection: an installable app (manifest, service
worker, offline start page), its flow as JSON, and the endpoint its queued responses drain to.

Everything here answers kiosk devices only (the device cookie), except the service worker's
script, which is the same for everyone and registered only by kiosk pages.
"""

from pathlib import Path

from flask import abort, current_app, g, jsonify, render_template, request

from ..accounts.policy import Rule, allows, require, rule
from ..extensions import csrf, db
from ..feedback.submit import SubmissionRefused
from ..i18n import _l, current_language
from .blueprint import bp
from .definition import kiosk_definition
from .queue import parse_queued, store_queued

APP_NAME = _l("Ensemble kiosk")
NOT_JSON = _l("Send the response as JSON (Content-Type: application/json).")
NOT_SAME_ORIGIN = _l("Only the kiosk's own pages may send responses.")
NOT_A_KIOSK = _l("This device is not a kiosk.")


def _kiosk_or_403():
    require(Rule.KIOSK)
    return g.kiosk


def _refused(status, message):
    return jsonify({"status": "refused", "errors": {"request": str(message)}}), status


@bp.route("/kiosk/sw.js")
@rule(Rule.PUBLIC)
def service_worker():
    """Served from /kiosk/ but allowed the whole site: a kiosk's pages live under /<lang>/.

    The script's bytes, not a file stream: nothing is left open when a client drops the answer.
    """
    script = Path(current_app.static_folder, "js", "kiosk-sw.js").read_bytes()
    response = current_app.response_class(script, mimetype="text/javascript")
    response.add_etag()
    response.make_conditional(request)
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/kiosk/manifest.webmanifest")
@rule(Rule.KIOSK)
def manifest():
    kiosk = _kiosk_or_403()
    body = {
        "name": str(APP_NAME),
        "short_name": "Ensemble",
        "lang": kiosk.default_locale,
        "start_url": f"/{kiosk.default_locale}/kiosk",
        "scope": "/",
        "display": "fullscreen",
        "background_color": "#ffffff",
        "theme_color": "#1d4f91",
        "icons": [
            {"src": f"/static/img/kiosk-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
            for size in (192, 512)
        ],
    }
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.route("/kiosk/offline")
@rule(Rule.KIOSK)
def offline():
    """The page the service worker shows whenever a kiosk page cannot be reached."""
    if not allows(Rule.KIOSK):
        abort(404)
    return render_template("kiosk/offline.html", kiosk=g.kiosk, language=current_language())


@bp.route("/kiosk/definition.json")
@rule(Rule.KIOSK)
def definition():
    definition = kiosk_definition(_kiosk_or_403())
    response = jsonify(definition)
    response.set_etag(definition["version"])
    return response.make_conditional(request)


@bp.route("/kiosk/responses", methods=["POST"])
@rule(Rule.KIOSK)
@csrf.exempt
def receive_response():
    """A response taken offline: 201 stored, 200 already stored (a replay), 4xx refused."""
    refusal = _device_refusal()
    if refusal:
        return refusal
    kiosk = g.kiosk
    try:
        queued = parse_queued(request.get_json(silent=True), kiosk)
        _response, stored = store_queued(queued, kiosk, secret=current_app.secret_key)
    except SubmissionRefused as refused:
        db.session.rollback()
        return jsonify({"status": "refused", "errors": refused.fields}), 422
    db.session.commit()
    if stored:
        return jsonify({"status": "received"}), 201
    return jsonify({"status": "already_received"})


@bp.route("/kiosk/status", methods=["POST"])
@rule(Rule.KIOSK)
@csrf.exempt
def report_status():
    """The device's heartbeat: like every contact, it says how long its queue is (device.py)."""
    return _device_refusal() or ("", 204)


def _device_refusal():
    """A JSON refusal unless a kiosk's own page sent JSON; None when it did.

    CSRF without a token (a cached offline page holds none): a cross-site page can neither send
    JSON without a preflight we never grant, nor hide that it is cross-site; the kiosk cookie
    is SameSite=Lax besides.
    """
    if not allows(Rule.KIOSK):
        return _refused(403, NOT_A_KIOSK)
    if not request.is_json:
        return _refused(415, NOT_JSON)
    site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if (site and site != "same-origin") or (origin and origin != request.host_url.rstrip("/")):
        return _refused(403, NOT_SAME_ORIGIN)
    return None
