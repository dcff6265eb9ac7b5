"""A response sent by a partner's channel: checked against the service, then stored once.

The partner's `client_key` makes a retried request safe: it is stored namespaced by the
token's owner ("api-<user id>-<key>", apart from the residents' "web-" keys), so two partners
can never collide, nor reach each other's responses.
"""

import re
from dataclasses import dataclass

from ..feedback.choices import (
    AGE_BANDS,
    BARRIERS,
    GENDERS,
    RURALITY,
    WENT_THROUGH,
    WG_ANSWERS,
    WG_DOMAINS,
)
from ..feedback.drafts import ABOUT_YOU, COMMENT, CONSENT, NOTICE, RATINGS, stage_key
from ..feedback.forms import NOT_APPLICABLE
from ..feedback.models import Channel
from ..feedback.receipts import receipt_code_for
from ..feedback.stories import stage_story
from ..feedback.submit import NOT_AN_OBJECT, SubmissionRefused, store_once
from ..i18n import LANGUAGES, _l
from ..inputs import without_hidden_formatting
from ..insights.filters import service_questions
from ..privacy.notice import privacy_notice_version

CLIENT_KEY = re.compile(r"^[A-Za-z0-9._:-]{8,40}$")
COMMENT_MAX = 2000
# The residents' "about you" step: the Washington Group answers, from which disability is derived.
PROFILE_CHOICES = {
    "age_band": {code for code, _ in AGE_BANDS},
    "gender": {code for code, _ in GENDERS},
    "rurality": {code for code, _ in RURALITY},
    "preferred_language": set(LANGUAGES),
    **{f"wg_{domain}": {code for code, _ in WG_ANSWERS} for domain, _ in WG_DOMAINS},
}
BARRIER_CODES = {code for code, _ in BARRIERS}
WENT_THROUGH_CODES = {code for code, _ in WENT_THROUGH}

BAD_CLIENT_KEY = _l("Send 8 to 40 letters, digits or . _ : - that identify this response for you.")
BAD_LOCALE = _l("Use one of the language codes fr, en, es, ar.")
UNKNOWN_QUESTION = _l("This service has no question with this code.")
BAD_RATING = _l("Send a whole number from %(low)d to %(high)d, or null for “does not apply”.")
NO_NOT_APPLICABLE = _l("Send a whole number from %(low)d to %(high)d.")
UNKNOWN_STAGE = _l("This service's journey has no stage with this code.")
BAD_WENT_THROUGH = _l("Use yes, not_yet or no.")
BAD_EMOTION = _l("Send a whole number from -2 to 2, or null.")
BAD_BARRIERS = _l("Send a list of barrier codes from the API documentation.")
BAD_COMMENT = _l("Send text of at most %(max)d characters.")
BAD_PROFILE_VALUE = _l("Use one of the codes listed in the API documentation.")
PROFILE_WITHOUT_CONSENT = _l("A profile is stored only with consent: send consent_version too.")
BAD_CONSENT = _l(
    "Send the version of the consent text the person agreed to, at most 20 characters."
)
NOT_A_LIST = _l("Send a JSON list.")
NOTHING_TO_SAY = _l("Send at least one answer, stage or comment.")
KEY_TAKEN = _l("This client_key was already used for another service.")


@dataclass(frozen=True)
class Submission:
    client_key: str
    locale: str
    # In the shape of a resident's draft (feedback.drafts), so feedback.submit stores it.
    answers: dict


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _is_code(value, codes):
    """A code from `codes`; anything else sent as JSON (a list, an object) is not."""
    return isinstance(value, str) and value in codes


def _ratings(body, service, errors):
    """{question code: "na" or the rating as text}, as the residents' rating step keeps them."""
    questions = {q.code: q for q in service_questions(service)}
    answers = body.get("answers", {})
    if not isinstance(answers, dict):
        errors["answers"] = NOT_AN_OBJECT
        return {}
    found = {}
    for code, value in answers.items():
        question = questions.get(code)
        if question is None:
            errors[f"answers.{code}"] = UNKNOWN_QUESTION
        elif value is None and question.allows_not_applicable:
            found[code] = NOT_APPLICABLE
        elif not _is_int(value) or value not in question.values:
            message = BAD_RATING if question.allows_not_applicable else NO_NOT_APPLICABLE
            low, high = question.scale_min, question.scale_max
            errors[f"answers.{code}"] = message % {"low": low, "high": high}
        else:
            found[code] = str(value)
    return found


def _story(index, item, stages, errors):
    """(stage code, story) of one journey item, or None when it is not valid."""
    path = f"journey.{index}"
    if not isinstance(item, dict):
        errors[path] = NOT_AN_OBJECT
        return None
    code = item.get("stage")
    went, emotion = item.get("went_through", "yes"), item.get("emotion")
    barriers = item.get("barriers", [])
    checks = (
        ("stage", _is_code(code, stages), UNKNOWN_STAGE),
        ("went_through", _is_code(went, WENT_THROUGH_CODES), BAD_WENT_THROUGH),
        ("emotion", emotion is None or (_is_int(emotion) and -2 <= emotion <= 2), BAD_EMOTION),
        (
            "barriers",
            isinstance(barriers, list) and all(_is_code(b, BARRIER_CODES) for b in barriers),
            BAD_BARRIERS,
        ),
    )
    for name, valid, message in checks:
        if not valid:
            errors[f"{path}.{name}"] = message
    if any(not valid for _, valid, _ in checks):
        return None
    emotion = None if emotion is None else str(emotion)
    return code, stage_story(went, emotion, sorted(set(barriers)))


def _stories(body, service, errors):
    items = body.get("journey", [])
    if not isinstance(items, list):
        errors["journey"] = NOT_A_LIST
        return {}
    stages = {stage.code for stage in (service.journey.open_stages if service.journey else [])}
    found = [_story(index, item, stages, errors) for index, item in enumerate(items)]
    return {stage_key(code): story for code, story in filter(None, found) if story}


def _profile(body, consented, errors):
    profile = body.get("profile")
    if profile is None:
        return None
    if not isinstance(profile, dict):
        errors["profile"] = NOT_AN_OBJECT
        return None
    if not consented:
        errors["profile"] = PROFILE_WITHOUT_CONSENT
    for name, value in profile.items():
        if value is not None and not _is_code(value, PROFILE_CHOICES.get(name, ())):
            errors[f"profile.{name}"] = BAD_PROFILE_VALUE
    return {name: value for name, value in profile.items() if value is not None}


def _comment(body, errors):
    comment = body.get("comment")
    if comment is not None and (not isinstance(comment, str) or len(comment) > COMMENT_MAX):
        errors["comment"] = BAD_COMMENT % {"max": COMMENT_MAX}
    return without_hidden_formatting(comment).strip() if isinstance(comment, str) else ""


def parse_submission(body, service):
    """A Submission from a decoded JSON body, or SubmissionRefused listing every problem."""
    if not isinstance(body, dict):
        raise SubmissionRefused({"body": NOT_AN_OBJECT})
    errors = {}
    client_key, locale = body.get("client_key"), body.get("locale")
    if not isinstance(client_key, str) or not CLIENT_KEY.match(client_key):
        errors["client_key"] = BAD_CLIENT_KEY
    if not _is_code(locale, LANGUAGES):
        errors["locale"] = BAD_LOCALE
    consented = body.get("consent", False)
    if not isinstance(consented, bool):
        errors["consent"] = BAD_CONSENT
    answers = {
        RATINGS: _ratings(body, service, errors),
        **_stories(body, service, errors),
        COMMENT: _comment(body, errors),
        CONSENT: "yes" if consented is True else "no",
        # The partner's channel points residents to the notice at /<lang>/privacy.
        NOTICE: privacy_notice_version() if consented is True else None,
        ABOUT_YOU: _profile(body, consented is True, errors),
    }
    answers = {key: value for key, value in answers.items() if value}
    if not errors and set(answers) <= {CONSENT, NOTICE, ABOUT_YOU}:
        errors["body"] = NOTHING_TO_SAY
    if errors:
        raise SubmissionRefused(errors)
    return Submission(client_key, locale, answers)


def stored_key(user, client_key):
    return f"api-{user.id}-{client_key}"


def store_submission(service, submission, user, *, secret):
    """Store the response once with the residents' own code; the receipt code, or None.

    Only the call that stores the response gets its receipt code: a retry with the same key
    stores nothing and gets None, so a key (guessed, or leaked) never discloses a receipt. A
    retry after the resident withdrew the response is recognised too (response_sent_with), so
    the partner is not led to send the withdrawn answers again under a new key.
    Raises SubmissionRefused when this partner already used the key for another service.
    """
    key = stored_key(user, submission.client_key)
    response, stored = store_once(
        service,
        submission.answers,
        key,
        locale=submission.locale,
        secret=secret,
        channel=Channel.API,
    )
    if response.service_id != service.id:
        raise SubmissionRefused({"client_key": KEY_TAKEN})
    return receipt_code_for(key, secret) if stored else None
