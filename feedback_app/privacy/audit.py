"""Writing to the audit log, which is append-only by construction."""

import hmac

from flask import g
from sqlalchemy import event

from ..extensions import db
from .models import AuditEvent

APPEND_ONLY = "The audit log is append-only: audit events cannot be changed or deleted."
FINGERPRINT_LENGTH = 12
# The log is kept for years: details name keys and secrets only through fingerprint().
SECRET_DETAILS = frozenset({"client_key", "token", "secret", "password", "receipt_code"})


def record(
    action,
    *,
    target_type=None,
    target_id=None,
    details=None,
    user=None,
    service=None,
    organisation=None,
):
    """Add an audit event to the current transaction, by default for the signed-in user.

    `service` and `organisation` are ids (this lowest layer knows no catalogue): the service
    the event concerns, whatever its target, and the organisation whose people it concerns.
    The audit log filters and scopes by them.
    """
    secrets = SECRET_DETAILS.intersection(details or {})
    if secrets:
        raise ValueError(f"Audit details must not hold {sorted(secrets)}: use fingerprint().")
    user = user if user is not None else getattr(g, "user", None)
    event_ = AuditEvent(
        user_id=user.id if user else None,
        service_id=service,
        organisation_id=organisation,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        details=details or {},
    )
    db.session.add(event_)
    return event_


def fingerprint(value, secret):
    """A short keyed hash to put in audit details instead of a secret or a partner's key.

    It tells whether two events concern the same key, but the log kept for years never holds
    the key itself; keyed, because partners' keys are guessable and a plain hash is not.
    """
    digest = hmac.new(secret.encode(), b"audit:" + value.encode(), "sha256").hexdigest()
    return digest[:FINGERPRINT_LENGTH]


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(mapper, connection, target):
    raise PermissionError(APPEND_ONLY)
