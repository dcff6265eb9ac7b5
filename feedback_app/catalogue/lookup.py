"""Finding a service by the slug in its address: the one lookup every feature uses."""

from flask import abort
from sqlalchemy import select

from ..extensions import db
from .models import Service

SLUG_MAX = Service.slug.type.length


def possible_slug(slug):
    """False for a slug no service can have (too long, or with a NUL byte or other unprintable
    character), answered without a query: PostgreSQL refuses a NUL byte, which would be a 500,
    not a 404."""
    return bool(slug) and len(slug) <= SLUG_MAX and slug.isprintable()


def service_by_slug(slug, *, published_only=False, options=()):
    """The service at `slug`, or None; `options` are loader options (what to load with it)."""
    if not possible_slug(slug):
        return None
    query = select(Service).where(Service.slug == slug).options(*options)
    if published_only:
        query = query.where(Service.is_published)
    return db.session.scalar(query)


def service_or_404(slug, *, published_only=False, options=()):
    service = service_by_slug(slug, published_only=published_only, options=options)
    if service is None:
        abort(404)
    return service
