"""``GET /health``: is the database reachable and migrated, is Redis (when configured) answering, and
which version is running."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from sqlalchemy.ext.asyncio import AsyncEngine

from companion import __version__
from companion.db.engine import current_revision, head_revision
from companion.errors import RETRY_AFTER_SECONDS
from companion.web.stores import RATE_LIMIT_STORE, FallbackStore


@get("/health", tags=["health"], cache=False)
async def health(db_engine: AsyncEngine, request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
    """Report database reachability and schema revision; 503 when the database does not answer.
    An unreachable Redis only degrades the service (rate limits fall back to process memory)."""
    body: dict[str, Any] = {
        "status": "ok",
        "version": __version__,
        "database": {"backend": db_engine.dialect.name},
    }
    retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    try:
        revision = await current_revision(db_engine)
    except Exception as exc:  # any driver error means "unreachable" to the operator
        body["status"] = "unavailable"
        body["database"].update(reachable=False, error=type(exc).__name__)
        return Response(body, status_code=503, headers=retry)
    if not getattr(request.app.state, "schema_ready", True):
        body["status"] = "starting"
        body["database"].update(reachable=True, revision=revision, migrated=False)
        return Response(body, status_code=503, headers=retry)
    head = head_revision()
    body["database"].update(reachable=True, revision=revision, head=head, up_to_date=revision == head)
    if revision != head:
        body["status"] = "degraded"
    runtime = getattr(request.app.state, "runtime", None)
    if runtime is not None:
        body["index"] = runtime.index_status()
    store = request.app.stores.get(RATE_LIMIT_STORE)
    if isinstance(store, FallbackStore):
        body["redis"] = {"reachable": await _answers(store)}
        if not body["redis"]["reachable"]:
            body["status"] = "degraded"
    return Response(body, status_code=200)


async def _answers(store: FallbackStore) -> bool:
    try:
        await store.primary.exists("health")
    except store.errors:
        return False
    return True
