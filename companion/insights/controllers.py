"""JSON API of the coordinator insights (anonymised; coordinators only, see companion.auth.policy)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from litestar import Controller, Request, get
from sqlalchemy.ext.asyncio import AsyncSession

from companion.insights.services import Insights, programme_insights
from companion.programmes.controllers import ProgrammeId
from companion.settings import Settings

log = logging.getLogger(__name__)


def knowledge_of(request: Request[Any, Any, Any], settings: Settings) -> Any:
    """The knowledge base (topic categories and titles), loaded once per app; None if unavailable."""
    state = request.app.state
    if "insights_knowledge" not in state:
        from companion.retrieval.knowledge import load_knowledge

        try:
            state.insights_knowledge = load_knowledge(settings.knowledge_dir)
        except Exception:  # insights still work without categories and titles
            log.exception("knowledge base could not be loaded for insights")
            state.insights_knowledge = None
    return state.insights_knowledge


def clock_of(request: Request[Any, Any, Any]) -> datetime:
    """Now, or the app's clock (``app.state.clock``, set by tests to move between snapshot periods)."""
    clock = request.app.state.get("clock")
    return clock() if callable(clock) else datetime.now(UTC)


class InsightsController(Controller):
    path = "/api/programmes/{programme_id:int}/insights"
    tags = ["insights"]

    @get("/")
    async def read(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        programme_id: ProgrammeId,
    ) -> Insights:
        """Programme health, topic mix and themes — only what at least k distinct pairs share."""
        return await programme_insights(
            db_session, programme_id, knowledge_of(request, settings), now=clock_of(request)
        )
