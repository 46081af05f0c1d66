"""Synchronous helpers for the CLI, the demo and tests: create coordinators, invites and tokens on a
database URL without a running service."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from companion.auth import services as svc
from companion.auth.principal import Principal
from companion.db import engine as db

T = TypeVar("T")


async def with_session(url: str, work: Callable[[AsyncSession], Awaitable[T]], *, migrate: bool = True) -> T:
    """Run ``work`` in one database session on ``url`` (migrated to head first)."""
    engine = db.make_engine(url)
    try:
        if migrate:
            await db.upgrade(engine)
        async with async_sessionmaker(engine, expire_on_commit=False)() as session:
            return await work(session)
    finally:
        await engine.dispose()


async def ensure_coordinator(session: AsyncSession, name: str, email: str, language: str = "de") -> int:
    """The id of the coordinator with ``email``, created when missing."""
    existing = await svc.coordinator_by_email(session, email)
    if existing is not None:
        return existing.id
    return (await svc.create_coordinator(session, name, email, language)).id


async def coordinator_link(session: AsyncSession, coordinator_id: int, base_url: str, ttl_hours: int) -> str:
    """A fresh single-use sign-in link for a coordinator."""
    _, raw = await svc.create_invite(session, coordinator_id=coordinator_id, ttl_hours=ttl_hours)
    return svc.sign_in_link(base_url, raw)


async def participant_link(session: AsyncSession, participant_id: int, base_url: str, ttl_hours: int) -> str:
    """A fresh single-use sign-in link for a participant."""
    _, raw = await svc.create_invite(session, participant_id=participant_id, ttl_hours=ttl_hours)
    return svc.sign_in_link(base_url, raw)


async def api_token(
    session: AsyncSession,
    *,
    coordinator_id: int | None = None,
    participant_id: int | None = None,
    days: int = 90,
) -> str:
    """A bearer token for a coordinator or participant."""
    who: Principal | None = await svc.load_principal(session, participant_id, coordinator_id)
    if who is None:
        raise LookupError("no such coordinator or participant")
    return await svc.issue_token(session, who, kind="api", ttl=timedelta(days=days), label="cli")


def run(url: str, work: Callable[[AsyncSession], Awaitable[T]], *, migrate: bool = True) -> T:
    """Synchronous wrapper of :func:`with_session` (CLI and tests)."""
    return asyncio.run(with_session(url, work, migrate=migrate))
