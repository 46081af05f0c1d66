"""Fixtures for the robustness tests: apps on the shared hash index, a small programme with one pair
and a session, and bearer tokens of both pair members and a coordinator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from companion.app import create_app
from companion.auth import bootstrap
from companion.runtime import Runtime


@pytest.fixture(scope="session")
def robust_retriever(hash_retriever: Any) -> Any:
    """The session's hash-embedder index (tests/conftest.py)."""
    return hash_retriever


@pytest.fixture
def build_app(robust_retriever: Any) -> Any:
    """An app for given settings that searches the shared hash-embedder index."""

    def build(settings: Any) -> Any:
        runtime = Runtime(settings)
        runtime._retriever = robust_retriever
        return create_app(settings, runtime=runtime)

    return build


@dataclass
class Pilot:
    """Ids and tokens of one programme with one pair (junior + senior) and one planned session."""

    ids: dict[str, int]
    tokens: dict[str, str]

    def headers(self, who: str) -> dict[str, str]:
        return {"authorization": f"Bearer {self.tokens[who]}", "accept": "application/json"}


def make_pilot(client: httpx.Client | Any, url: str) -> Pilot:
    """Create the pilot programme through the API of ``client`` (a TestClient or an httpx client)."""

    async def coordinator(session: Any) -> str:
        cid = await bootstrap.ensure_coordinator(session, "Rita Robust", "rita@example.org")
        return await bootstrap.api_token(session, coordinator_id=cid)

    tokens = {"coordinator": bootstrap.run(url, coordinator, migrate=False)}
    co = {"authorization": f"Bearer {tokens['coordinator']}"}
    prog = client.post("/api/programmes", json={"name": "Robust"}, headers=co).json()
    ids = {"programme": prog["id"]}
    for key, name, role in [("junior", "Jana Jung", "junior"), ("senior", "Sabine Alt", "senior")]:
        r = client.post(
            f"/api/programmes/{prog['id']}/participants",
            json={"display_name": name, "role": role},
            headers=co,
        )
        assert r.status_code == 201, r.text
        ids[key] = r.json()["id"]
        tokens[key] = bootstrap.run(
            url, lambda s, p=ids[key]: bootstrap.api_token(s, participant_id=p), migrate=False
        )
    r = client.post(
        f"/api/programmes/{prog['id']}/pairs",
        json={"junior_ids": [ids["junior"]], "senior_ids": [ids["senior"]]},
        headers=co,
    )
    assert r.status_code == 201, r.text
    ids["pair"] = r.json()["id"]
    r = client.post(
        f"/api/pairs/{ids['pair']}/sessions",
        json={"topic": "topic-ai-automation"},
        headers={"authorization": f"Bearer {tokens['junior']}"},
    )
    assert r.status_code == 201, r.text
    ids["session"] = r.json()["id"]
    return Pilot(ids, tokens)
