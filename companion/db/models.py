"""ORM models: programmes, participants, pairs, sessions, reflections and generated outputs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, query_expression, relationship

# Stable constraint names so Alembic migrations are identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timezone-aware now, used for created/updated timestamps."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base with a naming convention for constraints."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class Programme(Timestamped, Base):
    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(2), default="de")
    goals: Mapped[list[str]] = mapped_column(JSON, default=list)
    format: Mapped[str] = mapped_column(String(20), default="one-to-one")
    cadence: Mapped[str] = mapped_column(String(50), default="monthly")
    duration_months: Mapped[int] = mapped_column(Integer, default=6)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    k_threshold: Mapped[int] = mapped_column(Integer, default=5)

    participants: Mapped[list[Participant]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", passive_deletes=True
    )
    pairs: Mapped[list[Pair]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", passive_deletes=True
    )


class Participant(Timestamped, Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    role: Mapped[str] = mapped_column(String(10))
    department: Mapped[str | None] = mapped_column(String(120), nullable=True)
    # Free text ("sie/ihr", "they/them", "keine – bitte Namen"); generated texts follow it.
    pronouns: Mapped[str | None] = mapped_column(String(60), nullable=True)
    manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )
    expertise: Mapped[list[str]] = mapped_column(JSON, default=list)
    interests: Mapped[list[str]] = mapped_column(JSON, default=list)

    programme: Mapped[Programme] = relationship(back_populates="participants")


class PairMember(Base):
    __tablename__ = "pair_members"

    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(10))

    participant: Mapped[Participant] = relationship(lazy="joined")


class Pair(Timestamped, Base):
    __tablename__ = "pairs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    format: Mapped[str] = mapped_column(String(20))
    goals: Mapped[list[str]] = mapped_column(JSON, default=list)

    programme: Mapped[Programme] = relationship(back_populates="pairs")
    members: Mapped[list[PairMember]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", passive_deletes=True
    )
    sessions: Mapped[list[MentoringSession]] = relationship(
        back_populates="pair", cascade="all, delete-orphan", passive_deletes=True
    )

    def member_ids(self, role: str) -> list[int]:
        """Participant ids of the members with ``role`` (junior or senior), in a stable order."""
        return sorted(m.participant_id for m in self.members if m.role == role)

    def member_names(self, role: str) -> list[str]:
        """Display names of the members with ``role``, in the order of :meth:`member_ids` (members and
        their participants load with the pair, so this needs no query)."""
        members = sorted((m for m in self.members if m.role == role), key=lambda m: m.participant_id)
        return [m.participant.display_name for m in members]


class MentoringSession(Timestamped, Base):
    __tablename__ = "sessions"
    __table_args__ = (UniqueConstraint("pair_id", "number", name="uq_sessions_pair_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    topic: Mapped[str | None] = mapped_column(String(200), nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="planned")
    # Who marked the session held (a member): part of the evidence that a pair is real (insights).
    held_by: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )

    pair: Mapped[Pair] = relationship(back_populates="sessions")
    # Every session of the pair as ``[[number, topic], ...]`` (any order). Only the request's session
    # tree fills it (``companion.sessions.loading``), so generation needs no query of its own for the
    # earlier topics; None wherever the session was loaded otherwise.
    outline: Mapped[list[list[Any]] | None] = query_expression()


class Reflection(Base):
    __tablename__ = "reflections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    author_role: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The answers per slot (companion.generation.reflection_slots), private_note included; what the
    # partner sees is derived from them (companion.generation.discretion), never stored twice.
    slots: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    excluded: Mapped[list[int]] = mapped_column(JSON, default=list)
    shared_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Set when a summary was made from it: from then on it can be deleted, no longer edited.
    summarised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class GeneratedOutput(Base):
    """A stored generation result; regenerating adds a new version and keeps the old ones."""

    __tablename__ = "generated_outputs"
    __table_args__ = (
        UniqueConstraint("session_id", "kind", "version", name="uq_generated_outputs_session_kind_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    generated_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OutputCounter(Base):
    """The highest version number ever given to a session's outputs of one kind.

    The next version comes from this row in the same statement that stores it: the row serialises
    concurrent writers of one session and kind (PostgreSQL re-reads it after waiting for its lock), so
    no separate lock round trip is needed, and a number is never given twice, not even after versions
    were deleted (``companion.sessions.versions``)."""

    __tablename__ = "output_counters"

    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    last_version: Mapped[int] = mapped_column(Integer)


class ThemeContribution(Base):
    """A pair counted once for a ticked theme in a published snapshot. ``pair_ref`` is a plain number
    (no foreign key): dissolving the pair later must not change published counts (differencing)."""

    __tablename__ = "theme_contributions"
    __table_args__ = (
        UniqueConstraint("programme_id", "pair_ref", "theme", name="uq_theme_contributions_pair_theme"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    pair_ref: Mapped[int] = mapped_column(Integer)
    theme: Mapped[str] = mapped_column(String(80))
    period: Mapped[str] = mapped_column(String(7))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class InsightSnapshot(Base):
    """The theme figures published for one programme and period (``YYYY-MM``), frozen once taken."""

    __tablename__ = "insight_snapshots"
    __table_args__ = (UniqueConstraint("programme_id", "period", name="uq_insight_snapshots_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(7))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
