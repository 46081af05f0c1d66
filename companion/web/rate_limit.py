"""Generation rate limits: N requests per person and minute, counted in one step per request.

A fixed window per person: the first generation request opens a window of ``WINDOW_SECONDS``, every
request in it counts, and the ``limit + 1``-th is answered with 429 (problem details, ``Retry-After``
and the ``RateLimit-*`` headers) until the window closes.

Litestar's own ``RateLimitMiddleware`` did the same with a JSON list of timestamps: a read and a write
per request, both under one lock for *all* requests of the worker. Under load that lock queued every
generation request of a worker behind the store round trips of the others, and reading, decoding,
encoding and writing the list cost ~3 ms of CPU per request (issue 13: 12.7 → 9.5 ms of worker CPU
per agenda request without it). Here a request costs one atomic increment — one Redis round trip
(``SET NX EX`` + ``INCR`` + ``TTL`` in one transaction), or a dict update in process memory — and no
request waits for another's.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any, Protocol

from litestar.datastructures import MutableScopeHeaders
from litestar.exceptions import TooManyRequestsException
from litestar.types import ASGIApp, Message, Receive, Scope, Send

WINDOW_SECONDS = 60
PRUNE_EVERY = 1024  # memory counter: drop closed windows after this many hits


class RateCounter(Protocol):
    """Counts hits per key within fixed windows."""

    async def hit(self, key: str, window: int) -> tuple[int, int]:
        """Count one hit for ``key``; returns the hits in the current window (this one included) and
        the whole seconds until the window closes (at least 1)."""
        ...


class MemoryCounter:
    """Windows in process memory: right for one process, or while Redis is away."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._windows: dict[str, list[float]] = {}  # key -> [hits, closes_at]
        self._since_prune = 0

    async def hit(self, key: str, window: int) -> tuple[int, int]:
        """See :meth:`RateCounter.hit`."""
        now = self._clock()
        entry = self._windows.get(key)
        if entry is None or entry[1] <= now:
            entry = self._windows[key] = [0, now + window]
        entry[0] += 1
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY:
            self._prune(now)
        # Clamped to the window: (now + window) - now can round to a hair above ``window``, and
        # ceil would then promise one second more than the window has.
        return int(entry[0]), min(window, max(1, math.ceil(entry[1] - now)))

    def _prune(self, now: float) -> None:
        self._since_prune = 0
        for key in [k for k, (_, closes) in self._windows.items() if closes <= now]:
            del self._windows[key]


async def redis_hit(client: Any, key: str, window: int) -> tuple[int, int]:
    """One round trip: create the window with its expiry if it does not exist, count, read the expiry.

    ``SET NX EX`` gives a new window its lifetime exactly once, so a counter can never be left without
    an expiry (``INCR`` then ``EXPIRE`` could, if the process died in between)."""
    async with client.pipeline(transaction=True) as pipe:
        pipe.set(key, 0, ex=window, nx=True)
        pipe.incr(key)
        pipe.ttl(key)
        _, hits, ttl = await pipe.execute()
    return int(hits), int(ttl) if ttl and ttl > 0 else window


class RedisCounter:
    """Windows in Redis, shared by every worker; keys under ``namespace`` like the store's own."""

    def __init__(self, client: Any, namespace: str) -> None:
        self.client = client
        self.namespace = namespace

    async def hit(self, key: str, window: int) -> tuple[int, int]:
        """See :meth:`RateCounter.hit`."""
        return await redis_hit(self.client, f"{self.namespace}:{key}", window)


class GenerationRateLimitMiddleware:
    """Counts the requests ``applies(scope)`` selects per ``identify(scope)`` and refuses the ones over
    ``limit`` per window. Runs after routing (it needs the route's path template)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limit: int,
        applies: Callable[[Scope], bool],
        identify: Callable[[Scope], str],
        counter_for: Callable[[Scope], RateCounter],
        window: int = WINDOW_SECONDS,
    ) -> None:
        self.app = app
        self.limit = limit
        self.window = window
        self.applies = applies
        self.identify = identify
        self.counter_for = counter_for
        self._policy = f"{limit}; w={window}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.applies(scope):
            await self.app(scope, receive, send)
            return
        key = f"generation::{self.identify(scope)}"
        hits, reset = await self.counter_for(scope).hit(key, self.window)
        headers = {
            "RateLimit-Policy": self._policy,
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(max(0, self.limit - hits)),
            "RateLimit-Reset": str(reset),
        }
        if hits > self.limit:
            raise TooManyRequestsException(headers={**headers, "Retry-After": str(reset)})

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                target = MutableScopeHeaders.from_message(message)
                for name, value in headers.items():
                    target[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
