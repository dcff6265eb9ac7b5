"""Services with their questions and stages, kept by each process between requests.

Every page of the residents' flow and every API submission reads a service's questions and
stages: loading them is three queries and a few dozen objects, a good part of a page's time.
Each app keeps them until the audit log records a change to the service (every staff change to
a service, its stages or its questions is recorded there, naming the service, in the
transaction that makes it: every worker and host sees it at once) or this app itself commits a
change to the catalogue (made without an audit event: scripts, tests). One indexed query reads
the newest event about the service; a second, when there are new events, asks whether any of
them may have changed it: all may but those known to leave the catalogue alone, the frequent
ones of API submissions and analysts' reads.

The services kept are detached from every session and shared by requests: read them, and
write their ids, never the objects themselves, into new rows.
"""

import threading
from typing import NamedTuple

from flask import current_app, has_app_context
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from ..catalogue.lookup import possible_slug
from ..catalogue.models import Journey, Question, QuestionSet, QuestionSetItem, Service, Stage
from ..extensions import db
from ..privacy.models import AuditEvent
from .flow import LOADED

CATALOGUE = (Service, Journey, Stage, Question, QuestionSet, QuestionSetItem)
# Audit actions about a service that never change its questions, stages or texts.
LEAVE_CATALOGUE_ALONE = (
    "api_response_submitted",
    "api_response_repeated",
    "api_read",
    "insights.view",
    "export",
    "response_withdrawn",
    "access_register_viewed",
)
# PostgreSQL numbers rows as they are inserted, not as they are committed: a change to the
# catalogue may commit after events numbered above it. Each check looks again at this many
# events before the newest it saw (far more than are inserted about one service between a
# change's audit event and its commit, a few milliseconds).
IN_FLIGHT = 100
_KEPT = "loaded_services"  # app.extensions: {slug: Kept}
_COMMITS = "catalogue_commits"  # app.extensions: this app's commits that changed the catalogue
_TOUCHED = "touches_catalogue"  # session.info, from a flush to its commit
_LOCK = threading.Lock()


class Kept(NamedTuple):
    service_id: int
    commits: int
    # The newest audit event about the service, and the newest that may have changed it.
    seen_event: int
    change_event: int
    service: Service


def service_with_flow(slug, *, published_only=False):
    """The service at `slug` with its questions and stages loaded, or None."""
    if not possible_slug(slug):
        return None
    newest_event = select(func.max(AuditEvent.id)).where(AuditEvent.service_id == Service.id)
    query = select(Service.id, Service.is_published, newest_event.scalar_subquery())
    found = db.session.execute(query.where(Service.slug == slug)).one_or_none()
    if found is None or (published_only and not found.is_published):
        return None
    service_id, _published, newest = found
    newest = newest or 0
    commits = current_app.extensions.get(_COMMITS, 0)
    kept = current_app.extensions.setdefault(_KEPT, {})
    with _LOCK:
        entry = kept.get(slug)
    if entry is None or (entry.service_id, entry.commits) != (service_id, commits):
        # What commits after this load has an event above newest - IN_FLIGHT.
        entry = Kept(service_id, commits, newest, max(newest - IN_FLIGHT, 0), None)
    elif newest != entry.seen_event:
        since = max(entry.seen_event - IN_FLIGHT, entry.change_event)
        change = _last_change(service_id, since)
        entry = entry._replace(seen_event=newest, change_event=change)
        if change > since:
            entry = entry._replace(service=None)
    if entry.service is None:
        entry = entry._replace(service=_load_detached(service_id))
    with _LOCK:
        kept[slug] = entry
    return entry.service


def _last_change(service_id, since):
    """The newest event about the service after `since` that may have changed it, else `since`."""
    query = select(func.max(AuditEvent.id)).where(
        AuditEvent.service_id == service_id,
        AuditEvent.id > since,
        AuditEvent.action.not_in(LEAVE_CATALOGUE_ALONE),
    )
    return db.session.scalar(query) or since


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
