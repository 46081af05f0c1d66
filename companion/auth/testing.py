"""A test client that is signed in, for the API tests of every area.

It sends a bearer token with each request: a coordinator's, except for a pair's confidential data
(``/api/pairs/{id}/sessions``, ``/api/sessions/{id}/…``, ``/api/reflections/{id}``), which it requests
as a member of that pair (the reflection's author when the JSON body names one) — because the API
refuses coordinators there. Tokens are minted directly in the test database.
"""

from __future__ import annotations

import re
from typing import Any

from litestar.testing import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth import bootstrap
from companion.db.models import MentoringSession, PairMember, Reflection


class SignedInClient(TestClient):
    """``SignedInClient(app, database_url=url)``; pass ``headers={"Authorization": ...}`` to override."""

    def __init__(self, app: Any, *, database_url: str, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.database_url = database_url
        self._coordinator: str | None = None
        self._tokens: dict[int, str] = {}

    def build_request(self, method: str, url: Any, **kwargs: Any) -> Any:
        # Every httpx call (request, stream, get, post …) builds its request here.
        headers = dict(kwargs.pop("headers", None) or {})
        if not any(k.lower() == "authorization" for k in headers):
            headers["Authorization"] = f"Bearer {self.token_for(str(url), kwargs.get('json'))}"
        return super().build_request(method, url, headers=headers, **kwargs)

    def coordinator_token(self) -> str:
        """The bearer token of the test coordinator (created on first use)."""
        if self._coordinator is None:

            async def make(session: AsyncSession) -> str:
                cid = await bootstrap.ensure_coordinator(
                    session, "Test Coordinator", "coordinator@example.org"
                )
                return await bootstrap.api_token(session, coordinator_id=cid)

            self._coordinator = bootstrap.run(self.database_url, make, migrate=False)
        return self._coordinator

    def participant_token(self, participant_id: int) -> str:
        """A bearer token of one participant (cached)."""
        if participant_id not in self._tokens:
            self._tokens[participant_id] = bootstrap.run(
                self.database_url,
                lambda s: bootstrap.api_token(s, participant_id=participant_id),
                migrate=False,
            )
        return self._tokens[participant_id]

    def token_for(self, url: str, body: Any) -> str:
        member = bootstrap.run(self.database_url, lambda s: pair_member_for(s, url, body), migrate=False)
        return self.coordinator_token() if member is None else self.participant_token(member)


async def pair_member_for(session: AsyncSession, url: str, body: Any) -> int | None:
    """The pair member to act as for ``url`` (None when the URL is not pair data)."""
    path = url.split("?")[0]
    pair_id: int | None = None
    if m := re.search(r"/api/pairs/(\d+)/sessions", path):
        pair_id = int(m.group(1))
    elif m := re.search(r"/api/sessions/(\d+)", path):
        pair_id = await session.scalar(
            select(MentoringSession.pair_id).where(MentoringSession.id == int(m.group(1)))
        )
    elif m := re.search(r"/api/reflections/(\d+)", path):
        # a reflection is changed, previewed and deleted by its author: act as them
        author = await session.scalar(select(Reflection.author_id).where(Reflection.id == int(m.group(1))))
        if author is not None:
            return int(author)
        pair_id = await session.scalar(
            select(MentoringSession.pair_id)
            .join(Reflection, Reflection.session_id == MentoringSession.id)
            .where(Reflection.id == int(m.group(1)))
        )
    if pair_id is None:
        return None
    members = sorted(
        (await session.scalars(select(PairMember.participant_id).where(PairMember.pair_id == pair_id))).all()
    )
    author = body.get("author_id") if isinstance(body, dict) else None
    if author in members:
        return int(author)
    return members[0] if members else None
