"""Participants join without an account: a random token in their browser's cookie, and only
its hash on the server, so the database alone cannot tell whose phone wrote what."""

import hashlib
import secrets

from sqlalchemy import func, select

from ..extensions import db
from ..privacy.audit import record
from .models import Participant


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def join(workshop, *, locale, display_name=None, assisted_by=None):
    """A new participant; returns (participant, token). A helper's joins are audited."""
    token = secrets.token_urlsafe(24)
    participant = Participant(
        workshop_id=workshop.id,
        token_hash=token_hash(token),
        display_name=display_name or None,
        locale=locale,
        assisted=assisted_by is not None,
    )
    db.session.add(participant)
    db.session.flush()
    if assisted_by is not None:
        record(
            "workshop_participant_assisted",
            target_type="participant",
            target_id=participant.id,
            user=assisted_by,
            service=workshop.service_id,
        )
    db.session.commit()
    return participant, token


def participant_for(workshop, token):
    """The participant of this workshop holding `token`, else None (another workshop's too)."""
    if not token:
        return None
    return db.session.scalar(
        select(Participant).where(
            Participant.token_hash == token_hash(token), Participant.workshop_id == workshop.id
        )
    )


def participant_in(workshop, participant_id):
    """For assistants: a participant of this workshop by id, else None."""
    participant = db.session.get(Participant, participant_id)
    return participant if participant and participant.workshop_id == workshop.id else None


def joined_count(workshop):
    return db.session.scalar(
        select(func.count()).select_from(Participant).where(Participant.workshop_id == workshop.id)
    )


def assisted_participants(workshop):
    """The people a helper added, in the order they were added."""
    query = (
        select(Participant)
        .where(Participant.workshop_id == workshop.id, Participant.assisted)
        .order_by(Participant.id)
    )
    return list(db.session.scalars(query))
