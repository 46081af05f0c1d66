"""Version numbers of generated outputs come from a counter per session and kind
(``companion.sessions.versions``): consecutive, never given twice (not even after a deletion), above
any version stored without the counter, and the migration starts the counters where the data is."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.ext.asyncio import async_sessionmaker

from companion.db import engine as db
from companion.db.models import GeneratedOutput, OutputCounter
from tests.sessions.conftest import make_session


def test_numbers_are_never_given_twice(gen_client: Any) -> None:
    ids = make_session(gen_client)
    sid = ids["session"]
    url = f"/api/sessions/{sid}/agenda"
    assert [gen_client.post(url).json()["version"] for _ in range(3)] == [1, 2, 3]
    assert gen_client.post(f"/api/sessions/{sid}/preparation").json()["version"] == 1  # per kind
    maker = async_sessionmaker(gen_client.app.state.engine)

    async def tamper() -> None:
        async with maker() as s:
            # The newest agenda is deleted (as a summary's versions are when a reflection is deleted)...
            await s.execute(
                delete(GeneratedOutput).where(GeneratedOutput.session_id == sid, GeneratedOutput.version == 3)
            )
            # ...and a version is stored without the counter (older data, fixtures).
            await s.execute(
                insert(GeneratedOutput).values(
                    session_id=sid, kind="preparation", version=7, payload={}, generated_by="import"
                )
            )
            await s.commit()

    gen_client.blocking_portal.call(tamper)
    assert gen_client.post(url).json()["version"] == 4  # not 3 again: 3 meant another text
    assert gen_client.post(f"/api/sessions/{sid}/preparation").json()["version"] == 8
    history = gen_client.get(f"{url}/versions").json()
    assert [v["version"] for v in history] == [1, 2, 4]

    async def counters() -> dict[str, int]:
        async with maker() as s:
            rows = await s.execute(select(OutputCounter.kind, OutputCounter.last_version))
            return {kind: last for kind, last in rows.all()}

    assert gen_client.blocking_portal.call(counters) == {"agenda": 4, "preparation": 8}


def test_deleting_the_session_deletes_its_counters(gen_client: Any) -> None:
    ids = make_session(gen_client)
    assert gen_client.post(f"/api/sessions/{ids['session']}/agenda").status_code == 201
    assert gen_client.delete(f"/api/sessions/{ids['session']}").status_code in (200, 204)
    maker = async_sessionmaker(gen_client.app.state.engine)

    async def left() -> int:
        async with maker() as s:
            return len((await s.execute(select(OutputCounter.session_id))).all())

    assert gen_client.blocking_portal.call(left) == 0


def test_0010_starts_the_counters_at_the_stored_versions(empty_database_url: str) -> None:
    now = "CURRENT_TIMESTAMP"
    rows = [
        f"INSERT INTO programmes (id, name, language, goals, format, cadence, duration_months, k_threshold,"
        f" created_at, updated_at) VALUES (1, 'P', 'de', '[]', 'one-to-one', 'monthly', 6, 5, {now}, {now})",
        f"INSERT INTO pairs (id, programme_id, format, goals, created_at, updated_at)"
        f" VALUES (1, 1, 'one-to-one', '[]', {now}, {now})",
    ]
    rows += [
        f"INSERT INTO sessions (id, pair_id, number, duration_minutes, status, created_at, updated_at)"
        f" VALUES ({n}, 1, {n}, 60, 'planned', {now}, {now})"
        for n in (1, 2)
    ]
    outputs = [(1, "agenda", 1), (1, "agenda", 2), (1, "agenda", 5), (1, "summary", 1), (2, "agenda", 1)]
    rows += [
        f"INSERT INTO generated_outputs (session_id, kind, version, payload, generated_by, created_at)"
        f" VALUES ({sid}, '{kind}', {version}, '{{}}', 'offline', {now})"
        for sid, kind, version in outputs
    ]

    async def run() -> tuple[set[tuple[int, str, int]], bool]:
        engine = db.make_engine(empty_database_url)
        try:
            await db.upgrade(engine, "0009")
            async with engine.begin() as conn:
                for sql in rows:
                    await conn.execute(text(sql))
            await db.upgrade(engine)
            async with engine.connect() as conn:
                counted = (
                    await conn.execute(text("SELECT session_id, kind, last_version FROM output_counters"))
                ).all()
            await db.downgrade(engine, "0009")
            async with engine.connect() as conn:
                kept = (await conn.execute(text("SELECT count(*) FROM generated_outputs"))).scalar_one()
            return {(int(s), str(k), int(v)) for s, k, v in counted}, kept == len(outputs)
        finally:
            await engine.dispose()

    counted, kept = asyncio.run(run())
    assert counted == {(1, "agenda", 5), (1, "summary", 1), (2, "agenda", 1)}
    assert kept  # downgrading drops only the counters
