"""JSON API of matching: coordinators run, read, accept, swap and reject suggestions; participants state
their own preferences (``/api/me/matching-preferences``, never visible to anyone else)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Controller, Request, get, post, put
from litestar.exceptions import PermissionDeniedException
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import principal_of
from companion.db.models import Programme
from companion.errors import NotFoundError
from companion.matching import decisions
from companion.matching import preferences as prefs
from companion.matching import services as svc
from companion.matching.models import MatchSuggestion
from companion.matching.schemas import (
    AcceptRequest,
    AcceptResult,
    MatchRequest,
    Member,
    PreferencesRead,
    PreferencesUpdate,
    RunRead,
    SuggestionRead,
    SwapRequest,
)
from companion.programmes import services as psvc
from companion.programmes.controllers import ObjId, ProgrammeId

Lang = Annotated[Literal["de", "en"] | None, Parameter(description="Language of the explanations")]


async def _lang(db: AsyncSession, programme_id: int, lang: str | None) -> str:
    if lang is not None:
        return lang
    programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
    return programme.language


async def _views(
    db: AsyncSession, programme_id: int, rows: list[MatchSuggestion], lang: str
) -> list[SuggestionRead]:
    everyone = await svc.people(db, programme_id)

    def member(pid: int) -> Member:
        p = everyone.get(pid)
        return Member(id=pid, name=p.name if p else f"#{pid}", department=p.department if p else None)

    return [svc.suggestion_read(r, member, lang) for r in rows]


class MatchingController(Controller):
    path = "/api/programmes/{programme_id:int}/matching"
    tags = ["matching"]

    @post("/runs")
    async def run(
        self,
        db_session: AsyncSession,
        retriever: Any,
        programme_id: ProgrammeId,
        data: MatchRequest,
        lang: Lang = None,
    ) -> RunRead:
        """Compute a complete, explained assignment under the hard rules; open suggestions of earlier
        runs are superseded."""
        language = await _lang(db_session, programme_id, lang)
        run = await svc.run_matching(db_session, programme_id, prefs.fit_model(retriever, language), data)
        return await svc.run_read(db_session, run, language)

    @get("/")
    async def latest(self, db_session: AsyncSession, programme_id: ProgrammeId, lang: Lang = None) -> RunRead:
        """The newest run with its suggestions (404 before the first run)."""
        run = await svc.latest_run(db_session, programme_id)
        if run is None:
            raise NotFoundError(f"Programme {programme_id} has no matching run yet", code="no_matching_run")
        return await svc.run_read(db_session, run, await _lang(db_session, programme_id, lang))

    @post("/suggestions/{suggestion_id:int}/accept", status_code=200)
    async def accept_one(
        self, db_session: AsyncSession, programme_id: ProgrammeId, suggestion_id: ObjId, lang: Lang = None
    ) -> SuggestionRead:
        """Form the suggested pair or group through the pair service (its rules apply: 422 when broken)."""
        row = await decisions.accept(db_session, programme_id, suggestion_id)
        return (await _views(db_session, programme_id, [row], await _lang(db_session, programme_id, lang)))[0]

    @post("/accept", status_code=200)
    async def accept_many(
        self, db_session: AsyncSession, programme_id: ProgrammeId, data: AcceptRequest
    ) -> list[AcceptResult]:
        """Accept several suggestions (default: all open ones of the newest run), each on its own."""
        return await decisions.accept_many(db_session, programme_id, data.suggestion_ids)

    @post("/suggestions/{suggestion_id:int}/reject", status_code=200)
    async def reject(
        self, db_session: AsyncSession, programme_id: ProgrammeId, suggestion_id: ObjId, lang: Lang = None
    ) -> SuggestionRead:
        """Reject a suggestion; later runs will not propose its combinations again."""
        row = await decisions.reject(db_session, programme_id, suggestion_id)
        return (await _views(db_session, programme_id, [row], await _lang(db_session, programme_id, lang)))[0]

    @post("/swap", status_code=200)
    async def swap(
        self,
        db_session: AsyncSession,
        retriever: Any,
        programme_id: ProgrammeId,
        data: SwapRequest,
        lang: Lang = None,
    ) -> list[SuggestionRead]:
        """Exchange juniors between two open suggestions; 422 when a rule would break."""
        language = await _lang(db_session, programme_id, lang)
        rows = await decisions.swap(db_session, programme_id, data, prefs.fit_model(retriever, language))
        return await _views(db_session, programme_id, rows, language)


def _participant(request: Request[Any, Any, Any]) -> int:
    who = principal_of(request)
    if who is None or not who.is_participant:
        raise PermissionDeniedException("Only participants state matching preferences")
    return who.id


class MyPreferencesController(Controller):
    path = "/api/me/matching-preferences"
    tags = ["matching"]

    @get("/")
    async def read(self, request: Request[Any, Any, Any], db_session: AsyncSession) -> PreferencesRead:
        """My matching preferences (private: coordinators never see the 'rather not' list)."""
        return await prefs.read(db_session, _participant(request))

    @put("/")
    async def write(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, data: PreferencesUpdate
    ) -> PreferencesRead:
        """Change my expertise, interests, time slots, formats or 'rather not with' list."""
        return await prefs.update(db_session, _participant(request), data)
