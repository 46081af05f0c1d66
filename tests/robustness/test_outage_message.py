"""The 503 message tells the truth about the submitted data: a request whose session committed before
the database went away says "stored", one that never committed says "NOT stored". The commit flag is
set by a real SQLAlchemy session event on a real database; which errors count as an outage is checked
on real driver exceptions."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from companion.db import engine as db
from companion.errors import database_outage, outage_message

KEY = "db_session_for_test"


def _request(method: str, session: Any) -> Any:
    scope = {"_aa_connection_state": {KEY: session}}  # where advanced-alchemy keeps the request session
    return SimpleNamespace(
        method=method, scope=scope, app=SimpleNamespace(state=SimpleNamespace(db_session_scope_key=KEY))
    )


def test_the_message_says_whether_the_request_committed(sqlite_url: str) -> None:
    db.track_commits()

    async def run() -> tuple[Any, Any]:
        engine = db.make_engine(sqlite_url)
        maker = async_sessionmaker(engine)
        try:
            async with maker() as fresh, maker() as committed:
                await committed.execute(text("CREATE TABLE t (x INTEGER)"))
                await committed.commit()
                return outage_message(_request("POST", fresh)), outage_message(_request("POST", committed))
        finally:
            await engine.dispose()

    not_stored, stored = asyncio.run(run())
    assert not_stored[1] is False and "NOT stored" in not_stored[0]
    assert stored[1] is True and "it is saved" in stored[0]
    assert "nothing was changed" in outage_message(_request("GET", None))[0]


@pytest.mark.postgres
def test_real_driver_errors_are_classified(pg_available: bool) -> None:
    if not pg_available:
        pytest.skip("PostgreSQL not reachable")

    async def error_of(url: str) -> BaseException:
        engine = db.make_engine(url)
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:
            return exc
        finally:
            await engine.dispose()
        raise AssertionError("expected an error")

    from tests.conftest import PG_HOST, PG_PORT
    from tests.robustness.live import free_port

    refused = asyncio.run(error_of(f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/x"))
    missing = asyncio.run(
        error_of(f"postgresql+asyncpg://postgres@{PG_HOST}:{PG_PORT}/companion_no_such_db_i12")
    )
    assert database_outage(refused) and database_outage(missing)
    assert not database_outage(IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert not database_outage(ValueError("a bug"))
