"""Turning a resident's draft into one stored Response, exactly once per client key."""

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..i18n import _l
from . import flow
from .choices import WG_DOMAINS, derive_disability
from .drafts import (
    ABOUT_YOU,
    ACTIVITIES,
    COMMENT,
    CONSENT,
    NOTICE,
    RATINGS,
    consent_given,
    stage_key,
)
from .forms import NOT_APPLICABLE
from .models import Answer, Channel, Comment, Profile, Response, StageExperience
from .receipts import receipt_code_for, receipt_hash
from .summary import has_answers

# Bump when the wording of the consent step changes in substance.
CONSENT_VERSION = "2026-1"
ABOUT_YOU_FIELDS = (
    "age_band",
    "gender",
    "gender_self_description",
    "rurality",
    "preferred_language",
)
ACTIVITY_FIELDS = tuple(f"wg_{code}" for code, _question in WG_DOMAINS)
NOTHING_TO_SEND = _l("Answer at least one question before you send your feedback")
NOT_AN_OBJECT = _l("Send a JSON object.")
ANSWERS_EXPIRED = _l(
    "We could not find your answers: they are kept for 24 hours. Please start again."
)
ANSWERS_CHANGED = _l(
    "Your answers were changed in another window. Check them again, then send them."
)


class NotSent(Exception):
    """The draft cannot be sent; the message says why, in the resident's words."""


class SubmissionRefused(ValueError):
    """A response sent whole (by a partner's API call or a kiosk's offline queue) that cannot
    be stored; `fields` maps each JSON path to its message, so every problem is told at once."""

    def __init__(self, fields):
        super().__init__("; ".join(fields))
        self.fields = {path: str(message) for path, message in fields.items()}


def response_for_client_key(client_key):
    if not client_key:
        return None
    return db.session.scalar(select(Response).where(Response.client_key == client_key))


def response_sent_with(client_key, secret):
    """The response stored with `client_key`, withdrawn ones included.

    By its key, or by its receipt hash, a keyed hash of the key (receipts.receipt_code_for): a
    withdrawal clears the key in clear but keeps that hash, so a late retry is still recognised.
    (The key alone still finds a live response after SECRET_KEY changed.)
    """
    hashed = receipt_hash(receipt_code_for(client_key, secret))
    found = or_(Response.client_key == client_key, Response.receipt_hash == hashed)
    return db.session.scalars(select(Response).where(found)).first()


def send(service, draft, posted_key, *, locale, secret, kiosk=None):
    """Store the draft as one Response and return it; a repeated call returns the same one.

    The idempotency key is the draft's own, kept server-side: the posted key only has to match
    it (it tells which draft the "Check your answers" page showed) and is never looked up, so
    the only response a send can return is the one of the draft whose token the browser holds.
    Sent from `kiosk` (a Kiosk offering the service), the response records it as its channel.
    """
    if draft is None or draft.response_id is not None:
        raise NotSent(ANSWERS_EXPIRED)
    if posted_key != draft.client_key:
        raise NotSent(ANSWERS_CHANGED)
    if not has_answers(draft.answers):
        raise NotSent(NOTHING_TO_SEND)
    client_key = draft.client_key
    response = build_response(
        service,
        draft.answers,
        client_key,
        locale=locale,
        secret=secret,
        channel=Channel.KIOSK if kiosk else Channel.WEB,
        kiosk=kiosk,
    )
    draft.response = response
    # The response now holds the answers; the draft keeps none, so a withdrawal is complete.
    draft.answers = {}
    try:
        db.session.commit()
    except IntegrityError:
        # The same draft sent by another request (a double tap) that committed first.
        db.session.rollback()
        existing = response_for_client_key(client_key)
        if existing is None:
            raise
        return existing
    return response


def store_once(service, answers, client_key, *, locale, secret, channel, kiosk=None):
    """Store the answers as a response under `client_key` unless one already has that key.

    Returns (response, stored): a replay of a known key (withdrawn responses included) stores
    nothing. Two replays at the same moment meet the key's unique constraint; the one that
    loses rolls back and finds the winner's response. Flushed, not committed: the caller
    commits with its audit event.
    """
    existing = response_sent_with(client_key, secret)
    if existing is not None:
        return existing, False
    response = build_response(
        service, answers, client_key, locale=locale, secret=secret, channel=channel, kiosk=kiosk
    )
    try:
        db.session.add(response)
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        existing = response_sent_with(client_key, secret)
        if existing is None:
            raise
        return existing, False
    return response, True


def build_response(
    service, answers, client_key, *, locale, secret, channel=Channel.WEB, kiosk=None
):
    """A new Response (not yet added) holding exactly the given answers."""
    consented = consent_given(answers)
    response = Response(
        service=service,
        channel=channel,
        kiosk=kiosk,
        locale=locale,
        client_key=client_key,
        receipt_hash=receipt_hash(receipt_code_for(client_key, secret)),
        consent_version=CONSENT_VERSION if consented else None,
        privacy_notice_version=answers.get(NOTICE) if consented else None,
    )
    response.answers = _answers(service, answers.get(RATINGS, {}))
    response.stage_experiences = _stories(service, answers)
    if answers.get(COMMENT):
        response.comments = [Comment(text=answers[COMMENT], lang=locale)]
    about_you = {**answers.get(ABOUT_YOU, {}), **answers.get(ACTIVITIES, {})}
    if consented and about_you:
        response.profile = _profile(about_you)
    return response


def _rating_value(value):
    return None if value == NOT_APPLICABLE else int(value)


def _answers(service, ratings):
    return [
        Answer(question=q, value=_rating_value(ratings[q.code]))
        for q in flow.questions_of(service)
        if q.code in ratings
    ]


def _stories(service, answers):
    stories = []
    for stage in flow.stages_of(service):
        story = answers.get(stage_key(stage.code))
        if story:
            emotion = story.get("emotion")
            stories.append(
                StageExperience(
                    stage=stage,
                    went_through=story.get("went_through"),
                    emotion=None if emotion is None else int(emotion),
                    barriers=list(story.get("barriers") or []),
                    text=story.get("text"),
                )
            )
    return stories


def _profile(about_you):
    profile = Profile(**{name: about_you.get(name) for name in ABOUT_YOU_FIELDS + ACTIVITY_FIELDS})
    profile.disability = derive_disability([about_you.get(name) for name in ACTIVITY_FIELDS])
    return profile


def answers_from_response(response):
    """The inverse of build_response: the stored response in the shape of a draft's answers."""
    answers = {CONSENT: "yes" if response.consent_version else "no"}
    ratings = {
        answer.question.code: NOT_APPLICABLE if answer.value is None else str(answer.value)
        for answer in response.answers
    }
    if ratings:
        answers[RATINGS] = ratings
    for story in response.stage_experiences:
        answers[stage_key(story.stage.code)] = {
            "went_through": None if story.went_through is None else str(story.went_through),
            "emotion": None if story.emotion is None else str(story.emotion),
            "barriers": list(story.barriers or []),
            "text": story.text,
        }
    if response.comments:
        answers[COMMENT] = response.comments[0].text
    if response.profile:
        for key, names in ((ABOUT_YOU, ABOUT_YOU_FIELDS), (ACTIVITIES, ACTIVITY_FIELDS)):
            given = {name: getattr(response.profile, name) for name in names}
            answers[key] = {name: value for name, value in given.items() if value}
    return answers
