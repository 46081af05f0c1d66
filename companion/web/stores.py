"""Key-value stores for state that several workers must share: generation rate-limit counters and
freshly minted invite links (shown again on reload for a few minutes, ``web.pages_coordinator``).

Without ``COMPANION_REDIS_URL`` the counters live in process memory, which is right for one process.
With it they live in Redis, so every worker of a deployment counts against the same limit. A Redis
outage must not turn generation requests into 500s: the store then falls back to process memory
(limits still apply per process), logs the outage once and goes back to Redis when it answers again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore

from companion.settings import Settings
from companion.web.rate_limit import MemoryCounter, RateCounter, RedisCounter

log = logging.getLogger(__name__)

RATE_LIMIT_STORE = "rate_limit"  # the name Litestar's RateLimitConfig looks up
NAMESPACE = "companion:rate-limit"
INVITE_STORE = "invite_links"  # freshly minted invite links, kept briefly so a reload shows them again
INVITE_NAMESPACE = "companion:invite-links"
RETRY_AFTER_SECONDS = 30.0  # how long to stay on the fallback before trying Redis again

T = TypeVar("T")


class FallbackStore(Store):
    """Delegates to ``primary``; on a connection error uses ``fallback`` for a while instead."""

    def __init__(
        self,
        primary: Store,
        fallback: Store | None = None,
        *,
        errors: tuple[type[BaseException], ...] = (OSError,),
        label: str = "redis",
        counter: RateCounter | None = None,
    ) -> None:
        self.primary = primary
        self.fallback = fallback or MemoryStore()
        self.errors = errors  # what counts as "unreachable"; anything else is a bug and propagates
        self.label = label
        self._down_until = 0.0
        # Rate-limit windows (``companion.web.rate_limit``): ``counter`` counts in the primary's
        # backend; process memory stands in while the primary is away (or without such a counter).
        self._counter = counter or MemoryCounter()
        self._memory = MemoryCounter()

    @property
    def degraded(self) -> bool:
        """True while the primary store is considered unreachable."""
        return time.monotonic() < self._down_until

    async def _call(self, op: Callable[[Store], Awaitable[T]]) -> T:
        if not self.degraded:
            try:
                return await op(self.primary)
            except self.errors as exc:
                self._mark_down(exc)
        return await op(self.fallback)

    async def hit(self, key: str, window: int) -> tuple[int, int]:
        """Count a rate-limit hit: with the primary's counter while it answers, else in memory."""
        return await self._call(
            lambda store: (self._counter if store is self.primary else self._memory).hit(key, window)
        )

    def _mark_down(self, exc: BaseException) -> None:
        log.warning(
            "%s unreachable (%s); rate limits are counted per process for the next %.0f s",
            self.label,
            type(exc).__name__,
            RETRY_AFTER_SECONDS,
        )
        self._down_until = time.monotonic() + RETRY_AFTER_SECONDS

    async def set(self, key: str, value: str | bytes, expires_in: int | timedelta | None = None) -> None:
        await self._call(lambda s: s.set(key, value, expires_in))

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        return await self._call(lambda s: s.get(key, renew_for))

    async def delete(self, key: str) -> None:
        await self._call(lambda s: s.delete(key))

    async def delete_all(self) -> None:
        await self._call(lambda s: s.delete_all())

    async def exists(self, key: str) -> bool:
        return await self._call(lambda s: s.exists(key))

    async def expires_in(self, key: str) -> int | None:
        return await self._call(lambda s: s.expires_in(key))


def redis_store(url: str, namespace: str = NAMESPACE) -> Store:
    """A Redis-backed store (client closed with the app), wrapped in the memory fallback."""
    from litestar.stores.redis import RedisStore
    from redis import exceptions
    from redis.asyncio import Redis

    # Short timeouts: a rate-limit check must not hold a request for long when Redis is slow.
    client = Redis.from_url(url, socket_connect_timeout=1.0, socket_timeout=1.0)
    return FallbackStore(
        RedisStore(client, namespace=namespace, handle_client_shutdown=True),
        errors=(exceptions.ConnectionError, exceptions.TimeoutError, OSError),
        counter=RedisCounter(client, namespace),
    )


def stores(settings: Settings) -> dict[str, Store]:
    """Named stores for the app; empty means Litestar's per-process memory stores."""
    if not settings.redis_url:
        return {}
    return {
        RATE_LIMIT_STORE: redis_store(settings.redis_url),
        INVITE_STORE: redis_store(settings.redis_url, INVITE_NAMESPACE),
    }
