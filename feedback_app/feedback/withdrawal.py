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

    The client key and the kiosk go too: a partner's key could tie the row back to a call, a
    kiosk to a place and time. A late retry of the original send still stores nothing: the web
    draft points to this row, and the receipt hash (a keyed hash of the key) stays, unique, so
    a partner's retry is recognised as already received (submit.response_sent_with).
    """
    # Two withdrawals at once (a double click, two tabs): the second waits here for the first
    # to commit and finds it done, instead of taking the response off the tallies twice.
    db.session.refresh(response, with_for_update=True)
    if response.withdrawn_at is not None:
        return
    response.client_key = None
    response.kiosk_id = None
    response.answers.clear()
    response.stage_experiences.clear()
    response.comments.clear()
    response.profile = None
    response.withdrawn_at = utcnow()
    record(
        "response_withdrawn",
        target_type="response",
        target_id=response.id,
        service=response.service_id,
    )
    db.session.commit()
