"""What designers decide about findings, and the population they compare participation with."""

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..catalogue.models import Service
from ..database import multilingual_text, timestamp, utcnow
from ..extensions import db


class InsightStatus(enum.StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Insight(db.Model):
    """A designer's record of one prioritized finding, matched across runs by `insight_key`."""

    __table_args__ = (UniqueConstraint("service_id", "insight_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), index=True)
    insight_key: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[InsightStatus] = mapped_column(
        Enum(InsightStatus, native_enum=False), default=InsightStatus.NEW
    )
    note: Mapped[str | None] = mapped_column(Text)
    # The finding as last seen by the analysis (segment, outcome, numbers), for the record.
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    # Shown on the public "You said, we did" page once the insight is done.
    public_text: Mapped[dict[str, str]] = multilingual_text()
    updated_at: Mapped[datetime] = timestamp(onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    service: Mapped[Service] = relationship()


class ReferencePopulation(db.Model):
    """A census table uploaded by an analyst: population count per (dimension, group)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # [{"dimension": "age_band", "group": "75+", "population": 12345}, ...]
    rows: Mapped[list[dict]] = mapped_column(JSON, default=list)
    uploaded_at: Mapped[datetime] = timestamp()
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )


class ThemeDecision(db.Model):
    """An analyst's name for a comment theme, or the theme it is merged into.

    Themes are found afresh from the comments; a decision follows its theme by `theme_key`
    (language and sorted top five words, see analysis.themes), so it holds as long as the
    analysis finds the same theme.
    """

    __table_args__ = (UniqueConstraint("service_id", "theme_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), index=True)
    theme_key: Mapped[str] = mapped_column(String(300))
    label: Mapped[str | None] = mapped_column(String(120))
    merged_into: Mapped[str | None] = mapped_column(String(300))
    updated_at: Mapped[datetime] = timestamp(onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
