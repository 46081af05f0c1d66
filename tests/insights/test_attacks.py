"""Issue 11: a hostile coordinator, using only the API, must not learn one pair's themes.

* Sybil: the coordinator creates people and pairs, makes and redeems their invite links themselves,
  writes reflections that tick a theme and generates summaries, so that "k pairs" share a theme when
  exactly one real pair raised it.
* Differencing: the coordinator dissolves a pair and compares the figures before and after.

Both run on SQLite and PostgreSQL. (The reflection helper falls back to the pre-issue API, which had
no ticked themes, so the same tests can be run against the old code to show that they fail there.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

import pytest
from litestar.testing import TestClient

from companion.app import create_app
from companion.auth import bootstrap
from companion.runtime import Runtime

COORDINATOR_UA = {"user-agent": "Mozilla/5.0 (coordinator laptop)"}
NOW = datetime(2026, 10, 15, tzinfo=UTC)
SAY = {
    "topic-remote-work": "Wir haben über Homeoffice und hybride Meetings im Team gesprochen.",
    "topic-sustainability": "Wir haben über Nachhaltigkeit und den CO2-Fußabdruck gesprochen.",
}


@pytest.fixture(scope="module")
def retriever(hash_retriever: Any) -> Any:
    """The session's hash-embedder index (tests/conftest.py)."""
    return hash_retriever


class Attack:
    """One programme (k = 3) driven through the API by its coordinator, plus its members' own actions."""

    def __init__(self, client: TestClient[Any], url: str) -> None:
        self.client, self.url, self.n = client, url, 0

        async def coordinator(session: Any) -> str:
            cid = await bootstrap.ensure_coordinator(session, "Mallory", "mallory@example.org")
            return await bootstrap.api_token(session, coordinator_id=cid)

        self.co = {
            "authorization": f"Bearer {bootstrap.run(url, coordinator, migrate=False)}",
            **COORDINATOR_UA,
        }
        programme = client.post("/api/programmes", json={"name": "Pilot", "k_threshold": 3}, headers=self.co)
        self.programme = programme.json()["id"]

    def _bearer(self, participant_id: int) -> dict[str, str]:
        token = bootstrap.run(
            self.url, lambda s: bootstrap.api_token(s, participant_id=participant_id), migrate=False
        )
        return {"authorization": f"Bearer {token}"}

    def pair(self, themes: list[str], *, real: bool) -> int:
        """A pair whose members tick ``themes``; ``real`` pairs sign in on their own devices, the
        others are the coordinator's sock puppets (links redeemed by the coordinator)."""
        self.n += 1
        people = []
        for role in ("junior", "senior"):
            r = self.client.post(
                f"/api/programmes/{self.programme}/participants",
                json={"display_name": f"Person {self.n} {role}", "role": role},
                headers=self.co,
            )
            people.append(r.json()["id"])
        pair = self.client.post(
            f"/api/programmes/{self.programme}/pairs",
            json={"junior_ids": [people[0]], "senior_ids": [people[1]]},
            headers=self.co,
        ).json()["id"]
        for pid in people:
            link = self.client.post(
                "/api/auth/invites", json={"participant_id": pid}, headers=self.co
            ).json()["url"]
            device = {"user-agent": f"phone of participant {pid}"} if real else COORDINATOR_UA
            self._redeem(urlparse(link).path, device)
        junior, senior = (self._bearer(p) for p in people)
        session = self.client.post(
            f"/api/pairs/{pair}/sessions", json={"topic": "topic-team-culture"}, headers=junior
        ).json()["id"]
        assert (
            self.client.patch(f"/api/sessions/{session}", json={"status": "held"}, headers=junior).status_code
            == 200
        )
        text = " ".join(SAY[t] for t in themes)
        for role, headers in (("junior", junior), ("senior", senior)):
            body = {"author_role": role, "slots": {"learned": text}, "themes": themes}
            r = self.client.post(f"/api/sessions/{session}/reflections", json=body, headers=headers)
            if r.status_code == 400:  # the API before issue 11: free answers, themes guessed from words
                body = {"author_role": role, "answers": {"Was hast du heute gelernt?": text}}
                r = self.client.post(f"/api/sessions/{session}/reflections", json=body, headers=headers)
            assert r.status_code == 201, r.text
        assert self.client.post(f"/api/sessions/{session}/summary", headers=junior).status_code == 201
        return int(pair)

    def _redeem(self, path: str, headers: dict[str, str]) -> None:
        """Open the link and press the button, like a browser on that device."""
        page = self.client.get(path, headers={"accept": "text/html", **headers})
        token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = self.client.post(path, data={"_csrf_token": token}, headers=headers, follow_redirects=False)
        assert r.status_code == 303, r.text
        self.client.cookies.clear()

    def themes(self) -> dict[str, int]:
        r = self.client.get(f"/api/programmes/{self.programme}/insights", headers=self.co)
        assert r.status_code == 200, r.text
        return {row["theme"]: row["pairs"] for row in r.json()["themes"]}


@pytest.fixture
def attack(make_settings: Any, database_url: str, retriever: Any) -> Iterator[tuple[Attack, Any]]:
    settings = make_settings(database_url=database_url)
    runtime = Runtime(settings)
    runtime._retriever = retriever
    app = create_app(settings, runtime=runtime)
    app.state.clock = lambda: NOW
    with TestClient(app) as client:
        yield Attack(client, database_url), app


def test_sock_puppet_pairs_do_not_count_towards_k(attack: tuple[Attack, Any]) -> None:
    a, _ = attack
    for _ in range(3):
        a.pair(["topic-remote-work"], real=True)
    a.pair(["topic-sustainability"], real=True)  # the one real pair the coordinator wants to expose
    a.pair(["topic-sustainability"], real=False)
    a.pair(["topic-sustainability"], real=False)
    shown = a.themes()
    assert "topic-sustainability" not in shown, shown  # one real pair, two puppets: below k
    assert shown.get("topic-remote-work") == 3


def test_dissolving_a_pair_reveals_nothing(attack: tuple[Attack, Any]) -> None:
    a, app = attack
    for _ in range(3):
        a.pair(["topic-remote-work"], real=True)
    for _ in range(2):
        a.pair(["topic-sustainability"], real=True)
    target = a.pair(["topic-remote-work", "topic-sustainability"], real=True)
    before = a.themes()
    assert before == {"topic-remote-work": 3, "topic-sustainability": 3}
    assert a.client.delete(f"/api/pairs/{target}", headers=a.co).status_code == 204
    assert a.themes() == before  # same snapshot
    app.state.clock = lambda: datetime(2026, 11, 2, tzinfo=UTC)
    assert a.themes() == before  # next month: counts are cumulative, the dissolved pair stays counted


def test_new_pairs_are_published_only_in_batches_of_k(attack: tuple[Attack, Any]) -> None:
    a, app = attack
    for _ in range(3):
        a.pair(["topic-remote-work"], real=True)
    assert a.themes() == {"topic-remote-work": 3}
    app.state.clock = lambda: datetime(2026, 11, 2, tzinfo=UTC)
    a.pair(["topic-remote-work", "topic-sustainability"], real=True)
    a.pair(["topic-remote-work"], real=True)
    assert a.themes() == {"topic-remote-work": 3}  # two new pairs: they wait
    app.state.clock = lambda: datetime(2026, 12, 2, tzinfo=UTC)
    a.pair(["topic-remote-work"], real=True)
    assert a.themes() == {"topic-remote-work": 6}  # three new pairs: published, rounded to a multiple of k
