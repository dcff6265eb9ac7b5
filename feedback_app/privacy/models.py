"""The append-only record of who viewed, exported or changed what."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from ..database import timestamp
from ..extensions import db

PERSONAL = text("service_id IS NULL AND organisation_id IS NULL")


class AuditEvent(db.Model):
    # Each filter of the log reads newest first a page at a time: (column, id) indexes let a
    # page of one service, organisation or person read only that page, however long the log.
    __table_args__ = (
        Index("ix_audit_event_service_id_id", "service_id", "id"),
        Index("ix_audit_event_organisation_id_id", "organisation_id", "id"),
        Index("ix_audit_event_user_id_id", "user_id", "id"),
        # A person's own events, about no service or organisation: a part of an organisation
        # admin's scope, found without reading their colleagues' many events about services.
        Index(
            "ix_audit_event_personal",
            "user_id",
            "id",
            postgresql_where=PERSONAL,
            sqlite_where=PERSONAL,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = timestamp(index=True)
    # Null for events with no staff actor (a resident withdrawing, a scheduled purge).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    # The service the event concerns, whatever its target (a stage, a card, an export), so the
    # log filters and scopes by service in SQL; null for events about no one service.
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id", ondelete="SET NULL"))
    # The organisation whose people or settings the event concerns (an invitation, a role).
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str | None] = mapped_column(String(60))
    target_id: Mapped[str | None] = mapped_column(String(60))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
