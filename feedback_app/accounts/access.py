"""Who may see and do what: roles are held in an organisation and reach its services.

An installation admin holds every role everywhere; an organisation's admins manage its people.
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


def can_administer_organisation(user, organisation):
    """An organisation's own admins, and installation admins, manage its people."""
    if user is None:
        return False
    if is_installation_admin(user):
        return True
    query = select(Membership.id).where(
        Membership.user_id == user.id,
        Membership.organisation_id == organisation.id,
        Membership.role == Role.ADMIN,
    )
    return db.session.scalar(query) is not None


def can_issue_password_link(by, user):
    """A link to set someone's password hands over their account: an organisation's admins may
    only renew invitations nobody has accepted yet; installation admins may reset anyone's."""
    if is_installation_admin(by):
        return True
    return not user.is_active and not user.is_installation_admin


def can_administer_service(user, service):
    """A partner organisation's admins set a service up (and installation admins)."""
    return has_role(user, service, Role.ADMIN)


def can_create_services(user):
    """Any organisation's admin may start a service, with their organisation in it."""
    return bool(administered_organisations(user))
