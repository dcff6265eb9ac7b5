"""A participant's own voice: the residents' consented questions about them and their ratings of
the service, stored as one Response of the workshop channel so it counts in the equity analysis.

The response's client key names the workshop and the participant, so answering twice (a double
tap, a second visit) never stores a second response, and the summary finds a workshop's answers
with one prefix query on a unique index.
"""

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..feedback.models import Channel, Profile, Response
from ..feedback.receipts import receipt_code_for
from ..feedback.submit import build_response

SEGMENTS = ("age_band", "gender", "disability", "rurality")


def _prefix(workshop_id):
    return f"workshop-{workshop_id}-"


def client_key(participant):
    return f"{_prefix(participant.workshop_id)}{participant.id}"


def voice_of(participant):
    """The participant's stored response, or None before they answered."""
    key = client_key(participant)
    return db.session.scalar(select(Response).where(Response.client_key == key))


def voice_receipt(participant):
    """The receipt code of the participant's response: with it they can see or withdraw it."""
    return receipt_code_for(client_key(participant), current_app.secret_key)


def record_voice(participant, answers):
    """Store `answers` (in the shape of a resident's draft) once; a repeat returns the first.

    The profile is kept only with consent, exactly as for residents (feedback.submit).
    """
    existing = voice_of(participant)
    if existing is not None:
        return existing
    response = build_response(
        participant.workshop.service,
        answers,
        client_key(participant),
        locale=participant.locale,
        secret=current_app.secret_key,
        channel=Channel.WORKSHOP,
    )
    db.session.add(response)
    try:
        db.session.commit()
    except IntegrityError:
        # The same participant's other request committed first.
        db.session.rollback()
        return voice_of(participant)
    return response


def segment_counts(workshop, dimension):
    """[(value, people)] of one demographic dimension over the workshop's consented answers."""
    column = getattr(Profile, dimension)
    query = (
        select(column, func.count())
        .join(Response, Profile.response_id == Response.id)
        .where(
            Response.client_key.startswith(_prefix(workshop.id), autoescape=True),
            Response.channel == Channel.WORKSHOP,
            column.is_not(None),
        )
        .group_by(column)
        .order_by(column)
    )
    return db.session.execute(query).all()
