"""Cards on a journey map or idea wall: posting, hiding with a reason, merging duplicates.

Nothing is ever deleted: a hidden card keeps its text and reason, a merged card points to the
card it was merged into, and the merge can be undone.
"""

from sqlalchemy import select, update

from ..extensions import db
from ..privacy.audit import record
from .models import ActivityKind, Card, CardKind, Provenance, Vote


class CardRefused(ValueError):
    """The card cannot be changed that way; `str()` is a message for the facilitator."""


def _record(action, card, user, details=None):
    """An audit event about `card`, under the service its workshop belongs to."""
    service_id = card.activity.workshop.service_id
    record(
        action,
        target_type="card",
        target_id=card.id,
        user=user,
        service=service_id,
        details=details,
    )


def post_card(activity, participant, *, text, kind, stage=None, emotion=None, entered_by=None):
    """Add a card in one transaction; a card typed by a helper is marked assisted."""
    card = Card(
        activity_id=activity.id,
        participant_id=participant.id if participant else None,
        text=text,
        kind=CardKind(kind),
        stage_id=stage.id if stage else None,
        emotion=emotion,
        provenance=Provenance.ASSISTED if entered_by else Provenance.WEB,
        entered_by_id=entered_by.id if entered_by else None,
    )
    db.session.add(card)
    db.session.flush()
    if entered_by:
        _record("workshop_card_assisted", card, entered_by)
    db.session.commit()
    return card


def card_in(activity, card_id):
    """The card of this activity with that id, else None (a forged or foreign id)."""
    card = db.session.get(Card, card_id) if activity and isinstance(card_id, int) else None
    return card if card is not None and card.activity_id == activity.id else None


def cards_of(activity, *, shown_only=True):
    query = select(Card).where(Card.activity_id == activity.id).order_by(Card.id)
    if shown_only:
        query = query.where(Card.hidden_reason.is_(None), Card.merged_into_id.is_(None))
    return list(db.session.scalars(query))


def my_cards(activity, participant):
    query = (
        select(Card)
        .where(Card.activity_id == activity.id, Card.participant_id == participant.id)
        .order_by(Card.id)
    )
    return list(db.session.scalars(query))


def hide(card, reason, *, user):
    card.hidden_reason = reason
    _record("workshop_card_hidden", card, user, {"reason": reason})
    db.session.commit()


def show_again(card, *, user):
    _record("workshop_card_shown", card, user)
    card.hidden_reason = None
    db.session.commit()


def move_to_stage(card, stage, *, user=None):
    """Place a journey card on another stage; a move by staff (console, helper) is audited."""
    if not card.is_shown or card.activity.kind != ActivityKind.JOURNEY_MAP:
        raise CardRefused
    if user is not None:
        _record("workshop_card_moved", card, user, {"from": card.stage_id, "to": stage.id})
    card.stage_id = stage.id
    db.session.commit()


def merge(card, into, *, user):
    """`card` becomes part of `into`: its dots move with it; undo_merge puts them back."""
    if card.id == into.id or not into.is_shown or not card.is_shown:
        raise CardRefused
    card.merged_into_id = into.id
    db.session.execute(update(Vote).where(Vote.card_id == card.id).values(card_id=into.id))
    _record("workshop_cards_merged", card, user, {"into": into.id})
    db.session.commit()


def _absorbed_by(card):
    """The card and every card merged into it, however deep."""
    found, frontier = {card.id}, [card.id]
    while frontier:
        frontier = list(
            db.session.scalars(select(Card.id).where(Card.merged_into_id.in_(frontier)))
        )
        found.update(frontier)
    return found


def undo_merge(card, *, user):
    """The card stands alone again, with the dots that were put on it (or on its own merges)."""
    into = card.merged_into_id
    if into is None:
        raise CardRefused
    db.session.execute(
        update(Vote).where(Vote.cast_on_id.in_(_absorbed_by(card))).values(card_id=card.id)
    )
    card.merged_into_id = None
    _record("workshop_merge_undone", card, user, {"from": into})
    db.session.commit()
