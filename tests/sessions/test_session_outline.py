"""The earlier topics of a pair come with the session tree (one JSON column), and generation reads the
same context whether the session was loaded with the tree or without it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from companion.db.models import MentoringSession
from companion.sessions.generation_service import build_context
from companion.sessions.loading import session_tree
from tests.sessions.conftest import make_session


def test_context_lists_earlier_topics_in_order_from_the_tree_and_without_it(gen_client: Any) -> None:
    ids = make_session(gen_client, topic="topic-remote-work")
    pair = ids["pair"]
    # Planned out of order, one without a topic: the context must still read 1, 2, 3, 4 in order.
    numbers = {}
    for topic in ("topic-social-media", None, "topic-feedback-culture"):
        body = {"topic": topic} if topic else {}
        r = gen_client.post(f"/api/pairs/{pair}/sessions", json=body)
        assert r.status_code == 201, r.text
        numbers[topic] = r.json()["number"]
    last = gen_client.post(f"/api/pairs/{pair}/sessions", json={"topic": "topic-onboarding"}).json()
    maker = async_sessionmaker(gen_client.app.state.engine, expire_on_commit=False)

    async def contexts() -> tuple[Any, Any, Any]:
        async with maker() as db:
            tree = await session_tree(db, last["id"])
            planned = [[1, "topic-remote-work"], [2, "topic-social-media"], [3, None]]
            planned += [[4, "topic-feedback-culture"], [5, "topic-onboarding"]]
            assert sorted(tree.outline or []) == planned
            with_tree = await build_context(db, last["id"], "agenda")
        async with maker() as db:
            # Loaded by another query first: the identity map keeps that object, without an outline.
            plain = await db.get(MentoringSession, last["id"])
            assert plain is not None and plain.outline is None
            without = await build_context(db, last["id"], "agenda")
        async with maker() as db:
            first = await build_context(db, ids["session"], "agenda")
        return with_tree, without, first

    # On the app's own event loop: its pooled connections belong to it.
    with_tree, without, first = gen_client.blocking_portal.call(contexts)
    assert numbers == {"topic-social-media": 2, None: 3, "topic-feedback-culture": 4}
    expected = ["topic-remote-work", "topic-social-media", "topic-feedback-culture"]
    assert with_tree.previous_topics == expected
    assert without.model_dump() == with_tree.model_dump()
    assert with_tree.session_number == 5 and with_tree.total_sessions >= 5
    assert first.previous_topics == [] and first.total_sessions == with_tree.total_sessions
