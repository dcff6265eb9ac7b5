"""A service's journey stages: add, rename and describe, reorder, retire."""

import re
import unicodedata

from sqlalchemy import func, select

from ..catalogue.models import Journey, Stage
from ..database import utcnow
from ..extensions import db
from ..privacy.audit import record

CODE_MAX = 60


def journey_of(service):
    """The service's journey, made on first use (services made before this page had none)."""
    if service.journey is None:
        db.session.add(Journey(service=service))
        db.session.flush()
    return service.journey


def _code_for(journey, names):
    """A stable code for the analysis, from the first name written in Latin letters."""
    text = next(iter(names.values()), "")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[: CODE_MAX - 4] or "stage"
    taken = {stage.code for stage in journey.stages}
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


def _record(action, stage, by, details=None):
    service_id = stage.journey.service_id
    record(
        action,
        target_type="stage",
        target_id=stage.id,
        user=by,
        service=service_id,
        details=details,
    )


def add_stage(service, *, name, description, easy_read=None, by):
    journey = journey_of(service)
    last = db.session.scalar(select(func.max(Stage.position)).filter_by(journey_id=journey.id))
    stage = Stage(
        journey=journey,
        position=(last or 0) + 1,
        code=_code_for(journey, name),
        name=dict(name),
        description=dict(description),
        easy_read=dict(easy_read or {}) or None,
    )
    db.session.add(stage)
    db.session.flush()
    _record("stage_added", stage, by, details={"code": stage.code})
    db.session.commit()
    return stage


def change_stage(stage, *, name, description, easy_read=None, by):
    """New names, descriptions and easy-read texts; the code stays, so past answers keep their
    stage."""
    stage.name, stage.description = dict(name), dict(description)
    stage.easy_read = dict(easy_read or {}) or None
    _record("stage_changed", stage, by)
    db.session.commit()


def move_stage(stage, step, *, by):
    """Swap with the open stage just before (step -1) or after (+1); at an end nothing moves."""
    stages = stage.journey.open_stages
    index = stages.index(stage) + step
    if not 0 <= index < len(stages):
        return
    other = stages[index]
    stage.position, other.position = other.position, stage.position
    _record("stage_moved", stage, by, details={"step": step})
    db.session.commit()
    db.session.expire(stage.journey, ["stages"])


def retire_stage(stage, *, by):
    """Residents are no longer asked about it; its past answers stay in the analysis."""
    stage.retired_at = utcnow()
    _record("stage_retired", stage, by)
    db.session.commit()
