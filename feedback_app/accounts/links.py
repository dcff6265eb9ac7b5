"""Links on the staff home: each feature registers what it offers for a service and to whom."""

from flask import current_app, g, url_for

from .policy import allows, declared_rule

_SERVICE_LINKS = []
_STAFF_LINKS = []


def register_service_link(label, endpoint):
    """Show `label` (lazy text) linking to `endpoint(slug=...)` to staff its rule lets in."""
    _SERVICE_LINKS.append((label, endpoint))


def register_staff_link(label, endpoint, allowed):
    """Show `label` linking to `endpoint` to the staff for whom `allowed(user)` is true."""
    _STAFF_LINKS.append((label, endpoint, allowed))


def service_links(service):
    return [
        (label, url_for(endpoint, slug=service.slug))
        for label, endpoint in _SERVICE_LINKS
        if allows(declared_rule(current_app.view_functions[endpoint]), service)
    ]


def staff_links():
    return [
        (label, url_for(endpoint))
        for label, endpoint, allowed in _STAFF_LINKS
        if g.user is not None and allowed(g.user)
    ]


def init_app(app):
    app.jinja_env.globals["service_links"] = service_links
    app.jinja_env.globals["staff_links"] = staff_links
