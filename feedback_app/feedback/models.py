"""What residents tell us: one Response holds its answers, journey story, comment and profile."""

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..catalogue.models import Question, Service, Stage
from ..database import timestamp
from ..encryption import EncryptedJSON, EncryptedText
from ..extensions import db


class Channel(enum.StrEnum):
    WEB = "web"
    KIOSK = "kiosk"
    WORKSHOP = "workshop"
    PAPER = "paper"
    API = "api"


class WentThrough(enum.StrEnum):
    YES = "yes"
    NOT_YET = "not_yet"
    NO = "no"


class Response(db.Model):
    """One resident's feedback on one service; pseudonymous, written once, idempotent."""

    # The insights' counts (insights/cube_queries.py) choose a service's responses in a date
    # window; the plans in docs/insights.md show why no other index was added for them.
    __table_args__ = (Index("ix_response_service_id_created_at", "service_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), index=True)
    channel: Mapped[Channel] = mapped_column(Enum(Channel, native_enum=False))
    # The kiosk it was given on, when the channel is "kiosk".
    kiosk_id: Mapped[int | None] = mapped_column(
        ForeignKey("kiosk.id", ondelete="SET NULL"), index=True
    )
    locale: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = timestamp(index=True)
    # The draft's key ("web-…") or a partner's ("api-<user id>-…"), so a retried submission is
    # stored once; None once withdrawn, as a partner's key could tie the row back to a call.
    client_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # SHA-256 of the receipt code; the code itself is only ever shown to the resident.
    receipt_hash: Mapped[str] = mapped_column(String(64), unique=True)
    consent_version: Mapped[str | None] = mapped_column(String(20))
    # The privacy notice the resident could read when consenting (privacy.notice's version).
    privacy_notice_version: Mapped[str | None] = mapped_column(String(64))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    service: Mapped[Service] = relationship()
    # Named, not imported: the kiosk package sits above feedback (docs/architecture.md).
    kiosk = relationship("Kiosk")
    answers: Mapped[list["Answer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )
    stage_experiences: Mapped[list["StageExperience"]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )
    comments: Mapped[list["Comment"]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )
    profile: Mapped["Profile | None"] = relationship(
        back_populates="response", cascade="all, delete-orphan", uselist=False
    )


class Answer(db.Model):
    """A rating; `value` is None when the resident chose "Does not apply"."""

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    value: Mapped[int | None]
    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()


class StageExperience(db.Model):
    __table_args__ = (CheckConstraint("emotion BETWEEN -2 AND 2", name="emotion_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id"), index=True)
    # None when the resident told the stage without answering "Have you been through it?";
    # emotion and barriers are only kept when they did (feedback.stories).
    went_through: Mapped[WentThrough | None] = mapped_column(Enum(WentThrough, native_enum=False))
    emotion: Mapped[int | None]
    barriers: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Encrypted at rest when ENCRYPTION_KEY is set (feedback_app/encryption.py).
    text: Mapped[str | None] = mapped_column(EncryptedText)
    response: Mapped[Response] = relationship(back_populates="stage_experiences")
    stage: Mapped[Stage] = relationship()


class Comment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(EncryptedText)
    lang: Mapped[str | None] = mapped_column(String(8))
    response: Mapped[Response] = relationship(back_populates="comments")


class Profile(db.Model):
    """Consented demographics; never stored without the response's consent_version."""

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), unique=True
    )
    age_band: Mapped[str | None] = mapped_column(String(20))
    gender: Mapped[str | None] = mapped_column(String(30))
    # Free text in the resident's own words: encrypted at rest like comments (the form keeps
    # it to 100 characters).
    gender_self_description: Mapped[str | None] = mapped_column(EncryptedText)
    # Washington Group Short Set answers, one per domain.
    wg_seeing: Mapped[str | None] = mapped_column(String(20))
    wg_hearing: Mapped[str | None] = mapped_column(String(20))
    wg_mobility: Mapped[str | None] = mapped_column(String(20))
    wg_cognition: Mapped[str | None] = mapped_column(String(20))
    wg_self_care: Mapped[str | None] = mapped_column(String(20))
    wg_communication: Mapped[str | None] = mapped_column(String(20))
    # Derived: "yes", "no", or None when no domain was answered.
    disability: Mapped[str | None] = mapped_column(String(10))
    rurality: Mapped[str | None] = mapped_column(String(20))
    # A language code, "other" or "prefer_not_to_say".
    preferred_language: Mapped[str | None] = mapped_column(String(20))
    response: Mapped[Response] = relationship(back_populates="profile")


class Tally(db.Model):
    """How many responses of a service say one thing, per segment cell, channel and kiosk.

    Kept by feedback.tallies in the same transaction as every write, so that insights read a
    few thousand rows instead of every response. Unknowns are stored as UNKNOWN / 0 (a unique
    key never matches NULL with NULL).
    """

    __table_args__ = (
        UniqueConstraint(
            "service_id",
            "measure",
            "channel",
            "kiosk_id",
            "age_band",
            "gender",
            "disability",
            "rurality",
            "item",
            "detail",
            "value",
            name="uq_tally_cell",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    # One of feedback.tallies.MEASURES.
    measure: Mapped[str] = mapped_column(String(12))
    channel: Mapped[Channel] = mapped_column(Enum(Channel, native_enum=False))
    # No foreign key: a deleted kiosk's rows are read as "no kiosk", as its responses are.
    kiosk_id: Mapped[int] = mapped_column(Integer)
    age_band: Mapped[str] = mapped_column(String(20))
    gender: Mapped[str] = mapped_column(String(30))
    disability: Mapped[str] = mapped_column(String(10))
    rurality: Mapped[str] = mapped_column(String(20))
    # A question or stage id, or a day as YYYYMMDD; 0 when the measure has none.
    item: Mapped[int] = mapped_column(Integer)
    # The barrier's code of a "barrier" row; empty otherwise.
    detail: Mapped[str] = mapped_column(Text)
    value: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)


class Draft(db.Model):
    """A resident's answers between steps, kept server-side for a day, never tied to a person.

    The browser holds only a random token (in the session); the database holds its hash.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    # Generated when the draft begins and sent back by the final form: makes sending idempotent.
    client_key: Mapped[str] = mapped_column(String(64))
    # {"ratings": {code: value}, "stage:<code>": {...}, "comment": text, "consent": "yes"|"no",
    #  "about_you": {...}}; emptied once sent. Encrypted as a whole when ENCRYPTION_KEY is set:
    # it holds the comment and stories before they are sent.
    answers: Mapped[dict] = mapped_column(EncryptedJSON, default=dict)
    created_at: Mapped[datetime] = timestamp()
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="SET NULL"))
    service: Mapped[Service] = relationship()
    response: Mapped[Response | None] = relationship()
