"""Setting a service up from another: its journey stages and questions, copied once."""

from ..catalogue.models import QuestionSetItem, Stage
from ..extensions import db
from ..privacy.audit import record
from .questions import question_set_of
from .stages import journey_of


def copy_setup(source, target, *, by):
    """Append the source's open stages and asked questions that the target lacks.

    Stages are copied (each service names its own); questions are shared, so answers to a
    standard or written question compare across the two services.
    """
    journey = journey_of(target)
    codes = {stage.code for stage in journey.stages}
    position = max((stage.position for stage in journey.stages), default=0)
    for stage in source.journey.open_stages if source.journey else []:
        if stage.code not in codes:
            position += 1
            db.session.add(
                Stage(
                    journey=journey,
                    position=position,
                    code=stage.code,
                    name=dict(stage.name),
                    description=dict(stage.description),
                    easy_read=dict(stage.easy_read) if stage.easy_read else None,
                )
            )
    question_set = question_set_of(target)
    asked = {item.question_id for item in question_set.items}
    position = max((item.position for item in question_set.items), default=0)
    for item in source.question_set.open_items if source.question_set else []:
        if item.question_id not in asked:
            position += 1
            question_set.items.append(
                QuestionSetItem(question_id=item.question_id, position=position)
            )
    record(
        "service_copied",
        target_type="service",
        target_id=target.id,
        user=by,
        service=target.id,
        details={"from": source.slug},
    )
    db.session.commit()
