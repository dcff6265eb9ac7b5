"""Setting kiosks up, replacing their setup links, retiring them."""

import hashlib
import secrets
from datetime import UTC, timedelta

from sqlalchemy import select

from ..database import utcnow
from ..extensions import db
from ..privacy.audit import record
from .models import Kiosk, kiosk_service

# How often a kiosk's "last seen" time is written: enough to tell staff it is alive.
SEEN_EVERY = timedelta(minutes=1)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _issue_token(kiosk):
    """A new secret for the kiosk's setup link; any earlier link stops working."""
    token = secrets.token_urlsafe(24)
    kiosk.token_hash = token_hash(token)
    return token


def register_kiosk(*, location, default_locale, services, user, service):
    """A new kiosk offering `services`, set up from the page of `service`; returns (kiosk, setup
    token shown once)."""
    kiosk = Kiosk(
        location=location,
        default_locale=default_locale,
        services=list(services),
        created_by_id=user.id,
    )
    token = _issue_token(kiosk)
    db.session.add(kiosk)
    db.session.flush()
    record(
        "kiosk_registered",
        target_type="kiosk",
        target_id=kiosk.id,
        details={"services": [s.slug for s in kiosk.services]},
        user=user,
        service=service.id,
    )
    db.session.commit()
    return kiosk, token


def _record(action, kiosk, user, service):
    record(action, target_type="kiosk", target_id=kiosk.id, user=user, service=service.id)


def replace_setup_link(kiosk, user, service):
    """A new setup token (a device was replaced or the link leaked); the old device stops."""
    token = _issue_token(kiosk)
    _record("kiosk_link_replaced", kiosk, user, service)
    db.session.commit()
    return token


def set_up_device(kiosk):
    """The setup link is spent: the device gets a fresh secret, so the link cannot be reused."""
    token = _issue_token(kiosk)
    record("kiosk_set_up", target_type="kiosk", target_id=kiosk.id)
    db.session.commit()
    return token


def retire(kiosk, user, service):
    """The kiosk stops being one; its responses keep their location for the analyses."""
    kiosk.retired_at = utcnow()
    kiosk.token_hash = None
    _record("kiosk_retired", kiosk, user, service)
    db.session.commit()


def active_kiosk(token):
    """The kiosk whose setup token this is, unless it was retired or the token replaced."""
    if not token:
        return None
    return db.session.scalar(
        select(Kiosk).where(Kiosk.token_hash == token_hash(token), Kiosk.retired_at.is_(None))
    )


def kiosks_of(service):
    """Every kiosk that offers (or offered, before retiring) the service, by location."""
    query = (
        select(Kiosk)
        .join(kiosk_service, kiosk_service.c.kiosk_id == Kiosk.id)
        .where(kiosk_service.c.service_id == service.id)
        .order_by(Kiosk.location, Kiosk.id)
    )
    return list(db.session.scalars(query))


def location_taken(location, services):
    """Whether a kiosk still in service offering one of `services` stands at `location`, case
    aside (both went through the form's single_line): insights and exports tell kiosks apart
    by their place."""
    ids = [service.id for service in services]
    query = (
        select(Kiosk.location)
        .join(kiosk_service, kiosk_service.c.kiosk_id == Kiosk.id)
        .where(kiosk_service.c.service_id.in_(ids), Kiosk.retired_at.is_(None))
    )
    wanted = location.casefold()
    return any(found.casefold() == wanted for found in db.session.scalars(query))


def offers(kiosk, service):
    return kiosk is not None and any(s.id == service.id for s in kiosk.services)


def mark_seen(kiosk, now=None):
    """Note that the kiosk is in use, at most once a minute; True when it was written."""
    now = now or utcnow()
    seen = kiosk.last_seen_at
    if seen is not None and seen.tzinfo is None:
        # SQLite hands back naive datetimes; they were stored in UTC.
        seen = seen.replace(tzinfo=UTC)
    if seen is not None and now - seen < SEEN_EVERY:
        return False
    kiosk.last_seen_at = now
    db.session.commit()
    return True


def note_queue(kiosk, queued, now=None):
    """The device says how many responses it holds unsent: kept for the staff's kiosks page.

    Written when the number changes or once a minute at most, so a device reporting on every
    contact costs little.
    """
    now = now or utcnow()
    reported = kiosk.queue_reported_at
    if reported is not None and reported.tzinfo is None:
        reported = reported.replace(tzinfo=UTC)
    fresh = reported is not None and now - reported < SEEN_EVERY
    if fresh and kiosk.queued_responses == queued:
        return
    kiosk.queued_responses = queued
    kiosk.queue_reported_at = now
    kiosk.last_seen_at = now
    db.session.commit()
