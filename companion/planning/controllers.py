"""JSON API of the programme frame (coordinators) and of a pair's topic plan (the pair only)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post, put
from sqlalchemy.ext.asyncio import AsyncSession

from companion.planning import frame
from companion.planning import services as svc
from companion.planning.composer import OfflinePlanComposer, PlanComposer
from companion.planning.schemas import FrameRead, FrameUpdate, PlanGenerate, PlanRead, PlanUpdate
from companion.programmes.controllers import ObjId, ProgrammeId
from companion.settings import Settings


def plan_composer(request: Request[Any, Any, Any], settings: Settings, retriever: Any) -> PlanComposer:
    """The LLM plan composer when an endpoint is configured, else the offline one; built once per app."""
    state = request.app.state
    if "plan_composer" not in state:
        offline = OfflinePlanComposer(retriever.knowledge)
        if settings.llm_configured:
            from companion.planning.llm import LLMPlanComposer

            state.plan_composer = LLMPlanComposer(settings, retriever.knowledge, offline)
        else:
            state.plan_composer = offline
    composer: PlanComposer = state.plan_composer
    return composer


class FrameController(Controller):
    path = "/api/programmes/{programme_id:int}/frame"
    tags = ["planning"]

    @get("/")
    async def read(self, db_session: AsyncSession, programme_id: ProgrammeId) -> FrameRead:
        """Start, duration (default six months), cadence, quarterly group sessions and the dates they give."""
        return await frame.read_frame(db_session, programme_id)

    @put("/")
    async def write(
        self, db_session: AsyncSession, programme_id: ProgrammeId, data: FrameUpdate
    ) -> FrameRead:
        """Change the frame; plans already accepted keep their sessions."""
        return await frame.update_frame(db_session, programme_id, data)


class PlanController(Controller):
    path = "/api/pairs/{pair_id:int}/plan"
    tags = ["planning"]

    @get("/")
    async def read(self, db_session: AsyncSession, pair_id: ObjId) -> PlanRead:
        """The pair's plan (404 before one was proposed)."""
        return svc.plan_read(await svc.get_plan(db_session, pair_id))

    @post("/")
    async def propose(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        retriever: Any,
        pair_id: ObjId,
        data: PlanGenerate,
    ) -> PlanRead:
        """Propose a plan from the pair's goals and interests (replaces a draft, 409 once accepted)."""
        composer = plan_composer(request, settings, retriever)
        return svc.plan_read(await svc.propose(db_session, pair_id, composer, retriever, data.language))

    @put("/")
    async def edit(
        self, db_session: AsyncSession, retriever: Any, pair_id: ObjId, data: PlanUpdate
    ) -> PlanRead:
        """Change sessions of the draft plan; what breaks the mix or the shape shows as a warning."""
        return svc.plan_read(await svc.edit(db_session, pair_id, data, retriever.knowledge))

    @post("/accept", status_code=200)
    async def accept(self, db_session: AsyncSession, pair_id: ObjId) -> dict[str, Any]:
        """Plan the sessions (dates from the cadence) through the session service."""
        row, created = await svc.accept(db_session, pair_id)
        return {"plan": svc.plan_read(row).model_dump(mode="json"), "session_ids": created}
