"""HTTP security: the proxy in front, headers (a strict CSP without inline script or style), and
where rate-limit counters live."""

from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
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


def add_security_headers(response):
    for header, value in SECURITY_HEADERS.items():
        response.headers.setdefault(header, value)
    return response


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
    warn_if_limits_are_per_worker(app)
    app.after_request(add_security_headers)
