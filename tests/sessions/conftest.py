from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from companion.app import create_app
from companion.auth.testing import SignedInClient
from companion.runtime import Runtime


@pytest.fixture(scope="session")
def shared_retriever(hash_retriever: Any) -> Any:
    """One hash-embedder index for the whole session: building it is the slow part (tests/conftest.py)."""
    return hash_retriever


@pytest.fixture
def runtime_factory(shared_retriever: Any):
    def factory(settings: Any) -> Runtime:
        runtime = Runtime(settings)
        runtime._retriever = shared_retriever  # reuse the prebuilt index
        return runtime

    return factory


@pytest.fixture
def gen_client(make_settings, database_url: str, runtime_factory) -> Iterator[TestClient[Any]]:
    settings = make_settings(database_url=database_url)
    app = create_app(settings, runtime=runtime_factory(settings))
    with SignedInClient(app, database_url=database_url, raise_server_exceptions=False) as c:
        yield c


def make_session(
    client: TestClient[Any],
    *,
    language: str = "de",
    topic: str = "topic-ai-automation",
    fmt: str = "one-to-one",
    duration: int = 60,
) -> dict[str, Any]:
    """A programme with one pair and one planned session; returns ids."""
    prog = client.post("/api/programmes", json={"name": "Pilot", "language": language, "format": fmt}).json()
    add = lambda name, role: client.post(  # noqa: E731
        f"/api/programmes/{prog['id']}/participants", json={"display_name": name, "role": role}
    ).json()["id"]
    n_juniors = 3 if fmt == "group" else 1
    juniors = [add(f"Junior {i}", "junior") for i in range(n_juniors)]
    senior = add("Helga Brandt", "senior")
    pair = client.post(
        f"/api/programmes/{prog['id']}/pairs",
        json={
            "junior_ids": juniors,
            "senior_ids": [senior],
            "goals": ["KI-Werkzeuge im Alltag ausprobieren"],
        },
    ).json()
    session = client.post(
        f"/api/pairs/{pair['id']}/sessions", json={"topic": topic, "duration_minutes": duration}
    ).json()
    return {
        "programme": prog["id"],
        "pair": pair["id"],
        "session": session["id"],
        "juniors": juniors,
        "senior": senior,
    }
