"""Writing to the audit log, which is append-only by construction."""

from flask import g
from sqlalchemy import event

from ..extensions import db
from .models import AuditEvent

APPEND_ONLY = "The audit log is append-only: audit events cannot be changed or deleted."


def record(action, *, target_type=None, target_id=None, details=None, user=None):
    """Add an audit event to the current transaction, by default for the signed-in user."""
    user = user if user is not None else getattr(g, "user", None)
    event_ = AuditEvent(
        user_id=user.id if user else None,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        details=details or {},
    )
    db.session.add(event_)
    return event_


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(mapper, connection, target):
    raise PermissionError(APPEND_ONLY)
