"""After the workshop: the journey map per stage, ideas ranked by dots, rating results and who
took part, by language and by the demographic answers they chose to give (small groups hidden by
the analysis package's disclosure control)."""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import case, func, select

import analysis

from ..extensions import db
from . import ratings, voices, voting
from .models import ActivityKind, Card, CardKind, Participant

SUPPRESS_BELOW = 10


@dataclass
class StageRow:
    stage: object
    steps: int
    pains: int
    ideas: int
    mean_emotion: float | None
    feelings: int


def _count(kind):
    return func.sum(case((Card.kind == kind, 1), else_=0))


def journey_map(activity):
    """One row per stage of the service's journey, from one GROUP BY over the shown cards."""
    query = (
        select(
            Card.stage_id,
            _count(CardKind.STEP),
            _count(CardKind.PAIN),
            _count(CardKind.IDEA),
            func.avg(Card.emotion),
            func.count(Card.emotion),
        )
        .where(
            Card.activity_id == activity.id,
            Card.hidden_reason.is_(None),
            Card.merged_into_id.is_(None),
        )
        .group_by(Card.stage_id)
    )
    found = {row[0]: row[1:] for row in db.session.execute(query)}
    journey = activity.workshop.service.journey
    rows = []
    for stage in journey.stages if journey else []:
        steps, pains, ideas, mean, feelings = found.get(stage.id, (0, 0, 0, None, 0))
        mean = None if mean is None else round(float(mean), 2)
        rows.append(StageRow(stage, steps or 0, pains or 0, ideas or 0, mean, feelings))
    return rows


def participation(workshop):
    """People who joined, by language and by how they took part, with small counts hidden."""
    query = (
        select(Participant.locale, Participant.assisted, func.count())
        .where(Participant.workshop_id == workshop.id)
        .group_by(Participant.locale, Participant.assisted)
    )
    frame = pd.DataFrame(
        db.session.execute(query).all(), columns=["language", "assisted", "people"]
    )
    if frame.empty:
        return frame
    frame["assisted"] = frame["assisted"].astype(bool)
    return _shown(frame, [["language"], ["assisted"]])


def _shown(frame, margins):
    """The frame with counts under the threshold hidden; status is "suppressed" or ""."""
    shown = analysis.suppress_small_cells(
        frame,
        count_column="people",
        threshold=SUPPRESS_BELOW,
        margins=margins,
        columns=["people"],
    )
    # "suppressed" or "" (never NA), so templates can test it.
    shown["status"] = shown["status"].astype(object).where(shown["status"].notna(), "")
    return shown


def segments(workshop):
    """[(dimension, frame of value/people/status)] from the participants' consented answers."""
    found = []
    for dimension in voices.SEGMENTS:
        counts = voices.segment_counts(workshop, dimension)
        if counts:
            frame = pd.DataFrame(counts, columns=["value", "people"])
            found.append((dimension, _shown(frame, [()])))
    return found


@dataclass
class Summary:
    workshop: object
    journeys: list
    votes: list
    rating_rounds: list
    participation: pd.DataFrame
    segments: list


def summarize(workshop):
    journeys, votes, rounds = [], [], []
    for activity in workshop.activities:
        if activity.kind == ActivityKind.JOURNEY_MAP:
            journeys.append((activity, journey_map(activity)))
        elif activity.kind == ActivityKind.DOT_VOTE:
            votes.append((activity, voting.ranked_cards(activity)))
        elif activity.kind == ActivityKind.RATING_ROUND:
            rounds.append((activity, ratings.results(activity)))
    return Summary(workshop, journeys, votes, rounds, participation(workshop), segments(workshop))
