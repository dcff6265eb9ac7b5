"""Send a workshop's pain points and top ideas to the designers' prioritized insights.

Each becomes an Insight (kind "workshop", status new) keyed by workshop and card, so sending
twice updates rather than duplicates, and its snapshot says where it came from: the workshop,
the card and the cards merged into it, the dots, the stage and how it was entered.
"""

from sqlalchemy import select

from ..extensions import db
from ..insights.models import Insight
from ..privacy.audit import record
from . import cards, voting
from .models import ActivityKind, Card, CardKind

TOP_IDEAS = 5


def _provenance(card, workshop, *, dots=None):
    merged = db.session.scalars(select(Card.id).where(Card.merged_into_id == card.id))
    return {
        # What the priorities page says of it: the participant's own words.
        "reason": card.text,
        "reason_key": "workshop",
        "reason_params": {},
        "source": "workshop",
        "workshop_id": workshop.id,
        "workshop_title": workshop.title,
        "held_on": workshop.held_on.isoformat(),
        "card_id": card.id,
        "merged_card_ids": list(merged),
        "card_kind": str(card.kind),
        "stage": card.stage.code if card.stage else None,
        "dots": dots,
        "provenance": str(card.provenance),
    }


def candidates(workshop):
    """(card, dots or None): every pain point still shown, and each vote's top ideas."""
    found = {}
    for activity in workshop.activities:
        if activity.kind == ActivityKind.JOURNEY_MAP:
            for card in cards.cards_of(activity):
                if card.kind == CardKind.PAIN:
                    found.setdefault(card.id, (card, None))
        elif activity.kind == ActivityKind.DOT_VOTE:
            for card, dots in voting.ranked_cards(activity)[:TOP_IDEAS]:
                if dots:
                    found[card.id] = (card, dots)
    return list(found.values())


def send(workshop, user):
    """Create or refresh one insight per candidate; returns how many were sent."""
    sent = candidates(workshop)
    for card, dots in sent:
        key = f"workshop:{workshop.id}:card:{card.id}"
        insight = db.session.scalar(
            select(Insight).where(
                Insight.service_id == workshop.service_id, Insight.insight_key == key
            )
        )
        if insight is None:
            insight = Insight(service_id=workshop.service_id, insight_key=key, kind="workshop")
            db.session.add(insight)
        insight.snapshot = _provenance(card, workshop, dots=dots)
        insight.updated_by_id = user.id
    record(
        "workshop_sent_to_insights",
        target_type="workshop",
        target_id=workshop.id,
        details={"cards": [card.id for card, _dots in sent]},
        user=user,
        service=workshop.service_id,
    )
    db.session.commit()
    return len(sent)
