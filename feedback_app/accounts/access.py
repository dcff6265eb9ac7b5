"""Who may see and do what: roles are held in an organisation and reach its services."""

from sqlalchemy import select

from ..catalogue.models import Partnership, Service
from ..extensions import db
from .models import Membership, Role


def roles_for_service(user, service):
    """The roles `user` holds through any organisation in the service's partnership."""
    if user is None:
        return set()
    query = (
        select(Membership.role)
        .join(Partnership, Partnership.organisation_id == Membership.organisation_id)
        .where(Membership.user_id == user.id, Partnership.service_id == service.id)
    )
    return set(db.session.scalars(query))


def has_role(user, service, role):
    """Admins of a partner organisation may do everything its other roles may."""
    roles = roles_for_service(user, service)
    return role in roles or Role.ADMIN in roles


def visible_services(user):
    partnered = (
        select(Partnership.service_id)
        .join(Membership, Membership.organisation_id == Partnership.organisation_id)
        .where(Membership.user_id == user.id)
    )
    query = select(Service).where(Service.id.in_(partnered)).order_by(Service.slug)
    return list(db.session.scalars(query))
