"""Wiring notifications into the app: routes, the job runner in the lifespan (in-process, or an SAQ
queue when Redis is configured), and a nudge to scan right after a session changed."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from litestar import Litestar, Request
from sqlalchemy.ext.asyncio import AsyncEngine

from companion.notifications.context import Services, build_services
from companion.notifications.runners import InProcessRunner, Runner, SaqRunner
from companion.notifications.signin import SigninLimiter
from companion.settings import Settings

log = logging.getLogger(__name__)
SESSION_WRITES = ("/api/pairs/{pair_id}/sessions", "/api/sessions/{session_id}", "/me/")
# Generating an output (agenda, preparation, prompts, summary) stores a new version and changes nothing
# a notification depends on: no scan (it cost seven queries after every generation request).
GENERATED = re.compile(r"/(agenda|preparation|reflection-prompts|summary)(/stream)?$")


def route_handlers() -> list[Any]:
    """Sign-in by e-mail, preferences, calendar feeds, invitations (API and pages)."""
    from companion.notifications.controllers import routes

    return routes()


def stores(settings: Settings) -> dict[str, Any]:
    """The sign-in limit counters: in Redis when configured (shared by all workers), else in memory."""
    if not settings.redis_url:
        return {}
    from companion.notifications.signin import limiter_store

    return {"signin": limiter_store(settings)}


def lifespan(
    settings: Settings, engine: AsyncEngine
) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """Start the runner with the service: in-process scans without Redis, SAQ hand-off with it."""

    @asynccontextmanager
    async def run(app: Litestar) -> AsyncIterator[None]:
        # Mails written to the outbox are announced in the log (INFO), whatever configured logging first.
        logging.getLogger("companion.notifications").setLevel(settings.log_level)
        services = build_services(settings, engine)
        runner: Runner
        if settings.redis_url:
            # The service only enqueues; `companion worker` (litestar-saq workers) runs the jobs. A plain
            # SAQ queue here, not the plugin, so the web process runs no worker machinery.
            from saq import Queue

            runner = SaqRunner(Queue.from_url(settings.redis_url, name=settings.queue_name))
        else:
            runner = InProcessRunner(services)
        app.state.notifier = Notifier(services, runner)
        app.state.signin_limiter = SigninLimiter(
            app.stores.get("signin"), settings.signin_limit_per_address, settings.signin_limit_per_ip
        )
        if settings.scan_interval_seconds and not settings.redis_url:
            await runner.start()
        try:
            yield
        finally:
            await runner.stop()

    return run


class Notifier:
    """What request handlers use: the services and the runner to hand jobs to."""

    def __init__(self, services: Services, runner: Runner) -> None:
        self.services = services
        self.runner = runner

    async def enqueue(self, job: str, **kwargs: Any) -> None:
        await self.runner.enqueue(job, **kwargs)


def notifier_of(request: Request[Any, Any, Any]) -> Notifier:
    notifier: Notifier = request.app.state.notifier
    return notifier


async def after_response(request: Request[Any, Any, Any]) -> None:
    """After a write to a session, look for calendar updates now instead of at the next scan."""
    template = str(request.scope.get("path_template", ""))
    if (
        request.method in ("POST", "PATCH", "DELETE")
        and template.startswith(SESSION_WRITES)
        and not GENERATED.search(template)
    ):
        notifier = getattr(request.app.state, "notifier", None)
        if notifier is not None:
            notifier.runner.kick()
