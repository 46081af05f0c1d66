"""A small world for access tests: one programme, pairs A and B, a session of pair A with a reflection,
and bearer tokens for a coordinator, a member of pair A, a member of pair B and a coordinator of
another programme (the "stranger", who runs a programme of their own with one participant)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from litestar.testing import TestClient

from companion.app import create_app
from companion.auth import bootstrap
from companion.runtime import Runtime


@dataclass
class World:
    client: TestClient[Any]
    url: str
    ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def as_(self, role: str) -> dict[str, str]:
        """Headers for ``role``: anonymous, member (of pair A), other (member of pair B), coordinator,
        stranger (coordinator of another programme)."""
        headers = {"accept": "application/json"}
        if role != "anonymous":
            headers["authorization"] = f"Bearer {self.tokens[role]}"
        return headers


def build_world(client: TestClient[Any], url: str) -> World:
    world = World(client, url)

    async def coordinator(session: Any) -> str:
        cid = await bootstrap.ensure_coordinator(session, "Carla Coordinator", "carla@example.org")
        world.ids["coordinator"] = cid
        return await bootstrap.api_token(session, coordinator_id=cid)

    world.tokens["coordinator"] = bootstrap.run(url, coordinator, migrate=False)
    co = world.as_("coordinator")
    prog = client.post("/api/programmes", json={"name": "Matrix", "k_threshold": 3}, headers=co).json()
    world.ids["programme"] = prog["id"]

    def person(name: str, role: str) -> int:
        r = client.post(
            f"/api/programmes/{prog['id']}/participants",
            json={"display_name": name, "role": role, "email": f"{name.split()[0].lower()}@example.org"},
            headers=co,
        )
        assert r.status_code == 201, r.text
        return int(r.json()["id"])

    for key, name, role in [
        ("a_junior", "Anton Junior", "junior"),
        ("a_senior", "Agathe Senior", "senior"),
        ("b_junior", "Bruno Junior", "junior"),
        ("b_senior", "Berta Senior", "senior"),
    ]:
        world.ids[key] = person(name, role)
    for pair in ("a", "b"):
        r = client.post(
            f"/api/programmes/{prog['id']}/pairs",
            json={"junior_ids": [world.ids[f"{pair}_junior"]], "senior_ids": [world.ids[f"{pair}_senior"]]},
            headers=co,
        )
        assert r.status_code == 201, r.text
        world.ids[f"pair_{pair}"] = r.json()["id"]
    for role, pid in [("member", world.ids["a_junior"]), ("other", world.ids["b_junior"])]:
        world.tokens[role] = bootstrap.run(
            url, lambda s, p=pid: bootstrap.api_token(s, participant_id=p), migrate=False
        )
    r = client.post(
        f"/api/pairs/{world.ids['pair_a']}/sessions",
        json={"topic": "topic-ai-automation", "status": "held"},
        headers=world.as_("member"),
    )
    assert r.status_code == 201, r.text
    world.ids["session"] = r.json()["id"]
    r = client.post(
        f"/api/sessions/{world.ids['session']}/reflections",
        json={"author_role": "junior", "answers": {"Was hast du gelernt?": "Anton hat viel gelernt."}},
        headers=world.as_("member"),
    )
    assert r.status_code == 201, r.text
    world.ids["reflection"] = r.json()["id"]

    async def stranger(session: Any) -> str:
        cid = await bootstrap.ensure_coordinator(session, "Sven Stranger", "sven@example.org")
        world.ids["stranger"] = cid
        return await bootstrap.api_token(session, coordinator_id=cid)

    world.tokens["stranger"] = bootstrap.run(url, stranger, migrate=False)
    st = world.as_("stranger")
    r = client.post("/api/programmes", json={"name": "Elsewhere", "k_threshold": 3}, headers=st)
    assert r.status_code == 201, r.text
    world.ids["other_programme"] = r.json()["id"]
    r = client.post(
        f"/api/programmes/{world.ids['other_programme']}/participants",
        json={"display_name": "Olga Elsewhere", "role": "junior"},
        headers=st,
    )
    assert r.status_code == 201, r.text
    world.ids["other_participant"] = r.json()["id"]
    return world


@pytest.fixture
def app_for(hash_retriever: Any) -> Any:
    """Build an app for given settings that searches the shared hash-embedder index (no re-indexing)."""

    def build(settings: Any) -> Any:
        runtime = Runtime(settings)
        runtime._retriever = hash_retriever
        return create_app(settings, runtime=runtime)

    return build


@pytest.fixture
def auth_app(make_settings, sqlite_url: str, app_for: Any):
    return app_for(make_settings(database_url=sqlite_url))


@pytest.fixture
def world(auth_app: Any, sqlite_url: str) -> Iterator[World]:
    with TestClient(auth_app, raise_server_exceptions=False) as client:
        yield build_world(client, sqlite_url)


@pytest.fixture
def world_builder() -> Any:
    return build_world


@pytest.fixture
def world_on_each_db(make_settings: Any, database_url: str, app_for: Any) -> Iterator[World]:
    """The access-test world on each database backend (SQLite and PostgreSQL)."""
    app = app_for(make_settings(database_url=database_url))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield build_world(client, database_url)
