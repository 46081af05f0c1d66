"""Browser-like clients (session cookie + CSRF token) on a database holding the demo programme."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from companion.app import create_app
from companion.auth import bootstrap
from companion.db.models import Participant
from companion.runtime import Runtime


@pytest.fixture(scope="session")
def web_retriever(hash_retriever: Any) -> Any:
    """The session's hash-embedder index (tests/conftest.py)."""
    return hash_retriever


class Browser:
    """A TestClient that signs in through an invite link like a person would."""

    def __init__(self, client: TestClient[Any]) -> None:
        self.client = client

    def sign_in(self, link: str) -> None:
        path = "/" + link.split("/", 3)[3]
        page = self.client.get(path)
        token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = self.client.post(path, data={"_csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303, r.text

    @property
    def csrf(self) -> str:
        return str(self.client.cookies.get("csrftoken"))

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, headers={"accept": "text/html"}, **kw)

    def post_form(self, url: str, data: dict[str, Any], **kw: Any) -> Any:
        return self.client.post(
            url, data={**data, "_csrf_token": self.csrf}, headers={"accept": "text/html"}, **kw
        )

    def api_post(self, url: str, **kw: Any) -> Any:
        return self.client.post(url, headers={"x-csrftoken": self.csrf}, **kw)


@pytest.fixture
def demo(make_settings, sqlite_url: str, web_retriever: Any) -> Iterator[dict[str, Any]]:
    """The demo programme plus a signed-in browser for the coordinator and for every participant."""
    from companion.demo import seed_demo

    settings = make_settings(database_url=sqlite_url)
    import asyncio

    output = asyncio.run(seed_demo(settings))
    links = dict(re.findall(r"^\s+\w+\s+(.+?)\s{2,}(http\S+)$", output, re.M))

    def make_app() -> Any:
        runtime = Runtime(settings)
        runtime._retriever = web_retriever
        return create_app(settings, runtime=runtime)

    async def people(session: Any) -> dict[str, int]:
        rows = (await session.scalars(select(Participant))).all()
        return {p.display_name: p.id for p in rows}

    ids = bootstrap.run(sqlite_url, people, migrate=False)
    clients: list[TestClient[Any]] = []

    def browser(name: str) -> Browser:
        client = TestClient(make_app(), raise_server_exceptions=False)  # one app per browser: own lifespan
        client.__enter__()
        clients.append(client)
        b = Browser(client)
        b.sign_in(links[name])
        return b

    try:
        yield {"browser": browser, "links": links, "ids": ids, "url": sqlite_url}
    finally:
        for c in clients:
            c.__exit__(None, None, None)
