"""Creating organisations and managing the roles of their people; nobody removes the last admin."""

from sqlalchemy import delete, func, select

from ..accounts.models import Membership, Organisation, Role, User
from ..extensions import db
from ..privacy.audit import record


class LastAdminError(Exception):
    """The change would leave the organisation without anyone to manage its people."""


class NameTakenError(Exception):
    """Another organisation has this name (names are how staff tell them apart)."""


def organisation_named(name):
    return db.session.scalar(
        select(Organisation).where(func.lower(Organisation.name) == name.strip().lower())
    )


def create_organisation(*, name, kind, by):
    if organisation_named(name) is not None:
        raise NameTakenError
    organisation = Organisation(name=name.strip(), kind=kind)
    db.session.add(organisation)
    db.session.flush()
    record(
        "organisation_created",
        target_type="organisation",
        target_id=organisation.id,
        details={"name": organisation.name, "kind": str(kind)},
        user=by,
        organisation=organisation.id,
    )
    db.session.commit()
    return organisation


def members_of(organisation):
    """[(user, sorted roles)] of the organisation's people, by name."""
    rows = db.session.execute(
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation.id)
        .order_by(func.lower(User.display_name), User.id)
    )
    members = {}
    for user, role in rows:
        members.setdefault(user, []).append(Role(role))
    return [(user, sorted(roles, key=list(Role).index)) for user, roles in members.items()]


def roles_in(organisation, user):
    query = select(Membership.role).filter_by(organisation_id=organisation.id, user_id=user.id)
    return {Role(role) for role in db.session.scalars(query)}


def _other_admins(organisation, user):
    query = select(func.count()).where(
        Membership.organisation_id == organisation.id,
        Membership.role == Role.ADMIN,
        Membership.user_id != user.id,
    )
    return db.session.scalar(query)


def set_roles(organisation, user, roles, *, by):
    """Give `user` exactly `roles` in the organisation (at least one)."""
    before = roles_in(organisation, user)
    roles = {Role(role) for role in roles}
    if Role.ADMIN in before and Role.ADMIN not in roles and not _other_admins(organisation, user):
        raise LastAdminError
    _remove(organisation, user, before - roles)
    for role in roles - before:
        db.session.add(Membership(user_id=user.id, organisation_id=organisation.id, role=role))
    record(
        "roles_changed",
        target_type="user",
        target_id=user.id,
        details={
            "organisation": organisation.id,
            "before": sorted(before),
            "after": sorted(roles),
        },
        user=by,
        organisation=organisation.id,
    )
    db.session.commit()


def remove_member(organisation, user, *, by):
    """The person leaves the organisation (their account stays, for their other ones)."""
    before = roles_in(organisation, user)
    if Role.ADMIN in before and not _other_admins(organisation, user):
        raise LastAdminError
    _remove(organisation, user, before)
    record(
        "member_removed",
        target_type="user",
        target_id=user.id,
        details={"organisation": organisation.id, "roles": sorted(before)},
        user=by,
        organisation=organisation.id,
    )
    db.session.commit()


def _remove(organisation, user, roles):
    if roles:
        db.session.execute(
            delete(Membership).where(
                Membership.organisation_id == organisation.id,
                Membership.user_id == user.id,
                Membership.role.in_(roles),
            )
        )
