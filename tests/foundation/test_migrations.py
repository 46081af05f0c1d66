"""Migrations go from empty to head and back on both SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from companion.db import engine as db
from companion.db.models import Base


def test_empty_to_head_and_back(database_url: str) -> None:
    async def run() -> None:
        engine = db.make_engine(database_url)
        try:
            assert await db.current_revision(engine) is None
            await db.upgrade(engine)
            assert await db.current_revision(engine) == db.head_revision()
            async with engine.connect() as conn:
                tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
                # the schema the migrations build is exactly what the models describe
                diff = await conn.run_sync(
                    lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata)
                )
            assert {
                "programmes",
                "participants",
                "pairs",
                "pair_members",
                "sessions",
                "reflections",
            } <= tables
            assert diff == [], diff
            await db.downgrade(engine, "base")
            async with engine.connect() as conn:
                left = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
            assert left <= {"alembic_version"}
            await db.upgrade(engine)  # and up again: migrations are repeatable
            assert await db.current_revision(engine) == db.head_revision()
        finally:
            await engine.dispose()

    asyncio.run(run())
