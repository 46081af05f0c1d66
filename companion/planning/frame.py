"""The programme frame: start, duration, cadence and quarterly group sessions, and the dates they give.

Start date, duration and cadence are columns of ``programmes`` (shared with the programme API); the
group-session choice and the usual session length live in ``programme_frames``. Without a start date,
plans start on the Monday after today.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import Programme
from companion.errors import RuleViolation
from companion.planning.models import ProgrammeFrame
from companion.planning.schemas import FrameRead, FrameUpdate
from companion.programmes import services as psvc

MIN_SESSIONS = 3  # getting to know each other, the mid-point check-in and the retrospective
MAX_SESSIONS = 24


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months; the 31st becomes the last day of a shorter month."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Schedule:
    """The dates one frame gives: one per pair session, and the programme-wide group sessions."""

    sessions: list[date]
    groups: list[date]

    @property
    def mid(self) -> int:
        """Number of the mid-point check-in (the same rule the agenda's session pattern uses)."""
        return math.ceil(len(self.sessions) / 2)


def schedule(start: date, months: int, cadence: str, group_sessions: str) -> Schedule:
    """Session dates from the cadence (monthly or every two weeks) and quarterly group sessions, each in
    the last week of its quarter."""
    end = add_months(start, months)
    if cadence == "biweekly":
        sessions = [start + timedelta(weeks=2 * i) for i in range(months * 2)]
    else:
        sessions = [add_months(start, i) for i in range(months)]
    sessions = [d for d in sessions if d < end][:MAX_SESSIONS]
    groups = []
    if group_sessions == "quarterly":
        groups = [add_months(start, 3 * q) - timedelta(days=7) for q in range(1, months // 3 + 1)]
    return Schedule(sessions, groups)


def default_start(today: date | None = None) -> date:
    """The Monday after ``today``."""
    today = today or date.today()
    return today + timedelta(days=7 - today.weekday())


async def frame_row(db: AsyncSession, programme_id: int) -> ProgrammeFrame:
    """The frame row of a programme (created with defaults on first use)."""
    row = await db.get(ProgrammeFrame, programme_id)
    if row is None:
        row = ProgrammeFrame(programme_id=programme_id, group_sessions="none", session_minutes=60)
        db.add(row)
        await db.flush()
    return row


def cadence_of(programme: Programme) -> str:
    return "biweekly" if programme.cadence in ("biweekly", "fortnightly") else "monthly"


async def programme_schedule(db: AsyncSession, programme: Programme) -> tuple[Schedule, ProgrammeFrame]:
    """A programme's schedule; 422 when the frame leaves no room for the three framing sessions."""
    row = await frame_row(db, programme.id)
    result = schedule(
        programme.start_date or default_start(),
        programme.duration_months,
        cadence_of(programme),
        row.group_sessions,
    )
    if len(result.sessions) < MIN_SESSIONS:
        raise RuleViolation(
            f"The frame gives {len(result.sessions)} session(s); a plan needs at least {MIN_SESSIONS} "
            "(getting to know each other, a mid-point check-in and a retrospective): make it longer",
            code="frame_too_short",
        )
    return result, row


async def read_frame(db: AsyncSession, programme_id: int) -> FrameRead:
    """The frame of a programme with the dates it gives."""
    programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
    row = await frame_row(db, programme_id)
    result = schedule(
        programme.start_date or default_start(),
        programme.duration_months,
        cadence_of(programme),
        row.group_sessions,
    )
    await db.commit()
    return FrameRead(
        programme_id=programme_id,
        start_date=programme.start_date,
        duration_months=programme.duration_months,
        cadence=cadence_of(programme),
        group_sessions=row.group_sessions,
        session_minutes=row.session_minutes,
        sessions_per_pair=len(result.sessions),
        session_dates=result.sessions,
        group_dates=result.groups,
    )


async def update_frame(db: AsyncSession, programme_id: int, data: FrameUpdate) -> FrameRead:
    """Change the frame; plans already accepted keep their sessions."""
    programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
    row = await frame_row(db, programme_id)
    changes = data.model_dump(exclude_unset=True)
    if "start_date" in changes:
        programme.start_date = changes["start_date"]
    if changes.get("duration_months") is not None:
        programme.duration_months = changes["duration_months"]
    if changes.get("cadence") is not None:
        programme.cadence = changes["cadence"]
    if changes.get("group_sessions") is not None:
        row.group_sessions = changes["group_sessions"]
    if changes.get("session_minutes") is not None:
        row.session_minutes = changes["session_minutes"]
    await db.commit()
    return await read_frame(db, programme_id)
