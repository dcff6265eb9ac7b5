"""Services with their questions and stages, kept by each process between requests.

Every page of the residents' flow and every API submission reads a service's questions and
stages: loading them is three queries and a few dozen objects, about 40 % of a page's time.
Each app keeps what it loaded under the catalogue's version (catalogue.version), a token that
every change to a service, a question or a stage rewrites in its own transaction: one query for
the token tells whether what is kept is still exact.

What is kept is never handed out: each request gets its own copy, in its own session, made
without a query (Session.merge without loading), so lazy loads, commits and new rows work as for
an object the request loaded itself. The copies share the kept JSON values: read them, never
change them in place (the ORM would not see it either).
"""

from typing import NamedTuple

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..catalogue import version
from ..catalogue.lookup import possible_slug
from ..catalogue.models import Service
from ..extensions import db
from .flow import LOADED

_KEPT = "loaded_services"  # app.extensions: {slug: Kept}


class Kept(NamedTuple):
    token: str
    service: Service  # detached, with LOADED loaded


def service_with_flow(slug, *, published_only=True):
    """The service at `slug` with its questions and stages loaded, or None."""
    if not possible_slug(slug):
        return None
    # The token first: what is loaded after it is at least as new, so never kept too long.
    token = version.current(db.session)
    kept = current_app.extensions.setdefault(_KEPT, {})
    entry = kept.get(slug)
    if entry is None or token is None or entry.token != token:
        entry = Kept(token, _load_detached(slug))
        if entry.service is None:
            kept.pop(slug, None)
            return None
        if token is not None:
            kept[slug] = entry
    if published_only and not entry.service.is_published:
        return None
    return db.session.merge(entry.service, load=False)


def _load_detached(slug):
    """In a session of its own, closed at once: no request's commit expires what is kept."""
    with Session(db.engine) as session:
        return session.scalar(select(Service).where(Service.slug == slug).options(*LOADED))
