"""Shared fixtures: settings for tests, and a database URL per backend (SQLite and PostgreSQL).

PostgreSQL tests use the server at COMPANION_TEST_PG (default 127.0.0.1:5432, database ``test``) and
create a throw-away database per test; when the server is unreachable they are skipped with a reason.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

PG_HOST = os.environ.get("COMPANION_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("COMPANION_TEST_PG_PORT", "5432"))
PG_ADMIN_DB = os.environ.get("COMPANION_TEST_PG_DB", "test")
TEST_SECRET = "test-secret-" + "x" * 32


def _pg_reachable() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=1):
            return True
    except OSError:
        return False


PG_REASON = f"PostgreSQL not reachable at {PG_HOST}:{PG_PORT}; PostgreSQL path NOT tested"


@pytest.fixture(scope="session")
def pg_available() -> bool:
    return _pg_reachable()


def _pg_admin(sql: str) -> None:
    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(
            host=PG_HOST, port=PG_PORT, user=os.environ.get("PGUSER", "postgres"), database=PG_ADMIN_DB
        )
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run())


@pytest.fixture
def postgres_url(pg_available: bool) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    if not pg_available:
        pytest.skip(PG_REASON)
    name = f"companion_t_{uuid.uuid4().hex[:12]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    user = os.environ.get("PGUSER", "postgres")
    try:
        yield f"postgresql+asyncpg://{user}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'companion.db'}"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Runs a test once per database backend."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def make_settings(tmp_path: Path):
    """Settings for tests: isolated data dir, deterministic embedder, no LLM."""
    from companion.settings import Settings

    def factory(**overrides: object) -> Settings:
        values: dict[str, object] = {
            "env": "test",
            "secret_key": TEST_SECRET,
            "data_dir": tmp_path / "data",
            "embedder": "hash",
            "index_on_start": False,
            "llm_base_url": None,
            "llm_api_key": None,
        }
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[arg-type, call-arg]

    return factory
