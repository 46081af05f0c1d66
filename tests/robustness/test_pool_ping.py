"""Pooled PostgreSQL connections are checked only after sitting idle (issue 13): a connection the
server dropped meanwhile is replaced without an error, and a busy pool pays no ping per request."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import asyncpg as pg_dialect
from sqlalchemy.exc import DBAPIError

from companion.db import engine as engine_module


@pytest.fixture
def pings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every ping of a pooled connection (asyncpg's is a BEGIN + ROLLBACK)."""
    seen: list[str] = []
    original = pg_dialect.AsyncAdapt_asyncpg_connection.ping

    def counting(self: pg_dialect.AsyncAdapt_asyncpg_connection) -> None:
        seen.append("ping")
        original(self)

    monkeypatch.setattr(pg_dialect.AsyncAdapt_asyncpg_connection, "ping", counting)
    return seen


async def _backend_pid(engine: engine_module.AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def _terminate(url: str, pid: int) -> None:
    admin = engine_module.make_engine(url)
    try:
        async with admin.connect() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        await admin.dispose()
    await asyncio.sleep(0.2)


@pytest.mark.parametrize("idle", [True, False], ids=["idle-pinged", "busy-not-pinged"])
def test_a_dropped_connection_is_replaced_when_it_was_idle(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, pings: list[str], idle: bool
) -> None:
    async def main() -> None:
        engine = engine_module.make_engine(postgres_url)
        try:
            first = await _backend_pid(engine)
            await _terminate(postgres_url, first)
            monkeypatch.setattr(engine_module, "IDLE_PING_SECONDS", 0.0 if idle else 3600.0)
            if idle:  # the ping finds it dead and a fresh connection serves the query, no error
                assert await _backend_pid(engine) != first
                assert pings == ["ping"]
            else:  # not pinged: the statement fails (a 503 in the service), the pool is invalidated
                with pytest.raises(DBAPIError):
                    await _backend_pid(engine)
                assert pings == []
                assert await _backend_pid(engine) != first  # and the next request gets a new one
        finally:
            await engine.dispose()

    asyncio.run(main())


def test_a_connection_in_steady_use_is_not_pinged(postgres_url: str, pings: list[str]) -> None:
    async def main() -> None:
        engine = engine_module.make_engine(postgres_url)
        try:
            pids = {await _backend_pid(engine) for _ in range(20)}
            assert len(pids) == 1  # one pooled connection, reused twenty times
            assert pings == []  # pool_pre_ping would have pinged it twenty times
        finally:
            await engine.dispose()

    asyncio.run(main())
