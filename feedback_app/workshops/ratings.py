"""Rating rounds: each participant rates every option on every criterion, −2..+2."""

from sqlalchemy import delete, func, select

from ..extensions import db
from ..privacy.audit import record
from .models import Provenance, Rating


def my_ratings(activity, participant):
    """{field name: value as text}, to show the participant what they already chose."""
    query = select(Rating).where(
        Rating.activity_id == activity.id, Rating.participant_id == participant.id
    )
    return {f"r_{r.option}_{r.criterion}": str(r.value) for r in db.session.scalars(query)}


def rate(activity, participant, values, *, entered_by=None):
    """Replace the participant's ratings with `values` {(option, criterion): value}."""
    db.session.execute(
        delete(Rating).where(
            Rating.activity_id == activity.id, Rating.participant_id == participant.id
        )
    )
    provenance = Provenance.ASSISTED if entered_by else Provenance.WEB
    for (option, criterion), value in values.items():
        db.session.add(
            Rating(
                activity_id=activity.id,
                participant_id=participant.id,
                option=option,
                criterion=criterion,
                value=value,
                provenance=provenance,
                entered_by_id=entered_by.id if entered_by else None,
            )
        )
    if entered_by:
        record(
            "workshop_rating_assisted",
            target_type="participant",
            target_id=participant.id,
            user=entered_by,
            service=activity.workshop.service_id,
        )
    db.session.commit()


def results(activity):
    """[(option, [(criterion, mean, count)])] from one GROUP BY."""
    query = (
        select(Rating.option, Rating.criterion, func.avg(Rating.value), func.count())
        .where(Rating.activity_id == activity.id)
        .group_by(Rating.option, Rating.criterion)
    )
    cells = {(o, c): (float(mean), n) for o, c, mean, n in db.session.execute(query)}
    return [
        (
            option,
            [
                (criterion, *cells.get((o, c), (None, 0)))
                for c, criterion in enumerate(activity.criteria)
            ],
        )
        for o, option in enumerate(activity.options)
    ]
