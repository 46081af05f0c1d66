"""Many clients generating agendas for many sessions at once, over real HTTP (uvicorn) on SQLite and
PostgreSQL: no request may fail, and every session gets consecutive versions.

Issue 13 saw one failure at 32 concurrent clients on SQLite. Writing a version read first and asked
for the write lock afterwards; when another request was committing at that moment, SQLite reported
"database is locked" at once (waiting would have been a deadlock) instead of waiting its turn. The
fix takes the write lock first (``BEGIN IMMEDIATE``)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

import httpx

from tests.robustness.conftest import make_pilot
from tests.robustness.live import live_server

SESSIONS = 12
CLIENTS = 32
REQUESTS = 192


async def _storm(base: str, jobs: list[tuple[str, dict[str, str]]]) -> list[httpx.Response]:
    queue: asyncio.Queue[tuple[str, dict[str, str]]] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    out: list[httpx.Response] = []

    async def client_loop(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            url, headers = queue.get_nowait()
            out.append(await client.post(url, headers=headers))

    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(CLIENTS)))
    return out


def test_thirty_two_clients_over_many_sessions_never_fail(
    make_settings: Any, database_url: str, build_app: Any
) -> None:
    settings = make_settings(database_url=database_url, generation_rate_limit=10_000, scan_interval_seconds=0)
    with live_server(build_app(settings)) as base, httpx.Client(base_url=base, timeout=60) as client:
        pilot = make_pilot(client, database_url)
        sessions = [pilot.ids["session"]]
        for _ in range(SESSIONS - 1):
            r = client.post(
                f"/api/pairs/{pilot.ids['pair']}/sessions",
                json={"topic": "topic-remote-work"},
                headers=pilot.headers("junior"),
            )
            assert r.status_code == 201, r.text
            sessions.append(r.json()["id"])
        who = [pilot.headers("junior"), pilot.headers("senior")]
        jobs = [(f"/api/sessions/{sessions[i % SESSIONS]}/agenda", who[i % 2]) for i in range(REQUESTS)]
        responses = asyncio.run(_storm(base, jobs))
    failed = [(r.status_code, r.text[:200]) for r in responses if r.status_code != 201]
    assert failed == [], f"{len(failed)} of {REQUESTS} failed: {failed[:3]}"
    versions: dict[int, list[int]] = defaultdict(list)
    for r in responses:
        versions[r.json()["session_id"]].append(r.json()["version"])
    per_session = REQUESTS // SESSIONS
    assert {sid: sorted(v) for sid, v in versions.items()} == {
        sid: list(range(1, per_session + 1)) for sid in sessions
    }
