"""The next version of a session's generated output, given in the statement that stores it.

A counter row per session and kind (``OutputCounter``) holds the highest version ever given. Storing
an output raises the counter and inserts the output with the new number:

- PostgreSQL: one statement — the counter upsert is a CTE of the INSERT. A concurrent writer of the
  same session and kind waits for the counter row's lock and then reads the row as committed (that is
  how PostgreSQL re-checks an updated row), so two writers never get one number and neither needs a
  lock round trip of its own (issue 13: 4 → 3 statements per agenda request).
- SQLite: the write lock is taken up front (``BEGIN IMMEDIATE``), then the counter and the INSERT, two
  statements; SQLite has no data-modifying CTEs.

The counter never goes below the highest stored version (``greatest`` of both), so outputs stored
without it (older data, fixtures) are respected, and a number is never given twice, not even after
versions were deleted.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from sqlalchemy import DateTime, Integer, String, Table, bindparam, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from companion.db.models import GeneratedOutput, OutputCounter
from companion.errors import NotFoundError

COLUMNS = ["session_id", "kind", "version", "payload", "generated_by", "created_at"]


def _tables() -> tuple[Table, Table]:
    return cast(Table, OutputCounter.__table__), cast(Table, GeneratedOutput.__table__)


def _raise_counter(dialect_insert: Any, greatest: Any) -> Any:
    """INSERT … ON CONFLICT DO UPDATE of the counter, returning the new number."""
    counters, outputs = _tables()
    highest = (
        select(func.coalesce(func.max(outputs.c.version), 0))
        .where(outputs.c.session_id == bindparam("sid"), outputs.c.kind == bindparam("kind_"))
        .scalar_subquery()
    )
    upsert = dialect_insert(counters).values(
        session_id=bindparam("sid"), kind=bindparam("kind_"), last_version=highest + 1
    )
    return upsert.on_conflict_do_update(
        index_elements=[counters.c.session_id, counters.c.kind],
        set_={"last_version": greatest(counters.c.last_version, highest) + 1},
    ).returning(counters.c.last_version)


@cache
def postgres_store() -> Any:
    """One statement: raise the counter (CTE), insert the output with its number, return id and version.
    Built once: a reused statement keeps its memoised cache key."""
    _, outputs = _tables()
    counter = _raise_counter(postgresql.insert, func.greatest).cte("counter")
    row = select(
        bindparam("sid", type_=Integer),
        bindparam("kind_", type_=String),
        counter.c.last_version,
        bindparam("payload", type_=outputs.c.payload.type),
        bindparam("generated_by", type_=String),
        bindparam("created_at", type_=DateTime(timezone=True)),
    )
    return (
        insert(outputs).from_select(COLUMNS, row).returning(outputs.c.id, outputs.c.version).add_cte(counter)
    )


@cache
def sqlite_counter() -> Any:
    """SQLite: raise the counter (inside ``BEGIN IMMEDIATE``), returning the new number."""
    return _raise_counter(sqlite.insert, func.max)


@cache
def sqlite_insert() -> Any:
    """SQLite: the output with the number the counter gave."""
    _, outputs = _tables()
    return (
        insert(outputs)
        .values(
            session_id=bindparam("sid"),
            kind=bindparam("kind_"),
            version=bindparam("version"),
            payload=bindparam("payload", type_=outputs.c.payload.type),
            generated_by=bindparam("generated_by"),
            created_at=bindparam("created_at", type_=outputs.c.created_at.type),
        )
        .returning(outputs.c.id)
    )


async def store(db: AsyncSession, params: dict[str, Any]) -> tuple[int, int]:
    """Insert the output described by ``params`` (sid, kind_, payload, generated_by, created_at) as
    the next version, without committing; returns (id, version)."""
    conn = await db.connection()
    if conn.dialect.name == "postgresql":
        row_id, version = (await db.execute(postgres_store(), params)).one()
        return int(row_id), int(version)
    await _begin_immediate(conn)
    version = (await db.execute(sqlite_counter(), params)).scalar_one()
    row_id = (await db.execute(sqlite_insert(), {**params, "version": version})).scalar_one()
    return int(row_id), int(version)


async def _begin_immediate(conn: AsyncConnection) -> None:
    """Take SQLite's write lock before the first read of the transaction.

    A deferred transaction would read first and ask for the write lock afterwards, and SQLite answers
    that with an immediate "database is locked" (it would be a deadlock with a writer that is
    committing) instead of waiting: the failed request at 32 concurrent clients in issue 13."""
    raw = (await conn.get_raw_connection()).driver_connection
    if not getattr(raw, "in_transaction", False):
        await conn.exec_driver_sql("BEGIN IMMEDIATE")


def gone(session_id: int) -> NotFoundError:
    """The error for a session deleted while its output was being generated."""
    return NotFoundError(f"Session {session_id} does not exist (any more)")
