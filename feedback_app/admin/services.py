"""Creating and editing services and their partnerships; what stops a slug or a partner changing."""

from sqlalchemy import func, select

from ..catalogue.lookup import service_by_slug
from ..catalogue.models import Journey, Partnership, QuestionSet, Service
from ..extensions import db
from ..feedback.models import Response
from ..privacy.audit import record


class SlugTakenError(Exception):
    """Another service has this address."""


class SlugFrozenError(Exception):
    """Residents' links and QR codes already carry the address: it cannot change now."""


class LastPartnerError(Exception):
    """A service is always run by at least one organisation."""


def has_responses(service):
    query = select(Response.id).where(Response.service_id == service.id).limit(1)
    return db.session.scalar(query) is not None


def _settings(service, settings):
    """Copy the form's settings (slug, name, description, languages, retention_days) over."""
    slug = settings["slug"]
    if slug != service.slug:
        other = service_by_slug(slug)
        if other is not None and other is not service:
            raise SlugTakenError
        if service.id is not None and has_responses(service):
            raise SlugFrozenError
    service.slug = slug
    service.name = dict(settings["name"])
    service.description = dict(settings["description"])
    service.languages = list(settings["languages"])
    service.retention_days = settings["retention_days"]


def create_service(settings, *, organisation, role, by):
    """A new, unpublished service run by `organisation`, with an empty journey and question set."""
    service = Service(is_published=False)
    _settings(service, settings)
    service.partnerships.append(Partnership(organisation_id=organisation.id, role=role))
    db.session.add_all([service, Journey(service=service), QuestionSet(service=service)])
    db.session.flush()
    record(
        "service_created",
        target_type="service",
        target_id=service.id,
        user=by,
        service=service.id,
        details={"slug": service.slug, "organisation": organisation.id},
    )
    db.session.commit()
    return service


def update_service(service, settings, *, by):
    before = service.slug
    _settings(service, settings)
    record(
        "service_changed",
        target_type="service",
        target_id=service.id,
        user=by,
        service=service.id,
        details={"slug": service.slug, "slug_before": before},
    )
    db.session.commit()


def set_published(service, published, *, by):
    service.is_published = published
    action = "service_published" if published else "service_unpublished"
    record(action, target_type="service", target_id=service.id, user=by, service=service.id)
    db.session.commit()


def add_partner(service, organisation, role, *, by):
    """Add the organisation to the partnership, or change its part when it is in already."""
    partnership = db.session.scalar(
        select(Partnership).filter_by(service_id=service.id, organisation_id=organisation.id)
    )
    if partnership is None:
        partnership = Partnership(service_id=service.id, organisation_id=organisation.id)
        db.session.add(partnership)
    partnership.role = role
    record(
        "partner_added",
        target_type="service",
        target_id=service.id,
        user=by,
        service=service.id,
        details={"organisation": organisation.id, "role": str(role)},
    )
    db.session.commit()


def remove_partner(service, partnership, *, by):
    count = select(func.count()).where(Partnership.service_id == service.id)
    if db.session.scalar(count) <= 1:
        raise LastPartnerError
    record(
        "partner_removed",
        target_type="service",
        target_id=service.id,
        user=by,
        service=service.id,
        details={"organisation": partnership.organisation_id},
    )
    db.session.delete(partnership)
    db.session.commit()
