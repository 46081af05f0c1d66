"""JSON API for sessions and reflections."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, patch, post
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import own_reflection, principal_of
from companion.db.models import MentoringSession, Pair, Programme, Reflection
from companion.errors import NotFoundError
from companion.generation.composer import Composer
from companion.programmes import services as psvc
from companion.programmes.controllers import Limit, ObjId, Offset
from companion.programmes.schemas import Page
from companion.sessions import reflections as refl
from companion.sessions import services as svc
from companion.sessions.schemas import (
    ReflectionCreate,
    ReflectionRead,
    ReflectionUpdate,
    ReflectionView,
    SessionCreate,
    SessionRead,
    SessionUpdate,
)
from companion.settings import Settings


def taxonomy_of(request: Request[Any, Any, Any], settings: Settings) -> set[str] | None:
    """Topic card ids a reflection may tick (None when the knowledge base is unavailable)."""
    from companion.insights.controllers import knowledge_of

    kb = knowledge_of(request, settings)
    return set(kb.topic_ids()) if kb is not None else None


async def _language(db: AsyncSession, session_id: int) -> str:
    session = await psvc.get_or_404(db, MentoringSession, session_id, "Session")
    pair = await psvc.get_or_404(db, Pair, session.pair_id, "Pair")
    programme = await psvc.get_or_404(db, Programme, pair.programme_id, "Programme")
    return programme.language


def _who_id(request: Request[Any, Any, Any]) -> int | None:
    who = principal_of(request)
    return who.id if who is not None and who.is_participant else None


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
    async def update(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        session_id: ObjId,
        data: SessionUpdate,
    ) -> SessionRead:
        """Reschedule, change the topic or mark a session held / cancelled (a member marking it held
        is recorded: evidence that the pair is real, see the README's threat model)."""
        return SessionRead.model_validate(
            await svc.update_session(db_session, session_id, data, by=_who_id(request))
        )

    @delete("/{session_id:int}")
    async def remove(self, db_session: AsyncSession, session_id: ObjId) -> None:
        """Delete a session."""
        await psvc.delete_row(db_session, MentoringSession, session_id, "Session")

    @post("/{session_id:int}/reflections")
    async def add_reflection(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        session_id: ObjId,
        data: ReflectionCreate,
    ) -> ReflectionRead:
        """Store one side's reflection (per slot, or free ``{question: answer}`` mapped to slots); the
        author is the caller. ``share: false`` keeps it a draft: preview it, then PATCH ``share``."""
        data = own_reflection(principal_of(request), data)
        stored = await refl.create(db_session, session_id, data, taxonomy_of(request, settings))
        return refl.read(stored)

    @get("/{session_id:int}/reflections")
    async def list_reflections(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, session_id: ObjId
    ) -> list[ReflectionRead | ReflectionView]:
        """The caller's own reflection in full; the others' only as shared (what a partner may read)."""
        me = _who_id(request)
        language = await _language(db_session, session_id)
        out: list[ReflectionRead | ReflectionView] = []
        for r in await svc.list_reflections(db_session, session_id):
            if me is not None and r.author_id == me:
                out.append(refl.read(r))
            elif r.shared_at is not None:
                out.append(await refl.view(db_session, r, language, author=False))
        return out


class ReflectionController(Controller):
    path = "/api/reflections"
    tags = ["sessions"]

    @get("/{reflection_id:int}")
    async def read(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, reflection_id: ObjId
    ) -> ReflectionRead | ReflectionView:
        """One reflection: in full for its author, as shared for the partner (404 for a draft)."""
        r = await psvc.get_or_404(db_session, Reflection, reflection_id, "Reflection")
        if r.author_id is not None and r.author_id == _who_id(request):
            return refl.read(r)
        if r.shared_at is None:
            raise NotFoundError(f"Reflection {reflection_id} does not exist")
        return await refl.view(db_session, r, await _language(db_session, r.session_id), author=False)

    @get("/{reflection_id:int}/preview")
    async def preview(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, reflection_id: ObjId
    ) -> ReflectionView:
        """For the author: every sentence as the partner would read it, and why a hidden one is hidden
        (confidential, excluded). ``partner_sees`` is exactly what the partner and the summary get."""
        r = await refl.own(db_session, reflection_id, _who_id(request))
        return await refl.view(db_session, r, await _language(db_session, r.session_id), author=True)

    @patch("/{reflection_id:int}")
    async def change(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        reflection_id: ObjId,
        data: ReflectionUpdate,
    ) -> ReflectionRead:
        """Edit answers, exclude sentences (by preview index), tick themes or share; 409 once a
        summary was made from it."""
        changed = await refl.change(
            db_session, reflection_id, _who_id(request), data, taxonomy_of(request, settings)
        )
        return refl.read(changed)

    @delete("/{reflection_id:int}")
    async def remove(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        composer: Composer,
        reflection_id: ObjId,
    ) -> None:
        """Withdraw (before a summary) or delete (after: the summaries that quoted it are removed and a
        new one is made from the remaining reflections)."""
        r = await refl.own(db_session, reflection_id, _who_id(request))
        session_id = r.session_id
        if await refl.remove(db_session, reflection_id, _who_id(request)):
            from companion.sessions import generation_service as gen

            await gen.generate(db_session, composer, session_id, "summary")
