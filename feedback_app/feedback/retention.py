"""The retention limit: responses older than their service's retention period (else
RETENTION_DAYS) are deleted, not archived.

It lives with the responses it deletes; privacy, below every feature, keeps only the audit log.
"""

from datetime import timedelta

from sqlalchemy import delete, select

from ..catalogue.models import Service
from ..database import utcnow
from ..extensions import db
from ..privacy.audit import record
from . import tallies
from .models import Answer, Comment, Profile, Response, StageExperience


def _expired(retention_days, now):
    """Queries of the ids of responses past their limit, one per distinct retention period."""
    periods = db.session.execute(
        select(Service.id, Service.retention_days).where(Service.retention_days.is_not(None))
    ).all()
    services_by_days = {}
    for service_id, days in periods:
        services_by_days.setdefault(days, []).append(service_id)
    own = [service_id for service_id, _days in periods]
    conditions = [(Response.service_id.not_in(own), retention_days)]
    conditions += [(Response.service_id.in_(ids), days) for days, ids in services_by_days.items()]
    return [
        select(Response.id).where(which, Response.created_at < now - timedelta(days=days))
        for which, days in conditions
    ]


def purge_expired_responses(retention_days, *, now=None):
    """Delete every response (and all it holds) kept longer than its service allows."""
    now = now or utcnow()
    deleted = 0
    for expired in _expired(retention_days, now):
        # Locked first: a withdrawal committing meanwhile is then seen, not taken away twice.
        db.session.execute(select(Response.id).where(Response.id.in_(expired)).with_for_update())
        tallies.take_away(db.session.connection(), Response.id.in_(expired))
        for model in (Answer, StageExperience, Comment, Profile):
            db.session.execute(delete(model).where(model.response_id.in_(expired)))
        deleted += db.session.execute(delete(Response).where(Response.id.in_(expired))).rowcount
    cutoff = now - timedelta(days=retention_days)
    record("purge_expired", details={"responses": deleted, "before": cutoff.isoformat()})
    db.session.commit()
    return deleted
