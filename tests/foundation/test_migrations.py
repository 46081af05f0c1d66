"""Migrations go from empty to head and back on both SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from companion.db import engine as db
from companion.db.models import Base


def test_empty_to_head_and_back(empty_database_url: str) -> None:
    async def run() -> None:
        engine = db.make_engine(empty_database_url)
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


def test_0003_links_existing_programmes_to_existing_coordinators(empty_database_url: str) -> None:
    """Upgrading an install that predates programme scope keeps today's behaviour: every existing
    programme is linked to every existing coordinator; downgrading drops only the link table."""

    async def run() -> None:
        engine = db.make_engine(empty_database_url)
        try:
            await db.upgrade(engine, "0002")
            async with engine.begin() as conn:
                for pid, name in [(1, "Werk Nord"), (2, "Werk Süd")]:
                    await conn.execute(
                        text(
                            "INSERT INTO programmes (id, name, language, goals, format, cadence,"
                            " duration_months, k_threshold, created_at, updated_at) VALUES (:id, :name,"
                            " 'de', '[]', 'one-to-one', 'monthly', 6, 5, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                        ),
                        {"id": pid, "name": name},
                    )
                for cid, email in [(1, "nord@example.org"), (2, "sued@example.org")]:
                    await conn.execute(
                        text(
                            "INSERT INTO coordinators (id, name, email, language, created_at, updated_at)"
                            " VALUES (:id, :email, :email, 'de', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                        ),
                        {"id": cid, "email": email},
                    )
            await db.upgrade(engine)
            async with engine.connect() as conn:
                links = (
                    await conn.execute(
                        text("SELECT programme_id, coordinator_id FROM programme_coordinators")
                    )
                ).all()
            assert sorted(tuple(row) for row in links) == [(1, 1), (1, 2), (2, 1), (2, 2)]
            await db.downgrade(engine, "0002")
            async with engine.connect() as conn:
                tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
                left = await conn.scalar(text("SELECT count(*) FROM programmes"))
            assert "programme_coordinators" not in tables and left == 2
        finally:
            await engine.dispose()

    asyncio.run(run())
