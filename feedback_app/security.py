"""HTTP security: which proxy to believe, headers (a strict CSP without inline script or style,
HSTS over HTTPS, no caching of private pages), logs without secrets, shared rate-limit counters."""

from flask import g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from .private_logs import redact_app_logs

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        # A kiosk device's service worker and app manifest (kiosk/offline_views.py).
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# Browsers keep to HTTPS for a year once they have seen the site over HTTPS.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"
# The only pages a shared cache or browser history may keep: the same for everyone, holding no one's
# answers. Everything else (staff pages, exports, the API, the residents' flow holding a draft,
# receipts, workshop participants' pages, links carrying a secret) is one person's: never cached.
# A new page is private until it is added here.
PUBLIC_ENDPOINTS = frozenset(
    {
        "static",
        "pages.index",
        "pages.home",
        "pages.choose_language",
        "pages.accessibility",
        "pages.healthz",
        "feedback.shared_link",
        "feedback.start",
        "insights.you_said_we_did",
        "kiosk.home",
    }
)


def add_security_headers(response):
    for header, value in SECURITY_HEADERS.items():
        response.headers.setdefault(header, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    if _is_private() and "no-store" not in response.headers.get("Cache-Control", ""):
        response.headers["Cache-Control"] = "no-store"
    return response


def _is_private():
    """Whatever a signed-in person or a token holder sees, and every page not listed as public."""
    return request.endpoint not in PUBLIC_ENDPOINTS or g.get("user") is not None


def trust_proxies(app):
    """Believe X-Forwarded-For/-Proto from exactly TRUSTED_PROXY_HOPS proxies, no more.

    Behind a load balancer every request comes from the balancer's address: without this, all
    visitors would share one rate-limit budget. Headers a visitor adds themselves sit further
    left in X-Forwarded-For and are ignored.
    """
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def warn_if_limits_are_per_worker(app):
    """In-memory counters are per process: with N workers an attacker gets N times the budget."""
    storage = app.config["RATELIMIT_STORAGE_URI"]
    if app.config.get("RATELIMIT_ENABLED", True) and storage.startswith("memory://"):
        app.logger.warning(
            "Rate limits are counted per worker process (no REDIS_URL): "
            "set REDIS_URL so every worker and host shares them."
        )


def init_app(app):
    trust_proxies(app)
    redact_app_logs(app.logger)
    warn_if_limits_are_per_worker(app)
    app.after_request(add_security_headers)
