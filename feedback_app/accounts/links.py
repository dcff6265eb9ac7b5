"""Links on the staff home: each feature registers what it offers for a service and to whom."""

from flask import g, url_for

from .access import has_role

_SERVICE_LINKS = []


def register_service_link(label, endpoint, role):
    """Show `label` (lazy text) linking to `endpoint(slug=...)` to staff holding `role`."""
    _SERVICE_LINKS.append((label, endpoint, role))


def service_links(service):
    return [
        (label, url_for(endpoint, slug=service.slug))
        for label, endpoint, role in _SERVICE_LINKS
        if has_role(g.user, service, role)
    ]


def init_app(app):
    app.jinja_env.globals["service_links"] = service_links
