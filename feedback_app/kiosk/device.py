"""Which kiosk a request comes from: the device keeps the kiosk's secret token in a cookie.

Loaded before every request into `g.kiosk` (None on residents' own devices and staff
computers). A cookie whose kiosk was retired or whose link was replaced is removed.
"""

from flask import current_app, g, request

from ..accounts.policy import Rule, register_check
from ..feedback import visit
from ..feedback.devices import register_shared_device
from . import registry

KIOSK_COOKIE = "ensemble_kiosk"
# Sent by the kiosk's scripts on every request: how many responses wait on the device.
QUEUE_HEADER = "X-Kiosk-Queue"
# Browsers keep a cookie for at most 400 days; a kiosk in use refreshes it.
COOKIE_MAX_AGE = 400 * 24 * 3600


def load_kiosk():
    g.kiosk = None
    token = request.cookies.get(KIOSK_COOKIE)
    if not token or request.endpoint == "static":
        return
    g.kiosk = registry.active_kiosk(token)
    if g.kiosk is None:
        # Retired, or its link replaced: the resident on it must not be left behind.
        visit.forget()
        g.forget_kiosk_cookie = True
        return
    if registry.mark_seen(g.kiosk):
        g.renew_kiosk_cookie = token
    reported = request.headers.get(QUEUE_HEADER, "")
    if reported.isdigit() and len(reported) < 7:
        registry.note_queue(g.kiosk, int(reported))


def kiosk_offering(service):
    """The kiosk of this request when it offers `service`, else None."""
    kiosk = getattr(g, "kiosk", None)
    return kiosk if registry.offers(kiosk, service) else None


def remember_device(response, token):
    response.set_cookie(
        KIOSK_COOKIE,
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def _after_kiosk_request(response):
    """Nothing a resident saw is kept for "Back"; a kiosk in use keeps its cookie, a stale one
    is removed."""
    if getattr(g, "kiosk", None) is not None:
        response.headers["Cache-Control"] = "no-store"
    if getattr(g, "renew_kiosk_cookie", None):
        remember_device(response, g.renew_kiosk_cookie)
    if getattr(g, "forget_kiosk_cookie", False):
        response.delete_cookie(KIOSK_COOKIE, httponly=True, samesite="Lax")
    return response


def kiosk_settings():
    """For templates: the kiosk (None off a kiosk) and the idle timings of its shell."""
    return {
        "current_kiosk": getattr(g, "kiosk", None),
        "kiosk_idle_seconds": current_app.config["KIOSK_IDLE_SECONDS"],
        "kiosk_warning_seconds": current_app.config["KIOSK_WARNING_SECONDS"],
    }


def is_kiosk(_target=None):
    """Rule.KIOSK: this request comes from a device set up as a kiosk (any of its services)."""
    return getattr(g, "kiosk", None) is not None


def init_app(app):
    register_check(Rule.KIOSK, is_kiosk)
    register_shared_device(app, kiosk_offering)
    app.before_request(load_kiosk)
    app.after_request(_after_kiosk_request)
    app.context_processor(kiosk_settings)
