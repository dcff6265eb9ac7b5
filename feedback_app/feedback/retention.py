"""The retention limit: responses older than RETENTION_DAYS are deleted, not archived.

It lives with the responses it deletes; privacy, below every feature, keeps only the audit log.
"""

from datetime import timedelta

from sqlalchemy import delete, select

from ..database import utcnow
from ..extensions import db
from ..privacy.audit import record
from .models import Answer, Comment, Profile, Response, StageExperience


def purge_expired_responses(retention_days, *, now=None):
    """Delete every response (and all it holds) created more than `retention_days` ago."""
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    expired = select(Response.id).where(Response.created_at < cutoff)
    for model in (Answer, StageExperience, Comment, Profile):
        db.session.execute(delete(model).where(model.response_id.in_(expired)))
    deleted = db.session.execute(delete(Response).where(Response.created_at < cutoff)).rowcount
    record("purge_expired", details={"responses": deleted, "before": cutoff.isoformat()})
    db.session.commit()
    return deleted
