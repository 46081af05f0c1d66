"""Simultaneous generation requests by both members of a pair, over real HTTP against a real server
(uvicorn) on SQLite and PostgreSQL: every request succeeds and gets its own, consecutive version."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from tests.robustness.conftest import make_pilot
from tests.robustness.live import live_server


async def _burst(base: str, url: str, headers: list[dict[str, str]], n: int) -> list[httpx.Response]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        return await asyncio.gather(*(client.post(url, headers=headers[i % 2]) for i in range(n)))


def test_simultaneous_agenda_requests_all_succeed(
    make_settings: Any, database_url: str, build_app: Any
) -> None:
    settings = make_settings(database_url=database_url, generation_rate_limit=1000)
    with live_server(build_app(settings)) as base, httpx.Client(base_url=base, timeout=60) as client:
        pilot = make_pilot(client, database_url)
        url = f"/api/sessions/{pilot.ids['session']}/agenda"
        both = [pilot.headers("junior"), pilot.headers("senior")]
        statuses: list[int] = []
        for _ in range(10):  # 10 trials of two at once (a double click, or both partners)
            statuses += [r.status_code for r in asyncio.run(_burst(base, url, both, 2))]
        pairs = [s for s in statuses if s >= 500]
        fifty = asyncio.run(_burst(base, url, both, 50))
        statuses += [r.status_code for r in fifty]
        print("5xx in 2x10:", len(pairs), "5xx in 50:", len([r for r in fifty if r.status_code >= 500]))
        assert [s for s in statuses if s >= 500] == []
        assert set(statuses) == {201}
        versions = sorted(r.json()["version"] for r in fifty)
        assert versions == list(range(21, 71)), "each request stores its own, consecutive version"
        stored = client.get(f"{url}/versions", headers=pilot.headers("junior")).json()
        assert [v["version"] for v in stored] == list(range(1, 71))
