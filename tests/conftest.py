"""Shared fixtures: settings for tests, and a database URL per backend (SQLite and PostgreSQL).

PostgreSQL tests use the server at COMPANION_TEST_PG (default 127.0.0.1:5432, database ``test``) and
create a throw-away database per test, copied from one migrated once per run; when the server is
unreachable they are skipped with a reason. ``empty_*`` fixtures give databases without tables.

Under pytest-xdist (``pytest -n 2``) every worker is its own process with its own session fixtures:
database names carry the worker id and a tag of this process (``companion_t_gw1_<run>_<uuid>``), so a
worker only ever creates and drops its own databases, and each worker uses its own Redis database
(:func:`worker_redis_url`). Temporary paths are per worker already (``tmp_path_factory``).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

PG_HOST = os.environ.get("COMPANION_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("COMPANION_TEST_PG_PORT", "5432"))
PG_ADMIN_DB = os.environ.get("COMPANION_TEST_PG_DB", "test")
TEST_SECRET = "test-secret-" + "x" * 32

# "gw0", "gw1", … under pytest-xdist; "master" in a plain run (the name xdist's ``worker_id`` uses).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "master")
# Tells this process's databases from those of another run on the same server (two checkouts, CI).
RUN_TAG = uuid.uuid4().hex[:8]
PG_PREFIX = f"companion_{{kind}}_{WORKER}_{RUN_TAG}_"


def _pg_name(kind: str) -> str:
    """A database name of this worker and run: ``companion_tpl_gw0_<run>_<uuid>``."""
    return PG_PREFIX.format(kind=kind) + uuid.uuid4().hex[:12]


def worker_redis_url(url: str) -> str:
    """``url`` with a Redis database of this xdist worker: db 1 + n for worker ``gwn`` (db 15 stays the
    load benchmark's, so 14 workers at most get a database of their own). Unchanged in a plain run.
    Tests clear the keys they count on, so two workers must not share a database."""
    if WORKER == "master" or not url.startswith(("redis://", "rediss://")):
        return url
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    db = 1 + (base + int(WORKER.removeprefix("gw"))) % 14
    return urlunsplit(parts._replace(path=f"/{db}"))


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


def _pg_admin(sql: str) -> list[str]:
    """Run ``sql`` on the admin database; returns the first column of the rows a SELECT gives."""
    import asyncpg

    async def run() -> list[str]:
        conn = await asyncpg.connect(
            host=PG_HOST, port=PG_PORT, user=os.environ.get("PGUSER", "postgres"), database=PG_ADMIN_DB
        )
        try:
            if sql.lstrip().upper().startswith("SELECT"):
                return [row[0] for row in await conn.fetch(sql)]
            await conn.execute(sql)
            return []
        finally:
            await conn.close()

    return asyncio.run(run())


def _drop_own_leftovers() -> None:
    """Drop databases of this worker and run that a test left behind (its own teardown failed or was
    interrupted). Only names with this process's prefix are touched, never another worker's."""
    own = tuple(PG_PREFIX.format(kind=kind) for kind in ("t", "tpl"))
    for name in _pg_admin("SELECT datname FROM pg_database WHERE datname LIKE 'companion%'"):
        if name.startswith(own):
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_url(name: str) -> str:
    return f"postgresql+asyncpg://{os.environ.get('PGUSER', 'postgres')}@{PG_HOST}:{PG_PORT}/{name}"


# Most tests start the app on an empty database, which then migrates it (0.2-0.4 s a test, a good
# part of the suite's time). They get a copy of a database migrated once per run instead; the app's
# own migration then finds nothing to do. Tests of migrations themselves take the ``empty_*`` fixtures.
@pytest.fixture(scope="session")
def pg_template(pg_available: bool) -> Iterator[str | None]:
    """A PostgreSQL database at the newest revision, for this run only."""
    from companion.serving import migrate_url

    if not pg_available:
        yield None
        return
    name = _pg_name("tpl")
    _pg_admin(f'CREATE DATABASE "{name}"')
    try:
        migrate_url(_pg_url(name))
        yield name
    finally:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _drop_own_leftovers()


@pytest.fixture(scope="session")
def hash_retriever(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A retriever over the whole knowledge base with the deterministic hash embedder, built once per
    session (once per xdist worker): building it takes about 5 s. Apps in tests search it instead of
    indexing on start; every test directory that needs one shares this one."""
    from companion.retrieval.indexer import build_retriever
    from companion.settings import Settings

    data = tmp_path_factory.mktemp("hash-index")
    return build_retriever(Settings(_env_file=None, env="development", data_dir=data, embedder="hash"))  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at the newest revision, copied for every test that wants a database."""
    from companion.serving import migrate_url

    path = tmp_path_factory.mktemp("sqlite-template") / "companion.db"
    migrate_url(f"sqlite+aiosqlite:///{path}")
    return path


def _fresh_pg(template: str | None) -> Iterator[str]:
    name = _pg_name("t")
    _pg_admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield _pg_url(name)
    finally:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(pg_available: bool, pg_template: str | None) -> Iterator[str]:
    """A fresh PostgreSQL database at the newest revision for one test; dropped afterwards."""
    if not pg_available:
        pytest.skip(PG_REASON)
    yield from _fresh_pg(pg_template)


@pytest.fixture
def empty_postgres_url(pg_available: bool) -> Iterator[str]:
    """A fresh, empty PostgreSQL database (no tables) for one test; dropped afterwards."""
    if not pg_available:
        pytest.skip(PG_REASON)
    yield from _fresh_pg(None)


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A SQLite file at the newest revision, for one test."""
    target = tmp_path / "companion.db"
    shutil.copyfile(sqlite_template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture
def empty_sqlite_url(tmp_path: Path) -> str:
    """A SQLite database that does not exist yet (the app or the test creates it)."""
    return f"sqlite+aiosqlite:///{tmp_path / 'companion.db'}"


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database_url(request: pytest.FixtureRequest) -> str:
    """An empty database, once per backend (tests of the migrations themselves)."""
    return request.getfixturevalue(f"empty_{request.param}_url")


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
