"""Insights end to end through the API, and property-style checks over random programmes: no insights
response contains a participant's name or a reflection sentence, and nothing below k pairs appears."""

from __future__ import annotations

import json
import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.app import create_app
from companion.auth import bootstrap
from companion.auth.models import Invite
from companion.db.models import (
    GeneratedOutput,
    MentoringSession,
    Pair,
    PairMember,
    Participant,
    Programme,
    Reflection,
)
from companion.programmes import coordination


def _signed_in_themselves(session: AsyncSession, participant_id: int) -> None:
    """The evidence a real member leaves: an invite link used on their own device."""
    session.add(
        Invite(
            token_hash=uuid.uuid4().hex,
            participant_id=participant_id,
            expires_at=datetime(2027, 1, 1, tzinfo=UTC),
            used_at=datetime(2026, 9, 1, tzinfo=UTC),
            redeemed_client=f"device-{participant_id}",
        )
    )


FIRST = [
    "Helga",
    "Jonas",
    "Mia",
    "Thomas",
    "Sabine",
    "Noah",
    "Lea",
    "Ben",
    "Katrin",
    "Yusuf",
    "Aylin",
    "Piotr",
]
LAST = ["Brandt", "Demir", "Schulte", "Keller", "Ott", "Petrović", "Hoffmann", "Wagner", "Öztürk", "Nowak"]
THEMES = [
    "topic-ai-automation",
    "topic-remote-work",
    "topic-feedback-culture",
    "topic-social-media",
    "topic-onboarding",
]
TOPICS = ["topic-ai-automation", "topic-remote-work", "topic-team-culture", "topic-social-media"]


def _sentence(rng: random.Random, who: str) -> str:
    return f"{who} erzählte von Projekt {rng.randint(1000, 9999)} und einem Fehler im Vertrieb Nr. {rng.randint(1, 999)}."


async def _seed(session: AsyncSession, rng: random.Random, n_pairs: int, k: int) -> dict[str, Any]:
    programme = Programme(name="Zufall", language="de", k_threshold=k)
    session.add(programme)
    await session.flush()
    names, sentences = [], []
    theme_pairs: dict[str, set[int]] = {}
    phrase_pairs: dict[str, set[int]] = {}
    held_pairs: set[int] = set()
    start = datetime(2026, 9, 1, tzinfo=UTC)
    for p in range(n_pairs):
        people = []
        for role in ("junior", "senior"):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}{p}"
            names.append(name)
            person = Participant(
                programme_id=programme.id, display_name=name, role=role, email=f"p{p}{role}@firma.example"
            )
            session.add(person)
            people.append((person, role))
        await session.flush()
        pair = Pair(programme_id=programme.id, format="one-to-one", goals=[])
        pair.members = [PairMember(participant_id=person.id, role=role) for person, role in people]
        session.add(pair)
        await session.flush()
        for person, _ in people:
            _signed_in_themselves(session, person.id)
        for n in range(1, rng.randint(1, 3) + 1):
            ms = MentoringSession(
                pair_id=pair.id,
                number=n,
                scheduled_at=start + timedelta(days=30 * n + p),
                topic=rng.choice(TOPICS),
                status=(status := rng.choice(["held", "held", "planned", "cancelled"])),
                held_by=people[0][0].id if status == "held" else None,
            )
            session.add(ms)
            await session.flush()
            said = _sentence(rng, people[0][0].display_name)
            sentences.append(said)
            themes = rng.sample(THEMES, rng.randint(0, 3))
            session.add(
                Reflection(
                    session_id=ms.id,
                    author_role="junior",
                    author_id=people[0][0].id,
                    answers={"q": said},
                    slots={"general": said},
                    themes=themes,
                    shared_at=datetime(2026, 9, 2, tzinfo=UTC),
                )
            )
            if status == "held":
                held_pairs.add(pair.id)
            for t in themes:
                theme_pairs.setdefault(t, set()).add(pair.id)
            follow = rng.choice(
                ["KI im Vertrieb", f"Kaffee mit {people[1][0].display_name}", "Feedback üben"]
            )
            if "Kaffee" not in follow:
                phrase_pairs.setdefault(follow.lower(), set()).add(pair.id)
            session.add(
                GeneratedOutput(
                    session_id=ms.id,
                    kind="summary",
                    version=1,
                    generated_by="test",
                    payload={
                        "language": "de",
                        "summary": said,
                        "junior_learnings": [said],
                        "senior_learnings": [],
                        "themes": themes,
                        "next_steps": [said],
                        "follow_up_topics": [follow],
                        "generated_by": "test",
                    },
                )
            )
    await session.commit()
    return {
        "programme": programme.id,
        "names": names,
        "sentences": sentences,
        # only pairs a member marked held count (evidence); the first snapshot publishes them all
        "themes": {t: pairs & held_pairs for t, pairs in theme_pairs.items()},
        "held": held_pairs,
        "phrases": phrase_pairs,
    }


@pytest.fixture
def app_and_url(make_settings, sqlite_url: str) -> Any:
    return create_app(make_settings(database_url=sqlite_url)), sqlite_url


def _coordinator_headers(url: str) -> dict[str, str]:
    """A coordinator of every programme seeded so far (programme scope: see companion.auth.policy)."""

    async def make(session: AsyncSession) -> str:
        cid = await bootstrap.ensure_coordinator(session, "Carla", "carla@example.org")
        for programme_id in (await session.scalars(select(Programme.id))).all():
            await coordination.link(session, programme_id, cid)
        return await bootstrap.api_token(session, coordinator_id=cid)

    return {
        "authorization": f"Bearer {bootstrap.run(url, make, migrate=False)}",
        "accept": "application/json",
    }


@pytest.mark.parametrize("seed", range(12))
def test_insights_never_leak_and_respect_k(app_and_url: Any, seed: int) -> None:
    app, url = app_and_url
    rng = random.Random(seed)
    k = rng.choice([1, 3, 4, 5])  # 1 must behave like 3
    with TestClient(app) as client:
        data = bootstrap.run(url, lambda s: _seed(s, rng, rng.randint(1, 9), k), migrate=False)
        headers = _coordinator_headers(url)
        r = client.get(f"/api/programmes/{data['programme']}/insights", headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        text = json.dumps(body, ensure_ascii=False)
        effective = max(3, k)
        assert body["k"] == effective
        for name in data["names"]:
            for part in name.split():
                assert part not in text, (part, text)
        for sentence in data["sentences"]:
            assert sentence not in text
        assert "firma.example" not in text
        shown_themes = {row["theme"]: row["pairs"] for row in body["themes"]}
        batch = set().union(*data["themes"].values()) if data["themes"] else set()
        for theme, pairs in data["themes"].items():
            if len(pairs) >= effective and len(batch) >= effective:
                assert shown_themes[theme] == len(pairs) // effective * effective
            else:
                assert theme not in shown_themes
        assert "phrases" not in body  # free text ("for later") stays inside the pair
        for phrase in data["phrases"]:
            assert phrase not in text.lower()
        for cell in [body["pairs_total"], body["pairs_active"]] + [
            m[s] for m in body["months"] for s in ("held", "planned", "cancelled")
        ]:
            assert cell["value"] is None or cell["value"] > 0
            if cell["value"] is None:
                assert cell["shown"] == f"< {effective}"


def test_theme_appears_exactly_when_k_pairs_share_it(app_and_url: Any) -> None:
    app, url = app_and_url

    async def seed(session: AsyncSession, pairs: int) -> int:
        programme = Programme(name="Schwelle", language="en", k_threshold=3)
        session.add(programme)
        await session.flush()
        for p in range(pairs):
            a = Participant(programme_id=programme.id, display_name=f"Junior {p}", role="junior")
            b = Participant(programme_id=programme.id, display_name=f"Senior {p}", role="senior")
            session.add_all([a, b])
            await session.flush()
            pair = Pair(programme_id=programme.id, format="one-to-one", goals=[])
            pair.members = [
                PairMember(participant_id=a.id, role="junior"),
                PairMember(participant_id=b.id, role="senior"),
            ]
            session.add(pair)
            await session.flush()
            _signed_in_themselves(session, a.id)
            _signed_in_themselves(session, b.id)
            # two sessions of the same pair must count once
            for n in (1, 2):
                ms = MentoringSession(
                    pair_id=pair.id,
                    number=n,
                    status="held",
                    held_by=a.id,
                    topic="topic-ai-automation",
                    scheduled_at=datetime(2026, 10, 1, tzinfo=UTC),
                )
                session.add(ms)
                await session.flush()
                session.add(
                    Reflection(
                        session_id=ms.id,
                        author_role="senior",
                        author_id=b.id,
                        answers={"learned": "Viel."},
                        slots={"learned": "Viel."},
                        themes=["topic-remote-work"],
                        shared_at=datetime(2026, 10, 1, tzinfo=UTC),
                    )
                )
        await session.commit()
        return programme.id

    with TestClient(app) as client:
        two = bootstrap.run(url, lambda s: seed(s, 2), migrate=False)
        body = client.get(f"/api/programmes/{two}/insights", headers=_coordinator_headers(url)).json()
        assert body["themes"] == [] and body["pairs_total"]["shown"] == "< 3"
        assert body["months"][0]["held"] == {"value": None, "shown": "< 3"}
        assert all(row["sessions"]["value"] is None for row in body["topic_mix"])
        three = bootstrap.run(url, lambda s: seed(s, 3), migrate=False)
        body = client.get(f"/api/programmes/{three}/insights", headers=_coordinator_headers(url)).json()
        assert [(t["theme"], t["pairs"]) for t in body["themes"]] == [("topic-remote-work", 3)]
        assert body["themes"][0]["label"] != "topic-remote-work"  # the card title, in the programme language
        assert body["months"][0]["held"] == {"value": 6, "shown": "6"}
        tech = next(row for row in body["topic_mix"] if row["category"] == "technology")
        assert tech["sessions"]["value"] == 6 and tech["pairs"]["value"] == 3


def test_undated_sessions_count_in_the_month_they_were_planned(app_and_url: Any) -> None:
    app, url = app_and_url

    async def seed(session: AsyncSession) -> int:
        programme = Programme(name="Ohne Termine", language="de", k_threshold=3)
        session.add(programme)
        await session.flush()
        for p in range(3):
            a = Participant(programme_id=programme.id, display_name=f"J {p}", role="junior")
            b = Participant(programme_id=programme.id, display_name=f"S {p}", role="senior")
            session.add_all([a, b])
            await session.flush()
            pair = Pair(programme_id=programme.id, format="one-to-one", goals=[])
            pair.members = [
                PairMember(participant_id=a.id, role="junior"),
                PairMember(participant_id=b.id, role="senior"),
            ]
            session.add(pair)
            await session.flush()
            session.add(
                MentoringSession(
                    pair_id=pair.id,
                    number=1,
                    status="planned",
                    created_at=datetime(2026, 11, 3, tzinfo=UTC),
                )
            )
        await session.commit()
        return programme.id

    with TestClient(app) as client:
        pid = bootstrap.run(url, seed, migrate=False)
        headers = _coordinator_headers(url)
        body = client.get(f"/api/programmes/{pid}/insights", headers=headers).json()
        assert [m["month"] for m in body["months"]] == ["2026-11"]
        assert body["months"][0]["planned"]["value"] == 3
