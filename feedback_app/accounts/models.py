"""Organisations of a partnership, their staff and the roles staff hold in each."""

import enum
from datetime import datetime

from flask import current_app
from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..database import timestamp
from ..extensions import db


class OrganisationKind(enum.StrEnum):
    PUBLIC_BODY = "public_body"
    PRIVATE_OPERATOR = "private_operator"
    ASSOCIATION = "association"


class Role(enum.StrEnum):
    ADMIN = "admin"
    FACILITATOR = "facilitator"
    ANALYST = "analyst"


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(Enum(OrganisationKind, native_enum=False))
    memberships: Mapped[list["Membership"]] = relationship(back_populates="organisation")
    partnerships: Mapped[list["Partnership"]] = relationship(  # noqa: F821
        back_populates="organisation"
    )


class User(db.Model):
    """A staff member; residents never have accounts."""

    __tablename__ = "staff_user"  # "user" is reserved in PostgreSQL
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(256))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Sessions carry the generation they were opened in; bumping it ends every one of them.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # An installation admin holds every role in every organisation and service.
    is_installation_admin: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = timestamp()
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def set_password(self, password):
        self.password_hash = generate_password_hash(
            password, method=current_app.config["PASSWORD_HASH_METHOD"]
        )

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)


class Membership(db.Model):
    __table_args__ = (UniqueConstraint("user_id", "organisation_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False))
    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")
