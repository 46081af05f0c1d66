"""One writer at a time per SQLite database within a process, queued fairly on the event loop.

SQLite has a single write lock. A writer that finds it taken does not queue: its busy handler sleeps
and retries with growing pauses (1, 2, 5 … 100 ms), so under concurrent writes some requests keep
losing the race and wait for seconds while the lock is free most of the time (the p99 of 2.7 s at
32 clients on SQLite in issue 13). Within one process an asyncio lock hands the write lock over in
arrival order instead. Other processes on the same file still fall back to SQLite's busy timeout;
PostgreSQL needs none of this (row locks queue)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from weakref import WeakKeyDictionary

from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncSession

_LOCKS: WeakKeyDictionary[Engine, asyncio.Lock] = WeakKeyDictionary()


@contextlib.asynccontextmanager
async def sqlite_writer(db: AsyncSession) -> AsyncIterator[None]:
    """Hold this process's write turn for ``db``'s SQLite database (a no-op for other databases)."""
    bind = db.get_bind()
    if bind.dialect.name != "sqlite" or not isinstance(bind, Engine):
        yield
        return
    lock = _LOCKS.get(bind)
    if lock is None:
        lock = _LOCKS[bind] = asyncio.Lock()
    async with lock:
        yield
