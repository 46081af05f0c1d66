"""JSON API for sessions and reflections."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, patch, post
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import own_reflection, principal_of
from companion.db.models import MentoringSession, Pair, Reflection
from companion.programmes import services as psvc
from companion.programmes.controllers import Limit, ObjId, Offset
from companion.programmes.schemas import Page
from companion.sessions import services as svc
from companion.sessions.schemas import (
    ReflectionCreate,
    ReflectionRead,
    SessionCreate,
    SessionRead,
    SessionUpdate,
)


class PairSessionController(Controller):
    path = "/api/pairs/{pair_id:int}/sessions"
    tags = ["sessions"]

    @post("/")
    async def create(self, db_session: AsyncSession, pair_id: ObjId, data: SessionCreate) -> SessionRead:
        """Plan a session for a pair."""
        return SessionRead.model_validate(await svc.create_session(db_session, pair_id, data))

    @get("/")
    async def list_sessions(
        self, db_session: AsyncSession, pair_id: ObjId, limit: Limit = 20, offset: Offset = 0
    ) -> Page[SessionRead]:
        """A pair's sessions in order."""
        await psvc.get_or_404(db_session, Pair, pair_id, "Pair")
        stmt = (
            select(MentoringSession)
            .where(MentoringSession.pair_id == pair_id)
            .order_by(MentoringSession.number)
        )
        rows, total = await psvc.paginate(db_session, stmt, limit, offset)
        return Page(
            items=[SessionRead.model_validate(r) for r in rows], total=total, limit=limit, offset=offset
        )


class SessionController(Controller):
    path = "/api/sessions"
    tags = ["sessions"]

    @get("/{session_id:int}")
    async def read(self, db_session: AsyncSession, session_id: ObjId) -> SessionRead:
        """One session."""
        return SessionRead.model_validate(
            await psvc.get_or_404(db_session, MentoringSession, session_id, "Session")
        )

    @patch("/{session_id:int}")
    async def update(self, db_session: AsyncSession, session_id: ObjId, data: SessionUpdate) -> SessionRead:
        """Reschedule, change the topic or mark a session held / cancelled."""
        return SessionRead.model_validate(await svc.update_session(db_session, session_id, data))

    @delete("/{session_id:int}")
    async def remove(self, db_session: AsyncSession, session_id: ObjId) -> None:
        """Delete a session."""
        await psvc.delete_row(db_session, MentoringSession, session_id, "Session")

    @post("/{session_id:int}/reflections")
    async def add_reflection(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        session_id: ObjId,
        data: ReflectionCreate,
    ) -> ReflectionRead:
        """Store one side's reflection answers, exactly as submitted; the author is the caller."""
        data = own_reflection(principal_of(request), data)
        return ReflectionRead.model_validate(await svc.add_reflection(db_session, session_id, data))

    @get("/{session_id:int}/reflections")
    async def list_reflections(self, db_session: AsyncSession, session_id: ObjId) -> list[ReflectionRead]:
        """All reflections of a session."""
        return [ReflectionRead.model_validate(r) for r in await svc.list_reflections(db_session, session_id)]


class ReflectionController(Controller):
    path = "/api/reflections"
    tags = ["sessions"]

    @get("/{reflection_id:int}")
    async def read(self, db_session: AsyncSession, reflection_id: ObjId) -> ReflectionRead:
        """One reflection."""
        return ReflectionRead.model_validate(
            await psvc.get_or_404(db_session, Reflection, reflection_id, "Reflection")
        )
