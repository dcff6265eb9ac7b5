"""A kiosk device, where it stands, and the services it offers."""

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..catalogue.models import Service
from ..database import timestamp
from ..extensions import db

kiosk_service = Table(
    "kiosk_service",
    db.metadata,
    Column("kiosk_id", ForeignKey("kiosk.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
)


class Kiosk(db.Model):
    """A shared device in a public place; it knows only the hash of its secret token."""

    id: Mapped[int] = mapped_column(primary_key=True)
    # Where residents find it, as staff write it ("Town hall, reception").
    location: Mapped[str] = mapped_column(String(120))
    # The language its home screen returns to after each resident.
    default_locale: Mapped[str] = mapped_column(String(8))
    # None until the first setup link is made, and again once the kiosk is retired.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = timestamp()
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # What the device last said it holds unsent (responses taken offline), and when.
    queued_responses: Mapped[int | None] = mapped_column(Integer)
    queue_reported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    services: Mapped[list[Service]] = relationship(secondary=kiosk_service, order_by=Service.slug)

    @property
    def is_active(self):
        return self.retired_at is None
