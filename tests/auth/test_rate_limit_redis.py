"""Generation rate limits shared through a real Redis (127.0.0.1:6379), and what an outage does.

Two apps on one database stand in for two workers of one deployment: with Redis they count against
the same limit; with Redis gone they keep serving (limits per process) and /health says so.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from litestar.testing import TestClient

from companion.app import create_app
from companion.web.stores import NAMESPACE, FallbackStore
from tests.conftest import worker_redis_url

# Each xdist worker its own database: the tests below clear every rate-limit key and count them.
REDIS_URL = worker_redis_url(os.environ.get("COMPANION_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"))
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def _clear(url: str) -> int:
    import redis

    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(f"{NAMESPACE}*"))
        if keys:
            client.delete(*keys)
        return len(keys)
    finally:
        client.close()


@pytest.fixture
def redis_url() -> Iterator[str]:
    if not _reachable(REDIS_URL):
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    _clear(REDIS_URL)
    yield REDIS_URL
    _clear(REDIS_URL)


def test_workers_share_one_limit_through_redis(
    make_settings: Any, sqlite_url: str, app_for: Any, world_builder: Any, redis_url: str
) -> None:
    settings = make_settings(database_url=sqlite_url, generation_rate_limit=2, redis_url=redis_url)
    worker_a, worker_b = app_for(settings), app_for(settings)
    with (
        TestClient(worker_a, raise_server_exceptions=False) as a,
        TestClient(worker_b, raise_server_exceptions=False) as b,
    ):
        world = world_builder(a, sqlite_url)
        url = f"/api/sessions/{world.ids['session']}/agenda"
        member = world.as_("member")
        codes = [a.post(url, headers=member).status_code, b.post(url, headers=member).status_code]
        # Each worker has seen one request only; the third is refused because Redis counted both.
        codes += [a.post(url, headers=member).status_code, b.post(url, headers=member).status_code]
        assert codes == [201, 201, 429, 429]
        assert _clear(redis_url) >= 1  # the counter really lives in Redis
        assert a.post(url, headers=member).status_code == 201  # ...and only there
        health = a.get("/health").json()
        assert health["status"] == "ok" and health["redis"] == {"reachable": True}


def test_redis_outage_keeps_generation_working(
    make_settings: Any, sqlite_url: str, app_for: Any, world_builder: Any
) -> None:
    settings = make_settings(database_url=sqlite_url, generation_rate_limit=2, redis_url=DEAD_REDIS_URL)
    app = app_for(settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        world = world_builder(client, sqlite_url)
        url = f"/api/sessions/{world.ids['session']}/agenda"
        codes = [client.post(url, headers=world.as_("member")).status_code for _ in range(3)]
        assert codes == [201, 201, 429]  # still limited, now per process
        store = app.stores.get("rate_limit")
        assert isinstance(store, FallbackStore) and store.degraded
        health = client.get("/health")
        assert health.status_code == 200
        assert health.json()["status"] == "degraded" and health.json()["redis"] == {"reachable": False}


def test_without_redis_health_does_not_mention_it(make_settings: Any, sqlite_url: str) -> None:
    with TestClient(create_app(make_settings(database_url=sqlite_url))) as client:
        body = client.get("/health").json()
        assert body["status"] == "ok" and "redis" not in body


def test_bad_redis_url_is_refused(make_settings: Any) -> None:
    with pytest.raises(ValueError, match="redis_url"):
        make_settings(redis_url="http://127.0.0.1:6379")
