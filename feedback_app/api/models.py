"""Personal API tokens: shown once, stored as a hash, scoped, expiring, revocable."""

import enum
from datetime import datetime

from sqlalchemy import JSON, Column, DateTime, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..catalogue.models import Service
from ..database import timestamp
from ..extensions import db


class Scope(enum.StrEnum):
    """What a token may do; its owner's roles still decide where (analyst, facilitator)."""

    READ_INSIGHTS = "insights:read"
    SUBMIT_RESPONSES = "responses:submit"


# The services a token is limited to; none listed: every service its owner may reach.
api_token_service = Table(
    "api_token_service",
    db.metadata,
    Column("token_id", ForeignKey("api_token.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
)


class ApiToken(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    # The first characters, shown in lists so a person can tell their tokens apart.
    prefix: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Scope values, at least one.
    scopes: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = timestamp()
    # Every token expires: a forgotten one stops working on its own.
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    user: Mapped[User] = relationship()
    services: Mapped[list[Service]] = relationship(
        secondary=api_token_service, order_by=Service.slug
    )
