"""Creating a workshop and building its agenda: add activities, reorder them, open and close."""

from datetime import UTC, timedelta

from sqlalchemy import func, select

from ..database import utcnow
from ..extensions import db
from ..privacy.audit import record
from . import codes
from .models import Activity, ActivityKind, ActivityStatus, Workshop


def _unused_code():
    """A join code no workshop has; with 31^6 codes a clash is rare, so a few tries do."""
    while True:
        code = codes.new_code()
        if not db.session.scalar(select(Workshop.id).where(Workshop.join_code == code)):
            return code


def create_workshop(service, *, user, **details):
    """A new workshop with an empty agenda; `details` are the Workshop's own columns."""
    workshop = Workshop(service=service, join_code=_unused_code(), created_by_id=user.id, **details)
    db.session.add(workshop)
    db.session.flush()
    record(
        "workshop_created",
        target_type="workshop",
        target_id=workshop.id,
        user=user,
        service=service.id,
    )
    db.session.commit()
    return workshop


def workshops_of(service):
    query = (
        select(Workshop)
        .where(Workshop.service_id == service.id)
        .order_by(Workshop.held_on.desc(), Workshop.id.desc())
    )
    return list(db.session.scalars(query))


def workshop_by_code(code):
    return db.session.scalar(select(Workshop).where(Workshop.join_code == code))


def add_activity(workshop, kind, **settings):
    """Append an activity from one of the four templates to the end of the agenda."""
    last = db.session.scalar(
        select(func.max(Activity.position)).where(Activity.workshop_id == workshop.id)
    )
    activity = Activity(workshop=workshop, kind=ActivityKind(kind), position=(last or 0) + 1)
    for name, value in settings.items():
        setattr(activity, name, value)
    db.session.add(activity)
    db.session.commit()
    return activity


def vote_sources(workshop):
    """Activities whose cards can be voted on: the journey maps and idea walls."""
    kinds = (ActivityKind.JOURNEY_MAP, ActivityKind.IDEA_WALL)
    return [a for a in workshop.activities if a.kind in kinds]


def move(activity, step):
    """Swap the activity with its neighbour (step −1 up, +1 down); nothing at either end."""
    agenda = activity.workshop.activities
    index = agenda.index(activity)
    other = index + step
    if 0 <= other < len(agenda):
        neighbour = agenda[other]
        activity.position, neighbour.position = neighbour.position, activity.position
        db.session.commit()


def set_status(activity, status, *, user):
    activity.status = ActivityStatus(status)
    record(
        "workshop_activity_status",
        target_type="activity",
        target_id=activity.id,
        details={"status": activity.status.value},
        user=user,
        service=activity.workshop.service_id,
    )
    db.session.commit()


def reveal_votes(activity, revealed):
    activity.votes_revealed = revealed
    db.session.commit()


def set_timer(activity, minutes):
    """Start or extend the advisory timer by `minutes` from now or its current end; 0 stops it."""
    if not minutes:
        activity.timer_ends_at = None
    else:
        start = max(filter(None, [utcnow(), _aware(activity.timer_ends_at)]))
        activity.timer_ends_at = start + timedelta(minutes=minutes)
    db.session.commit()


def _aware(moment):
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment


def timer_end(activity):
    """When the advisory timer ends (aware, UTC), or None when there is none or it has run."""
    end = _aware(activity.timer_ends_at)
    return end if end and end > utcnow() else None


def open_activities(workshop):
    return [a for a in workshop.activities if a.is_open]
