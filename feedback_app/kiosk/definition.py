"""The flow a kiosk can run with no connection, as JSON built from the residents' own forms.

Every question, answer option, hint, limit and error message comes from the forms of
feedback.step_forms and the catalogue, translated by Babel in each of the four languages, so
the offline pages ask exactly what the server's pages ask. Fixed texts of those pages are
named here with the same msgids as their templates, so they share their translations.
"""

import hashlib
import json

from flask_babel import force_locale
from wtforms.validators import Length

from ..feedback import flow
from ..feedback.forms import CONSENT_MISSING, SELF_DESCRIPTION_WITHOUT_CHOICE
from ..feedback.step_forms import PERSONAL_STEPS, draft_key, form_for, question_steps
from ..feedback.submit import NOTHING_TO_SEND
from ..i18n import LANGUAGES, _l, localized

NO_PERSONAL_DETAILS = _l("Please do not write your name, address or other personal details.")
ONLY_IF_THROUGH = _l("Only if you have been through this stage.")
EVERY_QUESTION_OPTIONAL = _l(
    "Every question is optional. Choose “Prefer not to say” or leave out any question."
)
FIELD_HINTS = {
    "emotion": ONLY_IF_THROUGH,
    "barriers": _l("Only if you have been through this stage. Select all that apply."),
    "text": NO_PERSONAL_DETAILS,
    "comment": NO_PERSONAL_DETAILS,
}
STEP_TEXTS = {
    flow.RATE: (
        _l("How did the service do?"),
        [
            _l(
                "Choose one answer for each statement. If one does not fit, choose "
                "“Does not apply” or leave it out."
            )
        ],
    ),
    flow.CONSENT: (
        _l("Questions about you"),
        [
            _l(
                "We would like to ask your age group, your gender, whether you have difficulty "
                "with some everyday activities, where you live and which language you prefer."
            ),
            _l(
                "Why: so the people who run this service can check that it works as well for "
                "everyone, for example for disabled people or for people who live in the "
                "countryside."
            ),
            _l(
                "Your answers are not linked to your name: we never ask for it. Results are "
                "shared only as totals for groups of people. Every question is optional, and "
                "you can withdraw everything later with your receipt code."
            ),
            _l("If you say no, we do not keep anything you answered about you."),
        ],
    ),
    flow.ABOUT_YOU: (_l("About you"), [EVERY_QUESTION_OPTIONAL]),
    flow.ACTIVITIES: (
        _l("Everyday activities"),
        [
            _l(
                "The next questions ask about difficulties you may have doing certain "
                "activities because of a health problem."
            ),
            EVERY_QUESTION_OPTIONAL,
        ],
    ),
}
STAGE_INTRO = _l(
    "This is one stage of getting the service. Answer what you can: every question on this "
    "page is optional."
)
# The page's own texts; the step counter keeps its placeholders for the script to fill.
INTERFACE = {
    "welcome": _l("Tell us what you think"),
    "welcome_lead": _l(
        "Your opinion helps improve public services. It takes about 3 minutes, and we never "
        "ask your name."
    ),
    "choose_language": _l("Choose your language"),
    "choose_service": _l("Which service do you want to talk about?"),
    "start_now": _l("Start now"),
    "continue": _l("Continue"),
    "back": _l("Back"),
    "start_again": _l("Start again"),
    "error_summary": _l("There is a problem"),
    "error_prefix": _l("Error:"),
    "check_title": _l("Check your answers before sending them"),
    "not_answered": _l("Not answered"),
    "send": _l("Send feedback"),
    "send_lead": _l(
        "By sending, you let the organisations that run this service use your answers to "
        "improve it."
    ),
    "saved_title": _l("Thank you"),
    "saved_body": _l(
        "Your feedback is kept safely on this kiosk and will be sent as soon as it has a "
        "connection. Nobody else can see it here."
    ),
    "saved_no_receipt": _l(
        "This kiosk has no connection, so it cannot give you a receipt code this time."
    ),
    "finish": _l("Finish"),
    "who_sees": _l("Who sees your answers"),
    # The page's frame (header, idle warning), also in the resident's language.
    "skip_link": _l("Skip to main content"),
    "choose_a_language": _l("Choose a language"),
    "read_aloud": _l("Read aloud"),
    "stop_reading": _l("Stop reading"),
    "still_there": _l("Are you still there?"),
    "idle_body": _l(
        "For your privacy, this screen will clear your answers and start again for the next person."
    ),
    "seconds_left": _l("Seconds left:"),
    "still_here": _l("I am still here"),
    "start_again_now": _l("Start again now"),
    "only_staff": _l("Only staff of the organisations that run this service:"),
    "nothing_to_send": NOTHING_TO_SEND,
    "consent_missing": CONSENT_MISSING,
    "self_description_without_choice": SELF_DESCRIPTION_WITHOUT_CHOICE,
}
STEP_COUNTER = _l("Step %(number)d of %(total)d")


def kiosk_definition(kiosk):
    """{version, home_locale, locales: {code: {texts, services}}} for the kiosk's services."""
    services = [s for s in kiosk.services if s.is_published]
    locales = {}
    for code in LANGUAGES:
        with force_locale(code):
            locales[code] = {
                "texts": {key: str(text) for key, text in INTERFACE.items()}
                | {"step_counter": str(STEP_COUNTER) % {"number": 1111, "total": 2222}},
                "services": [_service(s) for s in services if code in (s.languages or LANGUAGES)],
            }
    body = {"home_locale": kiosk.default_locale, "locales": locales}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
    return {"version": hashlib.sha256(canonical).hexdigest()[:16], **body}


def _text(value):
    """{"text", "lang"}: `lang` says when a catalogue text falls back to another language."""
    if hasattr(value, "lang"):
        return {"text": value.text, "lang": value.lang}
    return {"text": str(value), "lang": None}


def _service(service):
    return {
        "slug": service.slug,
        "name": _text(localized(service.name)),
        "organisations": [p.organisation.name for p in service.partnerships],
        "steps": [_step(service, step) for step in question_steps(service)],
    }


def _step(service, step):
    form = form_for(service, step)
    if step.stage_code:
        stage = flow.find_stage(service, step.stage_code)
        description = localized(stage.description)
        title = _text(localized(stage.name))
        intro = [_text(description)] if description.text else []
        intro.append(_text(STAGE_INTRO))
    elif step == flow.COMMENT:
        title, intro = _text(form.comment.label.text), []
    else:
        heading, paragraphs = STEP_TEXTS[step]
        title, intro = _text(heading), [_text(p) for p in paragraphs]
    hints = {}
    if step == flow.RATE:
        hints = {field.name: localized(q.hint) for q, field in form.rating_fields()}
    return {
        "key": draft_key(step),
        "personal": step in PERSONAL_STEPS,
        "consent": step == flow.CONSENT,
        "title": title,
        "intro": intro,
        "fields": [_field(f, hints.get(f.name)) for f in form if f.name != "csrf_token"],
    }


def _field(field, hint=None):
    hint = hint if hint is not None and hint.text else FIELD_HINTS.get(field.name)
    described = {
        "name": field.name,
        "label": _text(field.label.text),
        "hint": _text(hint) if hint else None,
        "type": _kind(field),
    }
    if described["type"] in ("radio", "checkbox"):
        described["options"] = [{"value": str(c.value), **_text(c.label)} for c in field.choices]
    limit = next((v for v in field.validators if isinstance(v, Length)), None)
    if limit is not None:
        described["limit"] = limit.max
        described["too_long"] = str(limit.message) % {"max": limit.max}
        described["limit_hint"] = field.limit_hint() if hasattr(field, "limit_hint") else None
    return described


def _kind(field):
    return {
        "RadioField": "radio",
        "MultiCheckboxField": "checkbox",
        "CountedTextAreaField": "textarea",
    }.get(field.type, "text")
