"""Where a session stands and what the pair should do next.

A planned session moves through *planned → agenda ready → preparation ready*; once held through
*held → reflections → summary*. A planned session whose time is over is *overdue* until someone marks
it held, moves or cancels it. For each state there is exactly one next action, which the session page
shows as its only primary button (everything else is secondary).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import GeneratedOutput, MentoringSession, Reflection

# The stages in order; "cancelled" stands apart.
STAGES = ("planned", "agenda", "preparation", "held", "reflections", "summary")


@dataclass(frozen=True)
class Progress:
    """``stage`` (one of :data:`STAGES` or ``cancelled``), whether it is overdue, how many reflections
    exist, and ``next_action``: topic, agenda, preparation, mark_held, reflection_prompts, reflect,
    summary, plan_next or replan."""

    stage: str
    overdue: bool
    reflections: int
    next_action: str

    @property
    def done(self) -> bool:
        return self.stage == "summary"


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time on these pages is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def is_overdue(session: MentoringSession, now: datetime) -> bool:
    """True when a planned session's end has passed (its date is over and nobody marked it held)."""
    if session.status != "planned" or session.scheduled_at is None:
        return False
    end = _aware(session.scheduled_at) + timedelta(minutes=session.duration_minutes or 0)
    return end < now


def progress(
    session: MentoringSession,
    kinds: Iterable[str],
    reflections: int,
    *,
    reflected: bool,
    now: datetime,
) -> Progress:
    """The state of ``session`` given the kinds of output stored for it (agenda, preparation,
    reflection-prompts, summary), the number of reflections and whether the viewer has reflected."""
    made = set(kinds)
    if session.status == "cancelled":
        return Progress("cancelled", False, reflections, "replan")
    if session.status == "planned":
        stage = "preparation" if "preparation" in made else "agenda" if "agenda" in made else "planned"
        overdue = is_overdue(session, now)
        if overdue:
            action = "mark_held"
        elif "agenda" not in made:
            action = "agenda" if session.topic else "topic"
        elif "preparation" not in made:
            action = "preparation"
        else:
            action = "mark_held"
        return Progress(stage, overdue, reflections, action)
    # held
    if "summary" in made:
        return Progress("summary", False, reflections, "plan_next")
    stage = "reflections" if reflections else "held"
    prompts = "reflect" if "reflection-prompts" in made else "reflection_prompts"
    action = "summary" if reflected else prompts
    return Progress(stage, False, reflections, action)


async def progress_of(
    db: AsyncSession,
    sessions: Sequence[MentoringSession],
    participant_id: int | None,
    now: datetime | None = None,
) -> dict[int, Progress]:
    """:func:`progress` for many sessions with three queries (the home page lists them all)."""
    ids = [s.id for s in sessions]
    if not ids:
        return {}
    now = now or datetime.now(UTC)
    kinds: dict[int, set[str]] = {}
    for sid, kind in (
        await db.execute(
            select(GeneratedOutput.session_id, GeneratedOutput.kind)
            .where(GeneratedOutput.session_id.in_(ids))
            .distinct()
        )
    ).all():
        kinds.setdefault(sid, set()).add(kind)
    counts = dict(
        (
            await db.execute(
                select(Reflection.session_id, func.count())
                .where(Reflection.session_id.in_(ids), Reflection.shared_at.is_not(None))
                .group_by(Reflection.session_id)
            )
        ).all()
    )
    mine: set[int] = set()
    if participant_id is not None:
        mine = set(
            (
                await db.scalars(
                    select(Reflection.session_id).where(
                        Reflection.session_id.in_(ids),
                        Reflection.author_id == participant_id,
                        Reflection.shared_at.is_not(None),  # a draft is not a reflection yet
                    )
                )
            ).all()
        )
    return {
        s.id: progress(s, kinds.get(s.id, ()), int(counts.get(s.id, 0)), reflected=s.id in mine, now=now)
        for s in sessions
    }
