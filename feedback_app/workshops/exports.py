"""A workshop's summary as an export bundle, written by the insights' CSV, XLSX and JSON writers."""

import pandas as pd

from ..i18n import _l, localized
from ..insights.exports import ExportBundle, ExportTable
from .summary import SUPPRESS_BELOW, summarize


def _journey_frame(journeys):
    return pd.DataFrame(
        [
            {
                "activity": activity.position,
                "stage": row.stage.code,
                "stage_name": localized(row.stage.name).text,
                "steps": row.steps,
                "pain_points": row.pains,
                "ideas": row.ideas,
                "mean_feeling": row.mean_emotion,
                "feelings_given": row.feelings,
            }
            for activity, rows in journeys
            for row in rows
        ]
    )


def _votes_frame(votes):
    return pd.DataFrame(
        [
            {
                "activity": activity.position,
                "rank": rank,
                "card_id": card.id,
                "text": card.text,
                "dots": dots,
            }
            for activity, ranked in votes
            for rank, (card, dots) in enumerate(ranked, start=1)
        ]
    )


def _ratings_frame(rounds):
    return pd.DataFrame(
        [
            {
                "activity": activity.position,
                "option": option,
                "criterion": criterion,
                "mean_rating": mean,
                "ratings": count,
            }
            for activity, results in rounds
            for option, cells in results
            for criterion, mean, count in cells
        ]
    )


def export_bundle(workshop, created):
    summary = summarize(workshop)
    tables = (
        ExportTable("journey", str(_l("Journey map by stage")), _journey_frame(summary.journeys)),
        ExportTable("ideas_by_dots", str(_l("Ideas ranked by dots")), _votes_frame(summary.votes)),
        ExportTable("ratings", str(_l("Rating rounds")), _ratings_frame(summary.rating_rounds)),
        ExportTable("participation", str(_l("Who took part")), summary.participation),
    )
    notes = (
        (str(_l("Workshop")), workshop.title),
        (str(_l("Date")), workshop.held_on.isoformat()),
        (str(_l("Join code")), workshop.join_code),
        (str(_l("Hidden below")), str(SUPPRESS_BELOW)),
    )
    return ExportBundle(
        name=f"workshop-{workshop.id}",
        title=workshop.title,
        tables=tables,
        notes=notes,
        notes_title=str(_l("Notes")),
        created=created,
    )
