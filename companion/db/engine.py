"""Engine creation and schema migrations (Alembic), shared by the service, the CLI and tests."""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, event, inspect, text
from sqlalchemy.engine.url import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.orm import Session

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"  # alembic's default; the migrations do not change it
CONNECT_TIMEOUT_SECONDS = 5.0
STATEMENT_TIMEOUT_SECONDS = 30.0
SQLITE_BUSY_TIMEOUT_SECONDS = 15.0
# A pooled PostgreSQL connection idle for longer than this is checked before it is handed out.
IDLE_PING_SECONDS = 5.0
MAX_OVERFLOW = 10
log = logging.getLogger(__name__)


def make_engine(url: str, pool_size: int = 5) -> AsyncEngine:
    """An async engine; SQLite gets foreign keys switched on and its parent directory created."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A writer waits up to this long for another one's lock instead of failing at once.
        engine = create_async_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})

        @event.listens_for(engine.sync_engine, "connect")
        def _fk_on(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            # WAL: readers never wait for the writer (and the writer not for readers), which is what
            # several concurrent requests need; NORMAL syncs at checkpoints, not at every commit (a
            # crash of the process loses nothing, a power cut at most the last commits).
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    # Short connect and pool timeouts: an unreachable server must become a quick 503, not a request
    # that hangs for a minute.
    # A request holds its connection from the first query to the commit: the pool must cover the
    # requests in flight, or every burst opens (and closes again) overflow connections, each a new
    # PostgreSQL backend process (issue 13: 16 requests in flight per worker, pool of 5).
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=MAX_OVERFLOW,
        pool_timeout=CONNECT_TIMEOUT_SECONDS * 2,
        connect_args={"timeout": CONNECT_TIMEOUT_SECONDS, "command_timeout": STATEMENT_TIMEOUT_SECONDS},
    )
    _ping_idle_connections(engine)
    return engine


def _ping_idle_connections(engine: AsyncEngine) -> None:
    """Replace pooled connections that died while the server was away, without a ping per request.

    ``pool_pre_ping`` checks every checkout with a BEGIN and a ROLLBACK: two round trips and ~7 % of
    the CPU of an agenda request under load (issue 13), for connections that were in use a moment
    ago. Only a connection that sat idle for ``IDLE_PING_SECONDS`` is pinged here; a dead one is
    reported as a disconnect, and the pool then opens a fresh one. A connection that dies while busy
    fails its statement, SQLAlchemy invalidates the pool, and the request gets a 503 as before."""
    pool = engine.sync_engine.pool

    @event.listens_for(pool, "checkin")
    def _stamp(dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(pool, "checkout")
    def _ping_if_idle(dbapi_conn: Any, record: Any, proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < IDLE_PING_SECONDS:
            return
        try:
            dbapi_conn.ping()
        except Exception as exc:
            raise DisconnectionError("pooled connection is gone") from exc


def _mark_committed(session: Session) -> None:
    session.info["committed"] = True


def track_commits() -> None:
    """Note in ``session.info`` when a session committed, so a 503 after a failure can say whether the
    request's data was stored (``companion.errors.outage_message``). Idempotent."""
    if not event.contains(Session, "after_commit", _mark_committed):
        event.listen(Session, "after_commit", _mark_committed)


async def upgrade_when_reachable(
    engine: AsyncEngine,
    on_ready: Callable[[], None],
    *,
    first_attempt: asyncio.Event | None = None,
    first_wait: float = 1.0,
    max_wait: float = 30.0,
) -> None:
    """Run the migrations, retrying with growing pauses while the database does not answer, then call
    ``on_ready``; ``first_attempt`` is set once the first try is over either way. Errors that are not
    an outage (a broken migration) propagate."""
    from companion.errors import database_outage

    wait, attempt = first_wait, 1
    while True:
        try:
            await upgrade(engine)
        except Exception as exc:
            if not database_outage(exc):
                raise
            log.warning(
                "database not reachable (%s: %s); migrations not run yet, retrying in %.0f s (attempt %d). "
                "Requests get 503 until then.",
                type(exc).__name__,
                str(exc).splitlines()[0][:200] if str(exc) else "",
                wait,
                attempt,
            )
            if first_attempt is not None:
                first_attempt.set()
            await asyncio.sleep(wait)
            wait, attempt = min(wait * 2, max_wait), attempt + 1
            continue
        log.info("database reachable; schema at revision %s", head_revision())
        on_ready()
        return


def alembic_config() -> Config:
    """Alembic configuration pointing at the packaged migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _upgrade(conn: Connection, revision: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)


def _downgrade(conn: Connection, revision: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.downgrade(cfg, revision)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest)."""
    async with engine.begin() as conn:
        await conn.run_sync(_upgrade, revision)


async def downgrade(engine: AsyncEngine, revision: str = "base") -> None:
    """Migrate the database down to ``revision`` (default: empty)."""
    async with engine.begin() as conn:
        await conn.run_sync(_downgrade, revision)


@functools.cache
def head_revision() -> str | None:
    """The newest migration revision shipped with this version (read once: the files do not change
    while the process runs, and ``/health`` asks on every call)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _stored_revision(conn: Connection) -> str | None:
    # Read alembic's version table directly: MigrationContext.configure() logs two INFO lines per
    # call, which turned every /health probe into log noise.
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    rows = sorted(conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all())
    # Several rows mean several branch heads: reported joined, so it never equals the single head.
    return ",".join(rows) if rows else None


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database is at, or None when it has never been migrated."""
    async with engine.connect() as conn:
        return await conn.run_sync(_stored_revision)


async def ping(engine: AsyncEngine) -> None:
    """Raise if the database cannot answer a trivial query."""
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
