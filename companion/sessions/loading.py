"""Loading a session with everything around it once per request.

The access guard needs the session's pair; generation needs the session, its pair, the programme and
the members with their participant records. One query loads all of it into the request's database
session (``companion.db.scope``); whoever asks again in the same request gets the loaded rows back
without a round trip. Within one request these rows do not change, so reusing them is safe."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import JSON, bindparam, func, inspect, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, joinedload, with_expression

from companion.db.models import MentoringSession, Pair
from companion.errors import NotFoundError

_LOADED = "companion.session_tree"  # key in ``AsyncSession.info``: {session id: loaded row}


@cache
def _tree_query(dialect: str) -> Any:
    """Built once per dialect (it runs on nearly every pair request): a reused statement keeps its
    memoised cache key."""
    pair = joinedload(MentoringSession.pair)
    return (
        select(MentoringSession)
        .options(
            pair.joinedload(Pair.programme),
            pair.joinedload(Pair.members),
            with_expression(MentoringSession.outline, _outline(dialect)),
        )
        .where(MentoringSession.id == bindparam("sid"))
    )


def _outline(dialect: str) -> Any:
    """``[[number, topic], ...]`` of all sessions of the session's pair, as one JSON column of the
    tree's row: the earlier topics and the highest number come without a round trip of their own."""
    sibling = aliased(MentoringSession, name="sibling")
    if dialect == "postgresql":
        item, collect = func.json_build_array, func.json_agg
    else:  # SQLite's JSON1 functions (built in since 3.38)
        item, collect = func.json_array, func.json_group_array
    rows = select(collect(item(sibling.number, sibling.topic))).where(
        sibling.pair_id == MentoringSession.pair_id
    )
    return type_coerce(rows.scalar_subquery(), JSON)


async def session_tree(db: AsyncSession, session_id: int) -> MentoringSession:
    """The session with ``pair``, ``pair.programme`` and ``pair.members`` (and their participants)
    loaded; 404 when it does not exist. At most one query per session id and database session."""
    loaded: dict[int, MentoringSession] = db.info.setdefault(_LOADED, {})
    known = loaded.get(session_id)
    if known is not None and not inspect(known).expired_attributes:  # a rollback expires everything
        return known
    query = _tree_query(db.get_bind().dialect.name)
    session = (await db.execute(query, {"sid": session_id})).unique().scalar_one_or_none()
    if session is None:
        raise NotFoundError(f"Session {session_id} does not exist")
    loaded[session_id] = session
    return session


def forget_sessions(db: AsyncSession) -> None:
    """Drop the remembered rows (after a write that changed them)."""
    db.info.pop(_LOADED, None)
