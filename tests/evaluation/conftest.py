"""A programme with juniors and seniors in pairs, a coordinator, and API tokens for everyone — on
each database backend."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from litestar.testing import TestClient

from companion.app import create_app
from companion.auth import bootstrap


@dataclass
class Programme:
    client: TestClient[Any]
    url: str
    id: int = 0
    k: int = 3
    coordinator: dict[str, str] = field(default_factory=dict)
    juniors: list[int] = field(default_factory=list)
    seniors: list[int] = field(default_factory=list)
    pairs: list[int] = field(default_factory=list)
    tokens: dict[int, str] = field(default_factory=dict)

    def as_(self, participant_id: int) -> dict[str, str]:
        return {"authorization": f"Bearer {self.tokens[participant_id]}", "accept": "application/json"}

    def answer(self, participant_id: int, kind: str, body: dict[str, Any]) -> Any:
        return self.client.put(f"/api/me/surveys/{kind}", json=body, headers=self.as_(participant_id))

    def open(self, kind: str) -> Any:
        return self.client.post(
            f"/api/programmes/{self.id}/evaluation/rounds/{kind}/open", headers=self.coordinator
        )

    def close(self, kind: str) -> Any:
        return self.client.post(
            f"/api/programmes/{self.id}/evaluation/rounds/{kind}/close", headers=self.coordinator
        )

    def overview(self) -> dict[str, Any]:
        r = self.client.get(f"/api/programmes/{self.id}/evaluation", headers=self.coordinator)
        assert r.status_code == 200, r.text
        return dict(r.json())

    def round(self, kind: str) -> dict[str, Any]:
        return next(r for r in self.overview()["rounds"] if r["kind"] == kind)


def build_programme(
    client: TestClient[Any], url: str, *, pairs: int, k: int = 3, language: str = "de"
) -> Programme:
    """``pairs`` one-to-one pairs (junior i with senior i) in a programme with threshold ``k``."""
    world = Programme(client, url, k=k)

    async def coordinator(session: Any) -> str:
        cid = await bootstrap.ensure_coordinator(session, "Clara Koordination", "clara@example.org")
        return await bootstrap.api_token(session, coordinator_id=cid)

    world.coordinator = {
        "authorization": f"Bearer {bootstrap.run(url, coordinator, migrate=False)}",
        "accept": "application/json",
    }
    r = client.post(
        "/api/programmes",
        json={"name": "Evaluation", "k_threshold": k, "language": language},
        headers=world.coordinator,
    )
    assert r.status_code == 201, r.text
    world.id = r.json()["id"]
    for i in range(pairs):
        ids = []
        for role, bucket in (("junior", world.juniors), ("senior", world.seniors)):
            r = client.post(
                f"/api/programmes/{world.id}/participants",
                json={"display_name": f"{role.title()} Nummer{i}", "role": role},
                headers=world.coordinator,
            )
            assert r.status_code == 201, r.text
            bucket.append(r.json()["id"])
            ids.append(r.json()["id"])
        r = client.post(
            f"/api/programmes/{world.id}/pairs",
            json={"junior_ids": [ids[0]], "senior_ids": [ids[1]]},
            headers=world.coordinator,
        )
        assert r.status_code == 201, r.text
        world.pairs.append(r.json()["id"])
    for pid in world.juniors + world.seniors:
        world.tokens[pid] = bootstrap.run(
            url, lambda s, p=pid: bootstrap.api_token(s, participant_id=p), migrate=False
        )
    return world


@pytest.fixture
def eval_client(make_settings: Any, database_url: str) -> Iterator[tuple[TestClient[Any], str]]:
    """A client on a fresh database of each backend."""
    with TestClient(
        create_app(make_settings(database_url=database_url)), raise_server_exceptions=False
    ) as client:
        yield client, database_url


@pytest.fixture
def sqlite_eval_client(make_settings: Any, sqlite_url: str) -> Iterator[tuple[TestClient[Any], str]]:
    """A client on a fresh SQLite database (for tests that do not depend on the backend)."""
    with TestClient(
        create_app(make_settings(database_url=sqlite_url)), raise_server_exceptions=False
    ) as client:
        yield client, sqlite_url


@pytest.fixture
def build() -> Any:
    """``build(client, url, pairs=…, k=…, language=…)`` (see :func:`build_programme`)."""
    return build_programme
