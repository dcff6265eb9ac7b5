"""A workshop, its agenda of activities, its pseudonymous participants and what they put in."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Enum,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..catalogue.models import Service, Stage
from ..database import timestamp
from ..encryption import EncryptedText
from ..extensions import db


class ActivityKind(enum.StrEnum):
    JOURNEY_MAP = "journey_map"
    IDEA_WALL = "idea_wall"
    DOT_VOTE = "dot_vote"
    RATING_ROUND = "rating_round"


class ActivityStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class CardKind(enum.StrEnum):
    STEP = "step"
    PAIN = "pain"
    IDEA = "idea"


class Provenance(enum.StrEnum):
    """How an entry reached us: typed by the participant, by a helper, or from a paper form."""

    WEB = "web"
    ASSISTED = "assisted"
    PAPER = "paper"


def _enum(kind):
    return Enum(kind, native_enum=False)


class Workshop(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    held_on: Mapped[date]
    # Empty when the workshop is online only.
    place: Mapped[str | None] = mapped_column(String(120))
    online: Mapped[bool] = mapped_column(default=False)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    accessibility_note: Mapped[str | None] = mapped_column(Text)
    # What participants type or scan to join; unique among all workshops.
    join_code: Mapped[str] = mapped_column(String(6), unique=True)
    created_at: Mapped[datetime] = timestamp()
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    service: Mapped[Service] = relationship()
    activities: Mapped[list["Activity"]] = relationship(
        back_populates="workshop",
        order_by="Activity.position",
        cascade="all, delete-orphan",
        foreign_keys="Activity.workshop_id",
    )


class Activity(db.Model):
    """One item of the agenda; only an open activity takes input."""

    __table_args__ = (CheckConstraint("dots_per_participant BETWEEN 1 AND 20", name="dots"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    kind: Mapped[ActivityKind] = mapped_column(_enum(ActivityKind))
    position: Mapped[int]
    status: Mapped[ActivityStatus] = mapped_column(
        _enum(ActivityStatus), default=ActivityStatus.DRAFT
    )
    prompt: Mapped[str] = mapped_column(String(300), default="")
    # Dot voting: frozen once voting opens.
    dots_per_participant: Mapped[int] = mapped_column(default=5)
    multiple_dots_per_card: Mapped[bool] = mapped_column(default=False)
    votes_revealed: Mapped[bool] = mapped_column(default=False)
    source_activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity.id", ondelete="SET NULL")
    )
    # Rating round: what is rated, and on which criteria.
    # An advisory timer: shown to the room, never closes anything by itself (WCAG 2.2.1).
    timer_ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    options: Mapped[list[str]] = mapped_column(JSON, default=list)
    criteria: Mapped[list[str]] = mapped_column(JSON, default=list)
    workshop: Mapped[Workshop] = relationship(
        back_populates="activities", foreign_keys=[workshop_id]
    )
    source_activity: Mapped["Activity | None"] = relationship(remote_side=[id])

    @property
    def is_open(self):
        return self.status == ActivityStatus.OPEN


class Participant(db.Model):
    """Someone in the room, known only by the hash of the token in their browser's cookie."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(60))
    locale: Mapped[str] = mapped_column(String(8))
    # Added by a helper on the participant's behalf (no device of their own).
    assisted: Mapped[bool] = mapped_column(default=False)
    joined_at: Mapped[datetime] = timestamp()
    workshop: Mapped[Workshop] = relationship()


class Card(db.Model):
    """A step, pain point or idea; hidden cards are kept (with why), merged ones point onward."""

    __table_args__ = (CheckConstraint("emotion BETWEEN -2 AND 2", name="emotion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id", ondelete="SET NULL"))
    kind: Mapped[CardKind] = mapped_column(_enum(CardKind))
    emotion: Mapped[int | None]
    text: Mapped[str] = mapped_column(EncryptedText)
    hidden_reason: Mapped[str | None] = mapped_column(String(200))
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("card.id", ondelete="SET NULL"), index=True
    )
    provenance: Mapped[Provenance] = mapped_column(_enum(Provenance), default=Provenance.WEB)
    entered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    batch: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = timestamp()
    activity: Mapped[Activity] = relationship()
    stage: Mapped[Stage | None] = relationship()

    @property
    def is_shown(self):
        return self.hidden_reason is None and self.merged_into_id is None


class Vote(db.Model):
    """One dot. A participant's dots are numbered 1..N, so the unique constraint alone stops
    anyone from holding more than N, whatever the concurrency."""

    __table_args__ = (
        UniqueConstraint("activity_id", "participant_id", "dot"),
        CheckConstraint("dot >= 1", name="dot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    dot: Mapped[int]
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    # The card the dot was put on; differs from card_id after a merge, so a merge can be undone.
    cast_on_id: Mapped[int] = mapped_column(ForeignKey("card.id"))
    provenance: Mapped[Provenance] = mapped_column(_enum(Provenance), default=Provenance.WEB)
    entered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = timestamp()


class Rating(db.Model):
    """A participant's rating of one option on one criterion, on the residents' −2..+2 scale."""

    __table_args__ = (
        UniqueConstraint("activity_id", "participant_id", "option", "criterion"),
        CheckConstraint("value BETWEEN -2 AND 2", name="value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"), index=True)
    # None for a paper form typed in without a participant.
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL")
    )
    option: Mapped[int]
    criterion: Mapped[int]
    value: Mapped[int]
    provenance: Mapped[Provenance] = mapped_column(_enum(Provenance), default=Provenance.WEB)
    entered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    batch: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = timestamp()
