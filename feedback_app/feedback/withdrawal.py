"""A resident's own look at what they said, by receipt code, and its withdrawal."""

from sqlalchemy import select

from ..database import utcnow
from ..extensions import db
from ..privacy.audit import record
from .models import Response
from .receipts import receipt_hash


def response_for_receipt(code):
    return db.session.scalar(select(Response).where(Response.receipt_hash == receipt_hash(code)))


def withdraw(response):
    """Delete everything the resident said; keep only the fact that a response was withdrawn.

    The emptied row keeps its client key, so a late retry of the original "Send" cannot store
    the answers again.
    """
    if response.withdrawn_at is not None:
        return
    response.answers.clear()
    response.stage_experiences.clear()
    response.comments.clear()
    response.profile = None
    response.withdrawn_at = utcnow()
    record("response_withdrawn", target_type="response", target_id=response.id)
    db.session.commit()
