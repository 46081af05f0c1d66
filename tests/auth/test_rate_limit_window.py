"""The generation rate limiter (``companion.web.rate_limit``): fixed windows per person, the headers a
client reads, one Redis round trip per request, and no request waiting for another's count."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar.testing import TestClient

from companion.web.rate_limit import PRUNE_EVERY, MemoryCounter, redis_hit
from tests.auth.test_rate_limit_redis import REDIS_URL, _reachable


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_memory_windows_count_per_key_and_reopen_when_they_close() -> None:
    clock = Clock()
    counter = MemoryCounter(clock)
    hits = [asyncio.run(counter.hit("a", 60)) for _ in range(3)]
    assert hits == [(1, 60), (2, 60), (3, 60)]
    assert asyncio.run(counter.hit("b", 60)) == (1, 60)  # another person: a window of their own
    clock.now += 59.5
    assert asyncio.run(counter.hit("a", 60)) == (4, 1)  # never "0 seconds" while the window is open
    clock.now += 0.5
    assert asyncio.run(counter.hit("a", 60)) == (1, 60)  # closed: a new window


def test_a_new_window_never_reports_more_seconds_than_it_has() -> None:
    clock = Clock()
    clock.now = 131067.76281793018  # (now + 60) - now == 60.00000000001 in floating point
    assert (clock.now + 60) - clock.now > 60
    counter = MemoryCounter(clock)
    assert asyncio.run(counter.hit("a", 60)) == (1, 60)


def test_memory_counter_forgets_closed_windows() -> None:
    clock = Clock()
    counter = MemoryCounter(clock)
    for i in range(PRUNE_EVERY):  # one new person a second; the pruning runs on the last hit
        asyncio.run(counter.hit(f"person-{i}", 60))
        clock.now += 1
    # Only the windows opened within the last minute are left.
    assert 59 <= len(counter._windows) <= 61


def test_redis_window_takes_one_round_trip_and_always_expires() -> None:
    if not _reachable(REDIS_URL):
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    from redis.asyncio import Redis

    async def run() -> tuple[list[tuple[int, int]], int, int]:
        client = Redis.from_url(REDIS_URL)
        key = "companion-test:rate-window"  # outside the namespace other tests clear
        await client.delete(key)
        sent: list[int] = []
        original = client.connection_pool.get_connection

        async def counting(*args: Any, **kwargs: Any) -> Any:
            sent.append(1)  # one connection checkout per pipeline execution = one round trip
            return await original(*args, **kwargs)

        client.connection_pool.get_connection = counting  # type: ignore[method-assign]
        try:
            hits = [await redis_hit(client, key, 60) for _ in range(3)]
            checkouts = len(sent)
            ttl = await client.ttl(key)
        finally:
            await client.delete(key)
            await client.aclose()
        return hits, ttl, checkouts

    hits, ttl, checkouts = asyncio.run(run())
    assert [h for h, _ in hits] == [1, 2, 3]
    assert all(0 < reset <= 60 for _, reset in hits)
    assert 0 < ttl <= 60  # the window expires on its own
    assert checkouts == 3  # one per hit


def test_headers_count_down_and_the_refusal_says_when_to_retry(
    make_settings: Any, sqlite_url: str, app_for: Any, world_builder: Any
) -> None:
    app = app_for(make_settings(database_url=sqlite_url, generation_rate_limit=2))
    with TestClient(app, raise_server_exceptions=False) as client:
        world = world_builder(client, sqlite_url)
        sid = world.ids["session"]
        member = world.as_("member")
        first = client.post(f"/api/sessions/{sid}/agenda", headers=member)
        assert first.status_code == 201
        assert first.headers["ratelimit-limit"] == "2"
        assert first.headers["ratelimit-remaining"] == "1"
        assert first.headers["ratelimit-policy"] == "2; w=60"
        assert 0 < int(first.headers["ratelimit-reset"]) <= 60
        # The limit covers all generation routes together, not each route on its own.
        second = client.post(f"/api/sessions/{sid}/preparation", headers=member)
        assert second.status_code == 201 and second.headers["ratelimit-remaining"] == "0"
        refused = client.post(f"/api/sessions/{sid}/agenda", headers=member)
        assert refused.status_code == 429
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["status"] == 429
        assert 0 < int(refused.headers["retry-after"]) <= 60
        assert refused.headers["ratelimit-remaining"] == "0"
        # Reading is not limited and carries no rate-limit headers.
        read = client.get(f"/api/sessions/{sid}/agenda", headers=member)
        assert read.status_code == 200 and "ratelimit-limit" not in read.headers


def test_a_slow_count_does_not_hold_up_other_requests() -> None:
    """Litestar's limiter counted under one lock for all requests of a worker; here two hits whose
    store answers slowly overlap instead of queueing."""
    from companion.web.rate_limit import GenerationRateLimitMiddleware

    class SlowCounter:
        def __init__(self) -> None:
            self.in_flight = 0
            self.most = 0

        async def hit(self, key: str, window: int) -> tuple[int, int]:
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
            await asyncio.sleep(0.05)
            self.in_flight -= 1
            return 1, window

    counter = SlowCounter()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 201, "headers": []})

    limiter = GenerationRateLimitMiddleware(
        app, limit=5, applies=lambda s: True, identify=lambda s: s["who"], counter_for=lambda s: counter
    )

    async def one(who: str) -> list[Any]:
        sent: list[Any] = []

        async def send(message: Any) -> None:
            sent.append(message)

        await limiter({"type": "http", "who": who}, None, send)  # type: ignore[arg-type]
        return sent

    async def run() -> list[list[Any]]:
        return await asyncio.gather(*(one(f"p{i}") for i in range(4)))

    results = asyncio.run(run())
    assert counter.most == 4
    headers = dict(results[0][0]["headers"])
    assert headers[b"ratelimit-remaining"] == b"4"
