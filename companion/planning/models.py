"""ORM models of the programme frame (group sessions) and of each pair's session plan."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.models import Base, Timestamped


class ProgrammeFrame(Timestamped, Base):
    """The parts of a programme's frame that ``programmes`` does not hold (start, duration and cadence
    live there): optional quarterly group sessions and the usual length of a session."""

    __tablename__ = "programme_frames"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True
    )
    group_sessions: Mapped[str] = mapped_column(String(12), default="none")  # none | quarterly
    session_minutes: Mapped[int] = mapped_column(Integer, default=60)


class SessionPlan(Timestamped, Base):
    """A pair's topic plan: proposed by a composer, edited by the pair, accepted once into sessions."""

    __tablename__ = "session_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), unique=True)
    language: Mapped[str] = mapped_column(String(2), default="de")
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    group_dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    generated_by: Mapped[str] = mapped_column(Text, default="offline")
    status: Mapped[str] = mapped_column(String(12), default="draft")  # draft | accepted
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
