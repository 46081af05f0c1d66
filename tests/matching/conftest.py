"""An app on each database with the shared hash-embedder index, signed in as a coordinator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from companion.app import create_app
from companion.auth.testing import SignedInClient
from companion.runtime import Runtime


@pytest.fixture(scope="session")
def shared_retriever(hash_retriever: Any) -> Any:
    """The session's hash-embedder index (tests/conftest.py)."""
    return hash_retriever


@pytest.fixture
def client(make_settings: Any, database_url: str, shared_retriever: Any) -> Iterator[SignedInClient]:
    settings = make_settings(database_url=database_url)
    runtime = Runtime(settings)
    runtime._retriever = shared_retriever
    with SignedInClient(
        create_app(settings, runtime=runtime), database_url=database_url, raise_server_exceptions=False
    ) as c:
        yield c


def as_participant(client: SignedInClient, pid: int) -> dict[str, str]:
    return {"Authorization": f"Bearer {client.participant_token(pid)}"}
