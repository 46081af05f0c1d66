"""Running the service: one process, or several uvicorn workers behind one port.

With ``--workers N`` the parent prepares what must happen exactly once — the database migrations and
the search index — and only then starts the workers, which skip the migrations (``migrate_on_start``
off in their environment). Without that, N processes would race to migrate the same database. Shared
state lives outside the workers: the database, Redis for rate limits and jobs, Chroma (a server for
several machines; the embedded index only reads after the parent synced it).
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from typing import Any

from companion.settings import Settings

log = logging.getLogger(__name__)
APP = "companion.app:create_app"


def migrate_once(settings: Settings) -> str | None:
    """Migrate the database to the newest revision; returns the revision it is at."""
    return migrate_url(settings.resolved_database_url)


def migrate_url(url: str) -> str | None:
    """Migrate the database at ``url`` to the newest revision (its own engine, disposed after);
    returns the revision it is at. The test suite builds its template databases with it."""
    from companion.db import engine as db

    async def run() -> str | None:
        engine = db.make_engine(url)
        try:
            await db.upgrade(engine)
            return await db.current_revision(engine)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def index_once() -> None:
    """Bring the search index up to date in a child process (``companion index``), so the parent that
    supervises the workers does not keep the embedding models in memory."""
    subprocess.run([sys.executable, "-m", "companion", "index"], check=True)


def prepare_workers(settings: Settings) -> None:
    """Everything several workers must not do at the same time; then tell them it is done."""
    if settings.migrate_on_start:
        revision = migrate_once(settings)
        print(f"companion: database at revision {revision}; starting workers", file=sys.stderr)
        os.environ["COMPANION_MIGRATE_ON_START"] = "false"
    if settings.index_on_start:
        index_once()
    if not settings.redis_url:
        print(
            "companion: several workers without COMPANION_REDIS_URL count rate limits per worker "
            "and each runs its own notification scans; set it for shared limits and one job queue",
            file=sys.stderr,
        )


def serve(settings: Settings, host: str, port: int, *, workers: int = 1, reload: bool = False) -> None:
    """Serve the app factory with uvicorn (uvloop and httptools when installed)."""
    import uvicorn

    options: dict[str, Any] = {
        "factory": True,
        "host": host,
        "port": port,
        # The service's log level governs uvicorn too: at WARNING the access log (one formatted line
        # per request, a few per cent of the CPU under load) stays off, as the setting says.
        "log_level": settings.log_level.lower(),
    }
    if workers > 1:
        prepare_workers(settings)
        from companion import balancer

        # The parent accepts and hands each connection to the least busy worker (companion.balancer);
        # where descriptors cannot be passed, uvicorn's own shared socket.
        if not reload and balancer.supported():
            balancer.run(uvicorn.Config(APP, workers=workers, **options))
            return
    uvicorn.run(APP, reload=reload, workers=workers if workers > 1 else None, **options)
