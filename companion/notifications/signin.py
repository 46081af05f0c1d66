"""Self-service sign-in and sliding browser sessions.

``/signin`` answers every well-formed address the same way and leaves the lookup to a job, so neither
the page nor its timing tells whether an address has an account. Requests are limited per address
(silently: the limit applies to every address alike) and per IP address (HTTP 429).

A browser session is renewed while it is used — each renewal moves its end to ``session_ttl_hours``
from now — but never past the end of the participant's programme.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.types import Message, Scope, Send
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.models import AuthToken
from companion.auth.services import as_utc, hash_secret
from companion.db.models import Participant, Programme
from companion.notifications.scan import programme_end
from companion.settings import Settings

RENEW_AFTER = timedelta(hours=1)  # write at most once an hour per session, not on every request


def limiter_store(settings: Settings) -> Store:
    """Counters shared by all workers when Redis is configured (memory fallback when it is down)."""
    if settings.redis_url:
        from companion.web.stores import redis_store

        return redis_store(settings.redis_url, namespace=f"companion:signin:{settings.queue_name}")
    return MemoryStore()


class SigninLimiter:
    """Fixed one-hour windows per address and per IP."""

    def __init__(self, store: Store, per_address: int, per_ip: int) -> None:
        self.store = store
        self.per_address = per_address
        self.per_ip = per_ip

    async def _hit(self, key: str, limit: int, now: datetime) -> bool:
        window = f"{key}:{now:%Y%m%d%H}"
        count = int(await self.store.get(window) or 0)
        if count >= limit:
            return False
        await self.store.set(window, str(count + 1), expires_in=3600)
        return True

    async def allow_ip(self, ip: str, now: datetime) -> bool:
        return await self._hit(f"ip:{ip}", self.per_ip, now)

    async def allow_address(self, address: str, now: datetime) -> bool:
        digest = hashlib.sha256(address.encode("utf-8")).hexdigest()[:32]  # no addresses in Redis
        return await self._hit(f"addr:{digest}", self.per_address, now)


async def session_cap(db: AsyncSession, token: AuthToken) -> datetime | None:
    """The latest a participant's browser session may last: their programme's end (None: no cap)."""
    if token.participant_id is None:
        return None
    programme = await db.scalar(
        select(Programme)
        .join(Participant, Participant.programme_id == Programme.id)
        .where(Participant.id == token.participant_id)
    )
    end = programme_end(programme) if programme is not None else None
    return datetime(end.year, end.month, end.day, tzinfo=UTC) if end is not None else None


async def slide_session(db: AsyncSession, raw: str, ttl_hours: int, now: datetime) -> datetime | None:
    """Renew a valid browser session that is in use; the new end, or None when nothing changed."""
    token = await db.scalar(
        select(AuthToken).where(AuthToken.token_hash == hash_secret(raw), AuthToken.kind == "session")
    )
    if token is None or token.revoked_at is not None:
        return None
    current = as_utc(token.expires_at)
    if current <= now:
        return None
    target = now + timedelta(hours=ttl_hours)
    cap = await session_cap(db, token)
    if cap is not None:
        target = min(target, cap)
    if target - current < RENEW_AFTER:
        return None
    await db.execute(update(AuthToken).where(AuthToken.id == token.id).values(expires_at=target))
    await db.commit()
    return target


async def renewing_send(scope: Scope, send: Send, db: AsyncSession, raw: str) -> Send:
    """``send`` that also sets the renewed session cookie, when the session was renewed."""
    from litestar.datastructures import MutableScopeHeaders

    from companion.auth.middleware import session_cookie

    settings: Settings = scope["litestar_app"].state.settings
    now = datetime.now(UTC)
    new_end = await slide_session(db, raw, settings.session_ttl_hours, now)
    if new_end is None:
        return send
    cookie = session_cookie(settings, raw, max_age=int((new_end - now).total_seconds()))

    async def send_with_cookie(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableScopeHeaders.from_message(message)
            headers.add("set-cookie", cookie.to_header(header=""))
        await send(message)

    return send_with_cookie
