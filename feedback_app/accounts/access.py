"""The queries behind the rules of policy.py: the roles a person holds, and what they reach.

Roles are held in an organisation and reach its services; an installation admin holds every
role everywhere.
"""

from sqlalchemy import select

from ..catalogue.models import Partnership, Service
from ..extensions import db
from .models import Membership, Organisation, Role


def is_installation_admin(user):
    return user is not None and user.is_installation_admin


def roles_for_service(user, service):
    """The roles `user` holds through any organisation in the service's partnership."""
    if user is None:
        return set()
    if is_installation_admin(user):
        return set(Role)
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
    query = select(Service).order_by(Service.slug)
    if not is_installation_admin(user):
        partnered = (
            select(Partnership.service_id)
            .join(Membership, Membership.organisation_id == Partnership.organisation_id)
            .where(Membership.user_id == user.id)
        )
        query = query.where(Service.id.in_(partnered))
    return list(db.session.scalars(query))


def administered_organisations(user):
    """The organisations whose people `user` may manage, by name."""
    if user is None:
        return []
    query = select(Organisation).order_by(Organisation.name)
    if not is_installation_admin(user):
        administered = select(Membership.organisation_id).where(
            Membership.user_id == user.id, Membership.role == Role.ADMIN
        )
        query = query.where(Organisation.id.in_(administered))
    return list(db.session.scalars(query))
