"""Services with their questions and stages, kept by each process between requests.

Every page of the residents' flow and every API submission reads a service's questions and
stages: loading them is three queries and a few dozen objects, a good part of a page's time.
Each app keeps them until its version changes, which one indexed query reads: the newest audit
event about the service (every staff change to a service, its stages or its questions is
recorded there, naming the service, in the transaction that makes it; so every worker and
host sees it at once) and a count of this app's own commits that touched the catalogue (for
changes made without an audit event: scripts, tests).

The services kept are detached from every session and shared by requests: read them, and
write their ids, never the objects themselves, into new rows.
"""

import threading

from flask import current_app, has_app_context
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from ..catalogue.lookup import possible_slug
from ..catalogue.models import Journey, Question, QuestionSet, QuestionSetItem, Service, Stage
from ..extensions import db
from ..privacy.models import AuditEvent
from .flow import LOADED

CATALOGUE = (Service, Journey, Stage, Question, QuestionSet, QuestionSetItem)
_KEPT = "loaded_services"  # app.extensions: {slug: (version, service)}
_COMMITS = "catalogue_commits"  # app.extensions: this app's commits that changed the catalogue
_TOUCHED = "touches_catalogue"  # session.info, from a flush to its commit
_LOCK = threading.Lock()


def service_with_flow(slug, *, published_only=False):
    """The service at `slug` with its questions and stages loaded, or None."""
    if not possible_slug(slug):
        return None
    newest_event = select(func.max(AuditEvent.id)).where(AuditEvent.service_id == Service.id)
    query = select(Service.id, Service.is_published, newest_event.scalar_subquery())
    found = db.session.execute(query.where(Service.slug == slug)).one_or_none()
    if found is None or (published_only and not found.is_published):
        return None
    version = (*found, current_app.extensions.get(_COMMITS, 0))
    kept = current_app.extensions.setdefault(_KEPT, {})
    with _LOCK:
        entry = kept.get(slug)
    if entry is not None and entry[0] == version:
        return entry[1]
    service = _load_detached(found.id)
    with _LOCK:
        kept[slug] = (version, service)
    return service


def _load_detached(service_id):
    """In a session of its own, closed at once, so no request's commit expires what is kept."""
    with Session(db.engine) as session:
        return session.scalar(select(Service).where(Service.id == service_id).options(*LOADED))


@event.listens_for(Session, "after_flush")
def _note_catalogue_changes(session, _flush_context):
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(instance, CATALOGUE) for instance in changed):
        session.info[_TOUCHED] = True


@event.listens_for(Session, "after_commit")
def _count_catalogue_commit(session):
    if session.info.pop(_TOUCHED, False) and has_app_context():
        with _LOCK:
            current_app.extensions[_COMMITS] = current_app.extensions.get(_COMMITS, 0) + 1


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session):
    session.info.pop(_TOUCHED, None)
