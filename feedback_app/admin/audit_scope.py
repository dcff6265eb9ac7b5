"""Whose part of the audit log a reader may see.

Installation admins read the whole log. An organisation's admins read the events about the
services their organisation partners in, about their organisation and its people (invitations,
roles), and their members' own events that concern no service or organisation (signing in,
their API tokens, their passwords) — never an event about another organisation or about a
service it alone runs. The scope is a SQL condition on the indexed columns, ANDed to every
filter, so a crafted query string can narrow what is shown but never widen it.
"""

from dataclasses import dataclass

from sqlalchemy import and_, or_, select, true

from ..accounts.access import administered_organisations, is_installation_admin
from ..accounts.models import Membership, User
from ..catalogue.models import Partnership, Service
from ..extensions import db
from ..privacy.models import AuditEvent


@dataclass(frozen=True)
class AuditScope:
    """The events one reader may see; `organisations` None means the whole log."""

    organisations: tuple[int, ...] | None = None

    @property
    def is_whole_log(self):
        return self.organisations is None

    def clause(self):
        return true() if self.is_whole_log else or_(*self.branches())

    def branches(self):
        """The scope as conditions each served by one (column, id) index: one per service, one
        per organisation and one per member for their own events (ix_audit_event_personal)."""
        unattributed = AuditEvent.service_id.is_(None)
        personal = and_(unattributed, AuditEvent.organisation_id.is_(None))
        branches = [AuditEvent.service_id == service for service in self._services()]
        branches += [
            and_(unattributed, AuditEvent.organisation_id == organisation)
            for organisation in self.organisations
        ]
        branches += [and_(personal, AuditEvent.user_id == member) for member in self._members()]
        return branches

    def _services(self):
        query = select(Partnership.service_id).where(
            Partnership.organisation_id.in_(self.organisations)
        )
        return sorted(set(db.session.scalars(query)))

    def _members(self):
        query = select(Membership.user_id).where(Membership.organisation_id.in_(self.organisations))
        return sorted(set(db.session.scalars(query)))

    def service_choices(self):
        """(id, slug) of the services the reader may filter by."""
        query = select(Service.id, Service.slug).order_by(Service.slug)
        if not self.is_whole_log:
            query = query.where(Service.id.in_(self._services()))
        return db.session.execute(query).all()

    def people_choices(self):
        """(id, email) of the staff the reader may filter by: their organisations' people, those
        of their services' other partners, and installation admins."""
        query = select(User.id, User.email).order_by(User.email)
        if not self.is_whole_log:
            partners = select(Partnership.organisation_id).where(
                Partnership.service_id.in_(self._services())
            )
            colleagues = select(Membership.user_id).where(
                or_(
                    Membership.organisation_id.in_(self.organisations),
                    Membership.organisation_id.in_(partners),
                )
            )
            query = query.where(or_(User.id.in_(colleagues), User.is_installation_admin))
        return db.session.execute(query).all()


WHOLE_LOG = AuditScope()


def reader_scope(user):
    """The part of the log `user` may read, or None when they may read none of it."""
    if is_installation_admin(user):
        return WHOLE_LOG
    organisations = tuple(organisation.id for organisation in administered_organisations(user))
    return AuditScope(organisations) if organisations else None


def may_read_audit_log(user):
    return reader_scope(user) is not None
