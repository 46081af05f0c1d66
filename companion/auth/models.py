"""ORM models of sign-in: coordinators, which programmes they coordinate, single-use invites and
(session or API) tokens.

Only SHA-256 hashes of invite and token secrets are stored, so a copy of the database does not
let anyone sign in.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.models import Base, Timestamped, utcnow


class Coordinator(Timestamped, Base):
    """An HR coordinator: manages programmes, never sees pair-confidential content."""

    __tablename__ = "coordinators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    language: Mapped[str] = mapped_column(String(2), default="de")


class ProgrammeCoordinator(Base):
    """Links a programme and a coordinator (many-to-many): a coordinator reaches only the programmes
    linked here, and everything under them (see ``companion.auth.policy``)."""

    __tablename__ = "programme_coordinators"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True
    )
    coordinator_id: Mapped[int] = mapped_column(
        ForeignKey("coordinators.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Invite(Base):
    """A single-use, expiring sign-in link for a participant or a coordinator."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), nullable=True, index=True
    )
    coordinator_id: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="CASCADE"), nullable=True, index=True
    )
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="SET NULL"), nullable=True
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Keyed hashes of the client (address + user agent) that made and that used the link, and whether
    # the redeeming request carried a coordinator's own credentials: evidence for k-anonymity.
    created_client: Mapped[str | None] = mapped_column(String(32), nullable=True)
    redeemed_client: Mapped[str | None] = mapped_column(String(32), nullable=True)
    redeemed_by_coordinator: Mapped[bool] = mapped_column(Boolean, default=False)


class AuthToken(Base):
    """A browser session (kind ``session``) or an API bearer token (kind ``api``)."""

    __tablename__ = "auth_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), nullable=True, index=True
    )
    coordinator_id: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="CASCADE"), nullable=True, index=True
    )
    label: Mapped[str | None] = mapped_column(String(120), nullable=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
