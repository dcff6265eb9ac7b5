"""Public services, the partnerships that run them, their journeys and their question bank."""

import enum
import json
from datetime import datetime

from sqlalchemy import JSON, DateTime, Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import multilingual_text
from ..extensions import db
from ..i18n import LANGUAGES


def _every_language():
    return list(LANGUAGES)


class PartnerRole(enum.StrEnum):
    COMMISSIONER = "commissioner"
    OPERATOR = "operator"
    PARTNER = "partner"


class QuestionBank(enum.StrEnum):
    A11 = "a11"
    CSAT = "csat"
    CES = "ces"
    CUSTOM = "custom"


class Service(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[dict[str, str]] = multilingual_text()
    description: Mapped[dict[str, str]] = multilingual_text()
    is_published: Mapped[bool] = mapped_column(default=True)
    # The languages residents may answer in; published content must exist in each of them.
    languages: Mapped[list[str]] = mapped_column(
        JSON, default=_every_language, server_default=json.dumps(list(LANGUAGES))
    )
    # Days its responses are kept; None keeps the installation's RETENTION_DAYS.
    retention_days: Mapped[int | None]
    partnerships: Mapped[list["Partnership"]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    journey: Mapped["Journey | None"] = relationship(back_populates="service", uselist=False)
    question_set: Mapped["QuestionSet | None"] = relationship(
        back_populates="service", uselist=False
    )


class Partnership(db.Model):
    """One organisation's part in running a service."""

    __table_args__ = (UniqueConstraint("service_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    role: Mapped[PartnerRole] = mapped_column(Enum(PartnerRole, native_enum=False))
    service: Mapped[Service] = relationship(back_populates="partnerships")
    # By name: accounts sits above catalogue (it decides access to services), never below it.
    organisation: Mapped["Organisation"] = relationship(back_populates="partnerships")  # noqa: F821


class Journey(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), unique=True)
    name: Mapped[dict[str, str]] = multilingual_text()
    service: Mapped[Service] = relationship(back_populates="journey")
    stages: Mapped[list["Stage"]] = relationship(
        back_populates="journey", order_by="Stage.position", cascade="all, delete-orphan"
    )

    @property
    def open_stages(self):
        """The stages residents are asked about now (retired ones only stay in the analysis)."""
        return [stage for stage in self.stages if stage.retired_at is None]


class Stage(db.Model):
    __table_args__ = (UniqueConstraint("journey_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    journey_id: Mapped[int] = mapped_column(ForeignKey("journey.id"), index=True)
    position: Mapped[int]
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[dict[str, str]] = multilingual_text()
    description: Mapped[dict[str, str]] = multilingual_text()
    # The description in easy read (short sentences), shown to residents who turn easy read on;
    # NULL or a language missing: they see the description.
    easy_read: Mapped[dict[str, str] | None] = multilingual_text()
    # A retired stage is no longer asked about; its past answers stay in the analysis.
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    journey: Mapped[Journey] = relationship(back_populates="stages")


class Question(db.Model):
    """A rating question on a labelled scale; `options` holds one label set per locale."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    bank: Mapped[QuestionBank] = mapped_column(Enum(QuestionBank, native_enum=False))
    scale_min: Mapped[int] = mapped_column(default=1)
    scale_max: Mapped[int] = mapped_column(default=5)
    allows_not_applicable: Mapped[bool] = mapped_column(default=True)
    text: Mapped[dict[str, str]] = multilingual_text()
    hint: Mapped[dict[str, str]] = multilingual_text()
    # The question in easy read, shown to residents who turn easy read on; NULL or a language
    # missing: they see `text`.
    easy_read: Mapped[dict[str, str] | None] = multilingual_text()
    # {locale: [label for scale_min, ..., label for scale_max]}
    options: Mapped[dict[str, list[str]]] = multilingual_text()

    @property
    def values(self):
        return range(self.scale_min, self.scale_max + 1)


class QuestionSet(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), unique=True)
    service: Mapped[Service] = relationship(back_populates="question_set")
    items: Mapped[list["QuestionSetItem"]] = relationship(
        back_populates="question_set",
        order_by="QuestionSetItem.position",
        cascade="all, delete-orphan",
    )

    @property
    def open_items(self):
        """The items residents are asked now, in order."""
        return [item for item in self.items if item.retired_at is None]

    @property
    def questions(self):
        """The questions residents are asked; retired ones keep their answers in the analysis."""
        return [item.question for item in self.open_items]


class QuestionSetItem(db.Model):
    __table_args__ = (UniqueConstraint("question_set_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"))
    position: Mapped[int]
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    question_set: Mapped[QuestionSet] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()


class CatalogueVersion(db.Model):
    """One row, its token rewritten in every transaction that changes a service, its questions,
    its stages or their texts (catalogue.version)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
