from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from companion.app import create_app
from companion.auth.testing import SignedInClient


@pytest.fixture
def client(make_settings, database_url: str) -> Iterator[TestClient[Any]]:
    """An API client on a freshly migrated database (once per backend), signed in with bearer tokens
    (a coordinator's, or a pair member's for pair data: see companion.auth.testing)."""
    app = create_app(make_settings(database_url=database_url))
    with SignedInClient(app, database_url=database_url, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def programme(client: TestClient[Any]) -> dict[str, Any]:
    r = client.post("/api/programmes", json={"name": "Pilot 2026", "goals": ["KI verstehen"]})
    assert r.status_code == 201, r.text
    return r.json()


@pytest.fixture
def people(client: TestClient[Any], programme: dict[str, Any]) -> dict[str, int]:
    """Two seniors (one the other's manager) and five juniors, one reporting to a senior."""
    pid = programme["id"]

    def add(name: str, role: str, manager: int | None = None) -> int:
        body: dict[str, Any] = {"display_name": name, "role": role}
        if manager:
            body["manager_id"] = manager
        r = client.post(f"/api/programmes/{pid}/participants", json=body)
        assert r.status_code == 201, r.text
        return int(r.json()["id"])

    ids: dict[str, int] = {}
    ids["boss"] = add("Helga Brandt", "senior")
    ids["lead"] = add("Thomas Keller", "senior", ids["boss"])
    ids["report"] = add("Lea Hoffmann", "junior", ids["lead"])
    for i in range(1, 5):
        ids[f"j{i}"] = add(f"Junior {i}", "junior")
    return ids
