"""ORM models of the programme evaluation: one survey response per participant and survey kind, and
one round per programme and kind that freezes the published aggregates when it is closed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.models import Base, utcnow


class SurveyResponse(Base):
    """A participant's answers to one survey. Confidential: only the respondent reads it back; the
    coordinator sees aggregates of a closed round (``SurveyRound.results``) and nothing else."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        UniqueConstraint("participant_id", "kind", name="uq_survey_responses_participant_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    # Deleting a person deletes their answers; published (frozen) aggregates are not recomputed.
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(10))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Themes the respondent ticked per free-text question: the only part of a text that is counted.
    themes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class SurveyRound(Base):
    """The state of one survey kind in a programme. ``opened_at`` makes it available to everyone before
    its natural time; ``closed_at`` ends answering and stores ``results`` once — the only aggregates a
    coordinator ever sees, so two exports can never differ by one person's answer."""

    __tablename__ = "survey_rounds"
    __table_args__ = (UniqueConstraint("programme_id", "kind", name="uq_survey_rounds_programme_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    results: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
