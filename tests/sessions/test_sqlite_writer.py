"""Writers to one SQLite database take turns in arrival order within a process (no busy-handler
sleeps); other databases are not serialised by the process."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.engine import make_engine
from companion.db.writers import sqlite_writer


def test_sqlite_writers_take_turns_in_arrival_order(tmp_path: Path) -> None:
    async def main() -> list[str]:
        engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
        order: list[str] = []

        async def writer(name: str, delay: float) -> None:
            await asyncio.sleep(delay)
            async with AsyncSession(engine) as db, sqlite_writer(db):
                order.append(f"{name} in")
                await asyncio.sleep(0.05)  # holds the turn across an await, as a real write does
                order.append(f"{name} out")

        try:
            await asyncio.gather(writer("a", 0), writer("b", 0.01), writer("c", 0.02))
        finally:
            await engine.dispose()
        return order

    assert asyncio.run(main()) == ["a in", "a out", "b in", "b out", "c in", "c out"]


def test_other_databases_are_not_serialised(postgres_url: str) -> None:
    async def main() -> list[str]:
        engine = make_engine(postgres_url)
        order: list[str] = []

        async def writer(name: str, delay: float) -> None:
            await asyncio.sleep(delay)
            async with AsyncSession(engine) as db, sqlite_writer(db):
                order.append(f"{name} in")
                await asyncio.sleep(0.05)
                order.append(f"{name} out")

        try:
            await asyncio.gather(writer("a", 0), writer("b", 0.01))
        finally:
            await engine.dispose()
        return order

    assert asyncio.run(main()) == ["a in", "b in", "a out", "b out"]
