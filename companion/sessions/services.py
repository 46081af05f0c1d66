"""Session and reflection logic."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import MentoringSession, Pair, Reflection
from companion.errors import ConflictError
from companion.programmes.services import get_or_404
from companion.sessions.schemas import SessionCreate, SessionUpdate


async def create_session(db: AsyncSession, pair_id: int, data: SessionCreate) -> MentoringSession:
    """Plan a session for a pair; the number defaults to the next free one."""
    await get_or_404(db, Pair, pair_id, "Pair")
    number = data.number
    if number is None:
        highest = await db.scalar(
            select(func.max(MentoringSession.number)).where(MentoringSession.pair_id == pair_id)
        )
        number = int(highest or 0) + 1
    else:
        clash = await db.scalar(
            select(MentoringSession.id).where(
                MentoringSession.pair_id == pair_id, MentoringSession.number == number
            )
        )
        if clash is not None:
            raise ConflictError(f"Pair {pair_id} already has a session number {number} (id {clash})")
    session = MentoringSession(pair_id=pair_id, **data.model_dump(exclude={"number"}), number=number)
    db.add(session)
    await db.commit()
    return session


async def update_session(
    db: AsyncSession, session_id: int, data: SessionUpdate, by: int | None = None
) -> MentoringSession:
    """Change a session; ``by`` is the participant making the change (recorded when they mark it held)."""
    session = await get_or_404(db, MentoringSession, session_id, "Session")
    for key, value in data.model_dump(exclude_unset=True).items():
        if value is not None or key in {"scheduled_at", "topic"}:
            setattr(session, key, value)
    if data.status == "held" and by is not None:
        session.held_by = by
    await db.commit()
    await db.refresh(session)
    return session


async def list_reflections(db: AsyncSession, session_id: int) -> list[Reflection]:
    await get_or_404(db, MentoringSession, session_id, "Session")
    rows = await db.scalars(
        select(Reflection).where(Reflection.session_id == session_id).order_by(Reflection.id)
    )
    return list(rows.all())
