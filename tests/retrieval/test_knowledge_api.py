"""``/api/knowledge`` on a tiny Litestar app that provides the retriever as the real app does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar import Litestar
from litestar.di import Provide
from litestar.testing import TestClient

from companion.retrieval.controller import KnowledgeController
from companion.retrieval.search import HybridRetriever


@pytest.fixture
def client(full_retriever: HybridRetriever) -> Iterator[TestClient]:
    async def provide() -> HybridRetriever:
        return full_retriever

    app = Litestar(route_handlers=[KnowledgeController], dependencies={"retriever": Provide(provide)})
    with TestClient(app) as c:
        yield c


def test_search_returns_passages(client: TestClient) -> None:
    r = client.get("/api/knowledge/search", params={"q": "Homeoffice und Präsenztage", "lang": "de", "k": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "Homeoffice und Präsenztage" and body["lang"] == "de"
    assert len(body["results"]) == 3
    top = body["results"][0]
    assert top["card_id"] == "topic-remote-work" and top["lang"] == "de"
    assert set(top) >= {"card_id", "lang", "kind", "title", "section", "heading", "text", "score", "category"}


def test_search_filters_by_repeated_kind_and_category(client: TestClient) -> None:
    r = client.get(
        "/api/knowledge/search", params=[("q", "keine Zeit"), ("kind", "pitfall"), ("kind", "challenge")]
    )
    assert r.status_code == 200
    assert {p["kind"] for p in r.json()["results"]} <= {"pitfall", "challenge"}
    r = client.get("/api/knowledge/search", params={"q": "Sprache", "category": "culture", "k": 20})
    assert {p["category"] for p in r.json()["results"]} == {"culture"}


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "   "}, "empty"),
        ({"q": "x" * 501}, "q"),
        ({"q": "Feedback", "k": 0}, "k"),
        ({"q": "Feedback", "k": 21}, "k"),
        ({"q": "Feedback", "lang": "fr"}, "unknown language 'fr'"),
        ({"q": "Feedback", "kind": "recipe"}, "unknown kind 'recipe'"),
        ({"q": "Feedback", "category": "sports"}, "unknown category 'sports'"),
    ],
)
def test_bad_search_requests_are_400_with_a_message(client: TestClient, params, needle: str) -> None:
    r = client.get("/api/knowledge/search", params=params)
    assert r.status_code == 400
    assert needle in r.text


def test_card_by_id(client: TestClient) -> None:
    r = client.get("/api/knowledge/cards/topic-remote-work", params={"lang": "en"})
    assert r.status_code == 200
    card = r.json()
    assert card["id"] == "topic-remote-work" and card["lang"] == "en" and card["category"] == "work"
    assert [s["key"] for s in card["sections"]] == [
        "why",
        "junior_questions",
        "senior_questions",
        "non_technical",
        "session_ideas",
    ]
    assert card["sections"][0]["heading"] == "Why it matters"
    de = client.get("/api/knowledge/cards/pattern-first-session").json()
    assert de["lang"] == "de" and sum(s["share"] for s in de["steps"]) == 100


def test_unknown_card_is_404_and_bad_lang_400(client: TestClient) -> None:
    r = client.get("/api/knowledge/cards/topic-unicorns")
    assert r.status_code == 404 and "topic-unicorns" in r.text
    assert client.get("/api/knowledge/cards/topic-remote-work", params={"lang": "fr"}).status_code == 400


def test_search_by_card_returns_distinct_cards_with_their_passages(client: TestClient) -> None:
    r = client.get(
        "/api/knowledge/search",
        params={"q": "Homeoffice und Präsenztage", "lang": "de", "k": 4, "group": "card"},
    )
    assert r.status_code == 200 and r.json()["group"] == "card"
    hits = r.json()["results"]
    ids = [h["card_id"] for h in hits]
    assert len(hits) == 4 and len(set(ids)) == 4 and ids[0] == "topic-remote-work"
    assert all(h["passages"] and all(p["card_id"] == h["card_id"] for p in h["passages"]) for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert client.get("/api/knowledge/search", params={"q": "x", "group": "cards"}).status_code == 400
