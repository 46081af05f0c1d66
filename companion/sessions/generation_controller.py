"""API for generated outputs of a session: agenda, preparation, reflection prompts, summary."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.params import Parameter
from litestar.response import ServerSentEvent, ServerSentEventMessage
from sqlalchemy.ext.asyncio import AsyncSession

from companion.generation.composer import Composer, encode_event
from companion.programmes.controllers import ObjId
from companion.sessions import generation_service as gen
from companion.sessions.generation_service import StoredOutput

Version = Annotated[int | None, Parameter(ge=1, le=10_000, description="A stored version; default newest")]


def _routes(kind: gen.Kind, path: str) -> list[Any]:
    @post(
        f"/api/sessions/{{session_id:int}}/{path}",
        name=f"generate-{kind}",
        tags=["generation"],
        summary=f"Generate the {kind}",
    )
    async def create(db_session: AsyncSession, composer: Composer, session_id: ObjId) -> StoredOutput:
        return gen.stored(await gen.generate(db_session, composer, session_id, kind))

    @get(
        f"/api/sessions/{{session_id:int}}/{path}",
        name=f"latest-{kind}",
        tags=["generation"],
        summary=f"The latest stored {kind}",
    )
    async def read(db_session: AsyncSession, session_id: ObjId, version: Version = None) -> StoredOutput:
        return gen.stored(await gen.latest(db_session, session_id, kind, version))

    @get(
        f"/api/sessions/{{session_id:int}}/{path}/versions",
        name=f"versions-{kind}",
        tags=["generation"],
        summary=f"All stored {kind} versions",
    )
    async def history(db_session: AsyncSession, session_id: ObjId) -> list[StoredOutput]:
        return [gen.stored(r) for r in await gen.versions(db_session, session_id, kind)]

    return [create, read, history]


class GenerationController(Controller):
    """POST generates and stores a new version; GET returns the newest (or ``?version=N``)."""

    path = "/api/sessions"
    tags = ["generation"]

    @post(
        "/{session_id:int}/agenda/stream",
        status_code=200,
        summary="Generate the agenda with progress (server-sent events)",
    )
    async def stream(
        self, db_session: AsyncSession, composer: Composer, session_id: ObjId
    ) -> ServerSentEvent:
        """Generates and stores a new agenda version, reporting progress as server-sent events:
        retrieving, retrieved, composing, item…, done (with the stored agenda) or error. A POST, because
        it changes state: a link or an ``EventSource`` from another site cannot trigger it."""
        ctx = await gen.build_context(db_session, session_id, "agenda")  # 404/422 before streaming starts

        async def events() -> AsyncIterator[ServerSentEventMessage]:
            async for event in gen.stream_agenda(db_session, composer, session_id, ctx):
                yield ServerSentEventMessage(
                    event=str(event.get("event", "message")), data=encode_event(event)
                )

        return ServerSentEvent(events())


def generation_handlers() -> list[Any]:
    """The controller plus the per-kind routes (same shape for all four outputs)."""
    handlers: list[Any] = [GenerationController]
    for kind, path in [
        ("agenda", "agenda"),
        ("preparation", "preparation"),
        ("reflection-prompts", "reflection-prompts"),
        ("summary", "summary"),
    ]:
        handlers += _routes(kind, path)  # type: ignore[arg-type]
    return handlers


__all__ = ["generation_handlers"]
