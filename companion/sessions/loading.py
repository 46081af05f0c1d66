"""Loading a session with everything around it once per request.

The access guard needs the session's pair; generation needs the session, its pair, the programme and
the members with their participant records. One query loads all of it into the request's database
session (``companion.db.scope``); whoever asks again in the same request gets the loaded rows back
without a round trip. Within one request these rows do not change, so reusing them is safe."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from companion.db.models import MentoringSession, Pair
from companion.errors import NotFoundError

_LOADED = "companion.session_tree"  # key in ``AsyncSession.info``: {session id: loaded row}


@cache
def _tree_query() -> Any:
    """Built once (it runs on nearly every pair request): a reused statement keeps its memoised
    cache key."""
    pair = joinedload(MentoringSession.pair)
    return (
        select(MentoringSession)
        .options(pair.joinedload(Pair.programme), pair.joinedload(Pair.members))
        .where(MentoringSession.id == bindparam("sid"))
    )


async def session_tree(db: AsyncSession, session_id: int) -> MentoringSession:
    """The session with ``pair``, ``pair.programme`` and ``pair.members`` (and their participants)
    loaded; 404 when it does not exist. At most one query per session id and database session."""
    loaded: dict[int, MentoringSession] = db.info.setdefault(_LOADED, {})
    known = loaded.get(session_id)
    if known is not None and not inspect(known).expired_attributes:  # a rollback expires everything
        return known
    session = (await db.execute(_tree_query(), {"sid": session_id})).unique().scalar_one_or_none()
    if session is None:
        raise NotFoundError(f"Session {session_id} does not exist")
    loaded[session_id] = session
    return session


def forget_sessions(db: AsyncSession) -> None:
    """Drop the remembered rows (after a write that changed them)."""
    db.info.pop(_LOADED, None)
