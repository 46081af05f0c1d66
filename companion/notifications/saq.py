"""SAQ on Redis via litestar-saq: the queue the service enqueues on, and the worker of
``companion worker`` (the job functions of :mod:`companion.notifications.jobs` plus a scan every
minute). Each worker process builds its own database engine and services in its startup hook."""

from __future__ import annotations

from typing import Any

from litestar_saq import CronJob, QueueConfig, SAQConfig

from companion.notifications.context import Services, build_services
from companion.notifications.jobs import CTX, deliver, scan_due, signin_request
from companion.notifications.runners import enqueue_saq
from companion.settings import Settings


def saq_config(
    settings: Settings, *, services: Services | None = None, worker_id: str | None = None
) -> SAQConfig:
    """The queue configuration; ``services`` replaces the worker's own (tests inject a clock and a
    transport)."""

    async def startup(ctx: dict[str, Any]) -> None:
        queue = ctx["worker"].queue
        if services is None:
            from companion.db import engine as db

            engine = db.make_engine(settings.resolved_database_url)
            ctx["engine"] = engine
            ctx[CTX] = build_services(settings, engine)
        else:
            ctx[CTX] = services

        async def enqueue(job: str, **kwargs: Any) -> None:
            await enqueue_saq(queue, job, **kwargs)

        ctx["enqueue"] = enqueue

    async def shutdown(ctx: dict[str, Any]) -> None:
        engine = ctx.get("engine")
        if engine is not None:
            await engine.dispose()

    # SAQ types job functions against its own Context TypedDict; ours take the same dict.
    tasks: list[Any] = [scan_due, deliver, signin_request]
    scan: Any = scan_due
    on_start: list[Any] = [startup]
    on_stop: list[Any] = [shutdown]
    return SAQConfig(
        queue_configs=[
            QueueConfig(
                dsn=settings.redis_url,
                name=settings.queue_name,
                id=worker_id,
                tasks=tasks,
                scheduled_tasks=[CronJob(function=scan, cron="* * * * *", timeout=300)],
                startup=on_start,
                shutdown=on_stop,
                concurrency=8,
                separate_process=True,
            )
        ],
        use_server_lifespan=False,
    )
