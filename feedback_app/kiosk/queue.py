"""Responses a kiosk took while offline, arriving later: checked like the server's pages check
them, then stored exactly once per key the device made up.

The device's key is namespaced by the kiosk ("kiosk-<id>-<key>"), apart from the residents'
"web-" and the partners' "api-" keys, so no device can name another's response.
"""

import re
from dataclasses import dataclass

from ..feedback.models import Channel
from ..feedback.step_forms import draft_answers, draft_key, form_for, question_steps
from ..feedback.submit import NOT_AN_OBJECT, NOTHING_TO_SEND, SubmissionRefused, store_once
from ..feedback.summary import has_answers
from ..i18n import LANGUAGES, _l

CLIENT_KEY = re.compile(r"^[A-Za-z0-9-]{16,40}$")
BAD_CLIENT_KEY = _l("Send the 16 to 40 letters, digits or hyphens the device made up.")
NOT_OFFERED = _l("This kiosk does not offer this service.")
BAD_LOCALE = _l("This service is not offered in this language.")
UNKNOWN_STEP = _l("This service's flow has no such step.")
BAD_ANSWER = _l("Send each answer as text, or a list of texts.")


@dataclass(frozen=True)
class QueuedResponse:
    service: object
    client_key: str
    locale: str
    # In the shape of a resident's draft (feedback.drafts), so feedback.submit stores it.
    answers: dict


def parse_queued(body, kiosk):
    """A QueuedResponse from a decoded JSON body, or SubmissionRefused listing what is wrong."""
    if not isinstance(body, dict):
        raise SubmissionRefused({"body": NOT_AN_OBJECT})
    errors = {}
    client_key, locale = body.get("client_key"), body.get("locale")
    if not isinstance(client_key, str) or not CLIENT_KEY.match(client_key):
        errors["client_key"] = BAD_CLIENT_KEY
    service = next((s for s in kiosk.services if s.slug == body.get("service")), None)
    if service is None or not service.is_published:
        raise SubmissionRefused({**errors, "service": NOT_OFFERED})
    if not isinstance(locale, str) or locale not in (service.languages or LANGUAGES):
        errors["locale"] = BAD_LOCALE
    given = body.get("answers")
    if not isinstance(given, dict):
        raise SubmissionRefused({**errors, "answers": NOT_AN_OBJECT})
    answers = _checked_answers(service, given, errors)
    if errors:
        raise SubmissionRefused(errors)
    return QueuedResponse(service, client_key, locale, answers)


def _checked_answers(service, given, errors):
    """The draft the steps' own forms make of the answers; their messages go into `errors`."""
    steps = {draft_key(step): step for step in question_steps(service)}
    for key in given.keys() - steps.keys():
        errors[f"answers.{key}"] = UNKNOWN_STEP
    forms = {}
    for key, step in steps.items():
        if key not in given:
            continue
        fields = given[key]
        if not isinstance(fields, dict) or not all(map(_is_answer, fields.values())):
            errors[f"answers.{key}"] = BAD_ANSWER
            continue
        form = form_for(service, step, fields)
        if not form.validate():
            for name, messages in form.errors.items():
                errors[f"answers.{key}.{name}"] = messages[0]
        forms[step] = form
    answers = draft_answers(forms)
    if not errors and not has_answers(answers):
        errors["answers"] = NOTHING_TO_SEND
    return answers


def _is_answer(value):
    texts = value if isinstance(value, list) else [value]
    return all(isinstance(text, str) for text in texts)


def store_queued(queued, kiosk, *, secret):
    """Store it once; (response, stored), stored False for a key already received."""
    return store_once(
        queued.service,
        queued.answers,
        f"kiosk-{kiosk.id}-{queued.client_key}",
        locale=queued.locale,
        secret=secret,
        channel=Channel.KIOSK,
        kiosk=kiosk,
    )
