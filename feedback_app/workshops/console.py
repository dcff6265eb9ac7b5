"""What the facilitator's console shows for each activity of the agenda."""

from dataclasses import dataclass, field

from . import cards, ratings, voting
from .models import ActivityKind


@dataclass
class ActivityPanel:
    activity: object
    cards: list = field(default_factory=list)
    ranked: list = field(default_factory=list)
    results: list = field(default_factory=list)


def panels(workshop):
    """One panel per activity: every card (hidden and merged too), dot counts, ratings."""
    found = []
    for activity in workshop.activities:
        panel = ActivityPanel(activity)
        if activity.kind in (ActivityKind.JOURNEY_MAP, ActivityKind.IDEA_WALL):
            panel.cards = cards.cards_of(activity, shown_only=False)
        elif activity.kind == ActivityKind.DOT_VOTE:
            panel.ranked = voting.ranked_cards(activity)
        else:
            panel.results = ratings.results(activity)
        found.append(panel)
    return found
