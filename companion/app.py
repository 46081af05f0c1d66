"""The application factory: ``create_app(settings)`` builds a fully wired Litestar app."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from advanced_alchemy.extensions.litestar import (
    AsyncSessionConfig,
    SQLAlchemyAsyncConfig,
    SQLAlchemyPlugin,
)
from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.di import Provide
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin

from companion import __version__, openapi
from companion.db import engine as db
from companion.errors import EXCEPTION_HANDLERS
from companion.evaluation.wiring import evaluation_handlers
from companion.health import health
from companion.matching.controllers import MatchingController, MyPreferencesController
from companion.notifications import setup as notify
from companion.planning.controllers import FrameController, PlanController
from companion.programmes.controllers import (
    PairController,
    ParticipantController,
    ProgrammeController,
    ProgrammeCoordinatorController,
)
from companion.retrieval.controller import KnowledgeController
from companion.runtime import Runtime
from companion.sessions.controllers import PairSessionController, ReflectionController, SessionController
from companion.sessions.generation_controller import generation_handlers
from companion.settings import Settings, get_settings
from companion.web import setup as web

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> Litestar:
    """Build the service. Nothing is created at import time; everything hangs off ``settings``."""
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    runtime = runtime or Runtime(settings)
    engine = db.make_engine(settings.resolved_database_url, pool_size=settings.database_pool_size)
    alchemy = SQLAlchemyAsyncConfig(
        engine_instance=engine,
        session_config=AsyncSessionConfig(expire_on_commit=False),
        set_default_exception_handler=False,
    )

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        migrating: asyncio.Task[None] | None = None
        if settings.migrate_on_start:
            # A database that is down at start must not stop the service: it serves 503s (and /health
            # says why) while the migrations are retried in the background, and recovers by itself.
            app.state.schema_ready = False
            tried = asyncio.Event()
            migrating = asyncio.create_task(
                db.upgrade_when_reachable(
                    engine, lambda: setattr(app.state, "schema_ready", True), first_attempt=tried
                )
            )
            first_try = asyncio.create_task(tried.wait())
            await asyncio.wait({migrating, first_try}, return_when=asyncio.FIRST_COMPLETED)
            first_try.cancel()
            if migrating.done():
                migrating.result()  # a broken migration (not an outage) still stops the start
        if settings.index_on_start:
            runtime.start_indexing()  # /health answers at once and says how far the index is
        try:
            yield
        finally:
            if migrating is not None and not migrating.done():
                migrating.cancel()
            await runtime.aclose()
            await engine.dispose()

    route_handlers: list[Any] = [
        health,
        ProgrammeController,
        ProgrammeCoordinatorController,
        ParticipantController,
        PairController,
        PairSessionController,
        SessionController,
        ReflectionController,
        KnowledgeController,
        MatchingController,
        MyPreferencesController,
        FrameController,
        PlanController,
        *generation_handlers(),
        *evaluation_handlers(),
        *web.route_handlers(),
        *notify.route_handlers(),
    ]

    async def provide_runtime() -> Runtime:
        return runtime

    async def provide_retriever() -> Any:
        return await runtime.retriever()

    async def provide_composer() -> Any:
        return await runtime.composer()

    app = Litestar(
        route_handlers=route_handlers,
        plugins=[SQLAlchemyPlugin(config=alchemy)],
        lifespan=[lifespan, notify.lifespan(settings, engine)],
        after_response=notify.after_response,
        dependencies={
            "settings": Provide(lambda: settings, sync_to_thread=False),
            "runtime": Provide(provide_runtime),
            "retriever": Provide(provide_retriever),
            "composer": Provide(provide_composer),
        },
        exception_handlers=web.exception_handlers(EXCEPTION_HANDLERS),
        middleware=web.middleware(settings),
        stores={**web.stores(settings), **notify.stores(settings)},
        guards=web.guards(),
        template_config=web.template_config(),
        openapi_config=OpenAPIConfig(
            title="companion",
            version=__version__,
            description="Session companion for reverse-mentoring programmes",
            path="/schema",
            render_plugins=[SwaggerRenderPlugin()],
        ),
        cors_config=CORSConfig(allow_origins=[]),
        request_max_body_size=1_000_000,
        debug=False,
    )
    app.state.settings = settings
    app.state.schema_ready = True  # until the lifespan starts migrating
    app.state.db_session_scope_key = alchemy.session_scope_key
    app.state.request_db = lambda scope: alchemy.provide_session(app.state, scope)  # companion.db.scope
    db.track_commits()
    web.install(app, engine)
    openapi.install(app)
    app.state.runtime = runtime
    app.state.engine = engine  # for the CLI's worker supervisor and the query-count tests
    return app
