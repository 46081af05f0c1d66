"""ORM models of matching: participants' private preferences, matching runs and their suggestions.

A participant's "rather not with" list lives only in :class:`MatchingPreference`; coordinators never
read it (the API shows it to the participant alone), and suggestions only say that it was honoured.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.models import Base, Timestamped


class MatchingPreference(Timestamped, Base):
    """What a participant tells matching about themselves, privately."""

    __tablename__ = "matching_preferences"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    availability: Mapped[list[str]] = mapped_column(JSON, default=list)  # slots such as "tue-am"
    formats: Mapped[list[str]] = mapped_column(JSON, default=list)  # preferred formats, e.g. "one-to-one"
    rather_not: Mapped[list[int]] = mapped_column(JSON, default=list)  # participant ids; private


class MatchRun(Timestamped, Base):
    """One matching computation of a programme, with the rules it ran under."""

    __tablename__ = "match_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    format: Mapped[str] = mapped_column(String(20))
    max_juniors_per_senior: Mapped[int] = mapped_column(Integer, default=1)
    avoid_same_department: Mapped[bool] = mapped_column(Boolean, default=False)
    # unmatched junior/senior ids, how many private preferences were honoured, the objective value
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class MatchSuggestion(Timestamped, Base):
    """One proposed pair or group; ``status`` is proposed, accepted, rejected or superseded."""

    __tablename__ = "match_suggestions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("match_runs.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    junior_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    senior_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(12), default="proposed")
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id", ondelete="SET NULL"), nullable=True)
