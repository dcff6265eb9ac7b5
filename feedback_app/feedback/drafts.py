"""Answers kept between the steps of the residents' flow, server-side, for a limited time.

The browser holds a random token; only its hash is stored. A draft belongs to one service and
expires a day after its last change. Once sent, its answers are emptied and it points to the
response, so a repeated "Send" finds the same confirmation.
"""

import hashlib
import secrets
import time
from datetime import timedelta

from sqlalchemy import delete, select

from ..database import utcnow
from ..extensions import db
from .models import Draft

DRAFT_LIFETIME = timedelta(hours=24)
PURGE_EVERY = 60  # seconds
_last_purge = float("-inf")
# Responses sent from a draft (on a resident's device or a kiosk) have keys of their own
# namespace; the API's are "api-<user id>-<partner's key>", so neither can name the other's.
WEB_KEY_PREFIX = "web-"
RATINGS = "ratings"
COMMENT = "comment"
CONSENT = "consent"
ABOUT_YOU = "about_you"
ACTIVITIES = "activities"
# The version of the privacy notice linked from the consent step when the resident agreed.
NOTICE = "privacy_notice"
# Answers about the resident, kept only while they consent to give them.
PERSONAL = (ABOUT_YOU, ACTIVITIES)


def stage_key(stage_code):
    return f"stage:{stage_code}"


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def start_draft(service):
    """A new, empty draft for `service`; returns (token for the browser, draft).

    Expired drafts are deleted on the way, at most once a minute per process: a delete and
    its commit for every new visitor would slow every first page under load.
    """
    global _last_purge
    if time.monotonic() - _last_purge > PURGE_EVERY:
        purge_expired_drafts()
        _last_purge = time.monotonic()
    token = secrets.token_urlsafe(32)
    draft = Draft(
        token_hash=_token_hash(token),
        service_id=service.id,
        client_key=WEB_KEY_PREFIX + secrets.token_urlsafe(24),
        answers={},
        expires_at=utcnow() + DRAFT_LIFETIME,
    )
    db.session.add(draft)
    db.session.flush()
    return token, draft


def find_draft(token, service):
    """The unexpired draft for `token` and `service`, sent or not; None if there is none."""
    if not token:
        return None
    return db.session.scalar(
        select(Draft).where(
            Draft.token_hash == _token_hash(token),
            Draft.service_id == service.id,
            Draft.expires_at > utcnow(),
        )
    )


def is_open(draft):
    """Whether answers can still be added: the draft exists and has not been sent."""
    return draft is not None and draft.response_id is None


def save_answers(draft, key, value):
    """Store one step's answers (None or empty removes them) and push back the expiry; the
    caller commits."""
    answers = {k: v for k, v in draft.answers.items() if k != key}
    if value:
        answers[key] = value
    _replace(draft, answers)


def record_consent(draft, given, notice_version):
    """Store the consent answer and the notice version shown; refusing it forgets every answer
    about the resident; the caller commits."""
    kept = {k: v for k, v in draft.answers.items() if k != NOTICE}
    answers = {k: v for k, v in kept.items() if given or k not in PERSONAL}
    answers[CONSENT] = "yes" if given else "no"
    if given:
        answers[NOTICE] = notice_version
    _replace(draft, answers)


def consent_given(answers):
    return answers.get(CONSENT) == "yes"


def consent_declined(answers):
    """Answered "no", as opposed to not answered yet."""
    return answers.get(CONSENT) == "no"


def _replace(draft, answers):
    # A new dict, so SQLAlchemy sees the JSON column change.
    draft.answers = answers
    draft.expires_at = utcnow() + DRAFT_LIFETIME


def discard_unsent(tokens):
    """Delete the unsent drafts of these tokens now, rather than when they expire."""
    hashes = [_token_hash(token) for token in tokens if token]
    if hashes:
        unsent = delete(Draft).where(Draft.token_hash.in_(hashes), Draft.response_id.is_(None))
        db.session.execute(unsent, execution_options={"synchronize_session": False})
        db.session.commit()


def purge_expired_drafts(now=None):
    """Delete every expired draft; returns how many were deleted."""
    expired = delete(Draft).where(Draft.expires_at <= (now or utcnow()))
    # Not synchronised in Python: SQLite returns naive datetimes that cannot be compared there.
    result = db.session.execute(expired, execution_options={"synchronize_session": False})
    db.session.commit()
    return result.rowcount
