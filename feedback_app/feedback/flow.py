"""The order of the question pages for one service, and where "Continue" and "Back" lead."""

from dataclasses import dataclass

from sqlalchemy.orm import joinedload

from ..catalogue.models import Journey, QuestionSet, QuestionSetItem, Service
from .drafts import consent_declined, consent_given

# Loader options for a service whose flow is shown: its questions and stages.
LOADED = (
    joinedload(Service.question_set)
    .selectinload(QuestionSet.items)
    .joinedload(QuestionSetItem.question),
    joinedload(Service.journey).selectinload(Journey.stages),
)


@dataclass(frozen=True)
class Step:
    """One page of the flow: a view of the feedback blueprint, for a stage when it is a story."""

    name: str
    stage_code: str | None = None

    @property
    def endpoint(self):
        return f"feedback.{self.name}"

    @property
    def url_args(self):
        return {"stage_code": self.stage_code} if self.stage_code else {}


START = Step("start")
RATE = Step("rate")
COMMENT = Step("comment")
CONSENT = Step("consent")
ABOUT_YOU = Step("about_you")
ACTIVITIES = Step("activities")
CHECK = Step("check")


def stages_of(service):
    """The stages residents are asked about: retired ones stay only in the analysis."""
    return service.journey.open_stages if service.journey else []


def find_stage(service, code):
    return next((stage for stage in stages_of(service) if stage.code == code), None)


def questions_of(service):
    return service.question_set.questions if service.question_set else []


def steps_for(service):
    """Every question page of the service's flow, in order, ending with "Check your answers"."""
    steps = [RATE] if questions_of(service) else []
    steps += [Step("stage", stage.code) for stage in stages_of(service)]
    return [*steps, COMMENT, CONSENT, ABOUT_YOU, ACTIVITIES, CHECK]


def position(service, step, answers):
    """(n, total) for the "Step n of total" line; a "no" to the questions about you shortens it.

    Before the consent step is answered, its pages still count: they may yet be visited.
    """
    declined = consent_declined(answers)
    steps = [s for s in steps_for(service) if not (declined and s in (ABOUT_YOU, ACTIVITIES))]
    return steps.index(step) + 1, len(steps)


def _visited(service, answers):
    """The steps a resident goes through: questions about them only after consenting."""
    personal = (ABOUT_YOU, ACTIVITIES)
    return [s for s in steps_for(service) if s not in personal or consent_given(answers)]


def next_step(service, step, answers):
    steps = steps_for(service)
    later = steps if step == START else steps[steps.index(step) + 1 :]
    visited = _visited(service, answers)
    return next(s for s in later if s in visited)


def previous_step(service, step, answers):
    steps = steps_for(service)
    earlier = reversed(steps[: steps.index(step)])
    visited = _visited(service, answers)
    return next((s for s in earlier if s in visited), START)
