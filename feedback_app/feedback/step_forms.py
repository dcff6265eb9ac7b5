"""The form of each question step, for flows the server does not render page by page.

A kiosk working offline draws its pages from these forms (kiosk/offline.py) and its answers
are checked by them again when they arrive, so a device and the server's own pages ask the
same questions and accept exactly the same answers.
"""

from werkzeug.datastructures import MultiDict

from . import drafts, flow
from .forms import AboutYouForm, ActivitiesForm, CommentForm, ConsentForm, RatingForm, StageForm

FORMS = {
    flow.COMMENT: CommentForm,
    flow.CONSENT: ConsentForm,
    flow.ABOUT_YOU: AboutYouForm,
    flow.ACTIVITIES: ActivitiesForm,
}
# Asked only after the resident consented (feedback.flow skips them otherwise).
PERSONAL_STEPS = (flow.ABOUT_YOU, flow.ACTIVITIES)


def question_steps(service):
    """Every step of the service's flow that asks something, in order (no "Check")."""
    return [step for step in flow.steps_for(service) if step != flow.CHECK]


def draft_key(step):
    """Where a draft keeps the step's answers (feedback.drafts)."""
    if step.stage_code:
        return drafts.stage_key(step.stage_code)
    return {
        flow.RATE: drafts.RATINGS,
        flow.COMMENT: drafts.COMMENT,
        flow.CONSENT: drafts.CONSENT,
        flow.ABOUT_YOU: drafts.ABOUT_YOU,
        flow.ACTIVITIES: drafts.ACTIVITIES,
    }[step]


def form_for(service, step, answers=None):
    """The step's form without a CSRF token, filled from {field name: text or [texts]}."""
    options = {"meta": {"csrf": False}}
    if answers is not None:
        options["formdata"] = MultiDict(
            [(name, v) for name, value in answers.items() for v in _as_list(value)]
        )
    if step == flow.RATE:
        return RatingForm.for_questions(flow.questions_of(service), **options)
    if step.stage_code:
        return StageForm(**options)
    return FORMS[step](**options)


def _as_list(value):
    return value if isinstance(value, list) else [value]


def draft_answers(forms):
    """The draft (feedback.drafts) that validated {step: form} add up to, as the pages save it."""
    answers = {}
    for step, form in forms.items():
        if step == flow.CONSENT:
            answers[drafts.CONSENT] = "yes" if form.consent.data == "yes" else "no"
        elif step not in PERSONAL_STEPS:
            answers[draft_key(step)] = form.to_answers()
    if drafts.consent_given(answers):
        for step in PERSONAL_STEPS:
            if step in forms:
                answers[draft_key(step)] = forms[step].to_answers()
    return {key: value for key, value in answers.items() if value}
