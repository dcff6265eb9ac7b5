"""The live board: what the room has said, per activity and stage, and a cheap version of it.

The version is a few aggregates the database answers from indexes; browsers poll it with an
ETag, so an unchanged board costs one small query and a 304, whatever the number of workers.
"""

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ..extensions import db
from . import cards, ratings, voting
from .models import Activity, ActivityKind, ActivityStatus, Card, Participant, Vote


@dataclass
class BoardSection:
    activity: object
    # [(stage or None, [cards])] for card activities
    groups: list = field(default_factory=list)
    ranked: list = field(default_factory=list)
    results: list = field(default_factory=list)


def _by_stage(activity):
    shown = cards.cards_of(activity)
    if activity.kind != ActivityKind.JOURNEY_MAP:
        return [(None, shown)]
    journey = activity.workshop.service.journey
    stages = journey.stages if journey else []
    return [(stage, [c for c in shown if c.stage_id == stage.id]) for stage in stages]


def sections(workshop):
    """Every activity that has been opened, in agenda order."""
    found = []
    for activity in workshop.activities:
        if activity.status == ActivityStatus.DRAFT:
            continue
        section = BoardSection(activity)
        if activity.kind == ActivityKind.DOT_VOTE:
            section.ranked = voting.ranked_cards(activity) if activity.votes_revealed else []
        elif activity.kind == ActivityKind.RATING_ROUND:
            section.results = ratings.results(activity)
        else:
            section.groups = _by_stage(activity)
        found.append(section)
    return found


def version(workshop):
    """A short fingerprint that changes whenever anything shown on the board changes."""
    in_workshop = select(Activity.id).where(Activity.workshop_id == workshop.id)
    parts = [
        db.session.execute(
            select(
                func.count(Card.id),
                func.max(Card.id),
                func.count(Card.hidden_reason),
                func.count(Card.merged_into_id),
            ).where(Card.activity_id.in_(in_workshop))
        ).one(),
        db.session.execute(
            select(func.count(Vote.id), func.max(Vote.id), func.sum(Vote.card_id)).where(
                Vote.activity_id.in_(in_workshop)
            )
        ).one(),
        db.session.scalar(
            select(func.count())
            .select_from(Participant)
            .where(Participant.workshop_id == workshop.id)
        ),
        db.session.execute(
            select(
                Activity.id,
                Activity.position,
                Activity.status,
                Activity.votes_revealed,
                Activity.timer_ends_at,
            )
            .where(Activity.workshop_id == workshop.id)
            .order_by(Activity.id)
        ).all(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
