"""Two runners for the same job functions: SAQ on Redis (``companion worker``), or an in-process
runner inside the service when no Redis is configured."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, Protocol

from companion.notifications.context import Services
from companion.notifications.jobs import CTX, FUNCTIONS

log = logging.getLogger(__name__)


class Runner(Protocol):
    """Accepts jobs by name; started and stopped with the service."""

    async def enqueue(self, job: str, **kwargs: Any) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def kick(self) -> None: ...


class InProcessRunner:
    """Runs jobs as asyncio tasks and scans every ``scan_interval_seconds`` (or at once on ``kick``).
    Fine for one service process; with several, configure Redis and run ``companion worker``."""

    def __init__(self, services: Services, interval: float | None = None) -> None:
        self.services = services
        self.interval = interval if interval is not None else services.settings.scan_interval_seconds
        self.ctx: dict[str, Any] = {CTX: services, "enqueue": self.enqueue}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._loop_task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    async def run(self, job: str, **kwargs: Any) -> Any:
        """Run a job now and wait for it (CLI, tests)."""
        return await FUNCTIONS[job](self.ctx, **kwargs)

    async def enqueue(self, job: str, **kwargs: Any) -> None:
        task = asyncio.create_task(self._guarded(job, kwargs))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _guarded(self, job: str, kwargs: dict[str, Any]) -> None:
        try:
            await FUNCTIONS[job](self.ctx, **kwargs)
        except Exception:  # a failing job must not take the service down; its row stays due
            log.exception("Job %s failed", job)

    async def drain(self) -> None:
        """Wait until every enqueued job (and the jobs they enqueued) has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def kick(self) -> None:
        """Scan now instead of at the next interval (after a session changed)."""
        self._wake.set()

    async def _loop(self) -> None:
        while True:
            await self._guarded("scan_due", {})
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)
            self._wake.clear()

    async def start(self) -> None:
        self._loop_task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.drain(), timeout=10)


class SaqRunner:
    """Hands jobs to SAQ on Redis; ``companion worker`` processes run them (and the periodic scan)."""

    def __init__(self, queue: Any) -> None:
        self.queue = queue
        self._tasks: set[asyncio.Task[Any]] = set()

    async def enqueue(self, job: str, **kwargs: Any) -> None:
        await enqueue_saq(self.queue, job, **kwargs)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        try:
            await self.queue.disconnect()
        except Exception as exc:  # Redis gone at shutdown: nothing left to close cleanly
            log.warning("Closing the job queue failed: %s", exc)

    def kick(self) -> None:
        """Ask a worker to scan now (it also scans every minute)."""
        task = asyncio.get_running_loop().create_task(self._kick())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _kick(self) -> None:
        try:
            await self.enqueue("scan_due")
        except Exception as exc:  # Redis down: the worker's own minute scan catches up
            log.warning("Could not enqueue a scan: %s", exc)


async def enqueue_saq(queue: Any, job: str, **kwargs: Any) -> None:
    """Enqueue on SAQ. Exactly-once does not depend on the queue: a job that runs twice finds its
    notification already claimed (``queue.claim``)."""
    await queue.enqueue(job, timeout=120, retries=1, **kwargs)
