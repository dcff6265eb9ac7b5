"""Dot voting: each participant holds N dots, numbered 1..N.

A dot is put on in one transaction that first locks the participant's row, so two requests
from the same person queue up; the unique (activity, participant, dot) constraint is the
backstop that makes more than N dots impossible even so.
"""

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..privacy.audit import record
from .models import Card, Participant, Provenance, Vote


class VoteRefused(ValueError):
    """Why a dot was not put on or taken back; the view words it for the participant."""

    NO_DOTS_LEFT = "no_dots_left"
    ONE_PER_CARD = "one_per_card"
    NONE_ON_CARD = "none_on_card"

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _lock(participant):
    """Hold the participant's row until commit (FOR UPDATE; SQLite locks the whole file)."""
    db.session.execute(
        select(Participant.id).where(Participant.id == participant.id).with_for_update()
    )


def my_dots(activity, participant):
    """{card id: dots this participant put on it}."""
    query = (
        select(Vote.card_id, func.count())
        .where(Vote.activity_id == activity.id, Vote.participant_id == participant.id)
        .group_by(Vote.card_id)
    )
    return dict(db.session.execute(query).all())


def dots_used(activity, participant):
    return sum(my_dots(activity, participant).values())


def cast(activity, participant, card, *, entered_by=None):
    """Put one of the participant's dots on `card`; VoteRefused when none is left."""
    _lock(participant)
    mine = my_dots(activity, participant)
    if mine.get(card.id) and not activity.multiple_dots_per_card:
        db.session.rollback()
        raise VoteRefused(VoteRefused.ONE_PER_CARD)
    taken = set(
        db.session.scalars(
            select(Vote.dot).where(
                Vote.activity_id == activity.id, Vote.participant_id == participant.id
            )
        )
    )
    free = [dot for dot in range(1, activity.dots_per_participant + 1) if dot not in taken]
    if not free:
        db.session.rollback()
        raise VoteRefused(VoteRefused.NO_DOTS_LEFT)
    vote = Vote(
        activity_id=activity.id,
        participant_id=participant.id,
        dot=free[0],
        card_id=card.id,
        cast_on_id=card.id,
        provenance=Provenance.ASSISTED if entered_by else Provenance.WEB,
        entered_by_id=entered_by.id if entered_by else None,
    )
    db.session.add(vote)
    try:
        db.session.flush()
    except IntegrityError:
        # Another request of the same participant took that dot first.
        db.session.rollback()
        raise VoteRefused(VoteRefused.NO_DOTS_LEFT) from None
    if entered_by:
        record(
            "workshop_vote_assisted",
            target_type="card",
            target_id=card.id,
            user=entered_by,
            service=activity.workshop.service_id,
        )
    db.session.commit()
    return vote


def take_back(activity, participant, card):
    """Take one of the participant's dots off `card` (the highest-numbered, so it frees last)."""
    _lock(participant)
    vote = db.session.scalar(
        select(Vote)
        .where(
            Vote.activity_id == activity.id,
            Vote.participant_id == participant.id,
            Vote.card_id == card.id,
        )
        .order_by(Vote.dot.desc())
        .limit(1)
    )
    if vote is None:
        db.session.rollback()
        raise VoteRefused(VoteRefused.NONE_ON_CARD)
    db.session.delete(vote)
    db.session.commit()


def counts(activity):
    """{card id: dots} for the whole room, in one GROUP BY."""
    query = (
        select(Vote.card_id, func.count())
        .where(Vote.activity_id == activity.id)
        .group_by(Vote.card_id)
    )
    return dict(db.session.execute(query).all())


def ranked_cards(activity):
    """The shown cards of the voted-on activity, most dots first."""
    tally = counts(activity)
    source = activity.source_activity_id
    query = select(Card).where(
        Card.activity_id == source, Card.hidden_reason.is_(None), Card.merged_into_id.is_(None)
    )
    cards = list(db.session.scalars(query.order_by(Card.id)))
    return sorted(((card, tally.get(card.id, 0)) for card in cards), key=lambda pair: -pair[1])
