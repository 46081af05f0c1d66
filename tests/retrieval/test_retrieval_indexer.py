"""Incremental indexing by content hash: only changed cards are re-embedded, deleted ones leave."""

from __future__ import annotations

import time
from pathlib import Path

from companion.retrieval.activity_index import activity_records
from companion.retrieval.indexer import IndexProgress, build_retriever, sync_index
from companion.retrieval.knowledge import load_knowledge
from companion.retrieval.passages import card_passages
from companion.retrieval.store import ChromaStore, collection_name, persistent_client
from companion.settings import Settings


def _store(settings: Settings) -> ChromaStore:
    return ChromaStore.from_settings(settings)


def test_first_sync_embeds_everything_with_progress(sample_settings: Settings, cards) -> None:
    embedder = cards.Counting()
    events: list[IndexProgress] = []
    retriever = build_retriever(sample_settings, progress=events.append, embedders=[embedder])
    kb = retriever.knowledge
    assert kb is not None
    expected = sum(len(card_passages(c)) for c in kb.cards)
    activities = sum(len(activity_records(c)) for c in kb.cards)
    assert activities and retriever.activities is not None
    # Passages for search, and each topic card's activities on their own (for choosing by meaning).
    assert len(embedder.embedded) == expected + activities
    assert expected == len(retriever.records) and activities == len(retriever.activities.records)
    assert events and events[-1].done == events[-1].total == len(kb.cards) == 2 * len(cards.sample_ids)
    assert [e.done for e in events] == sorted(e.done for e in events)
    assert (sample_settings.data_dir / "chroma").is_dir()


def test_unchanged_base_embeds_nothing_and_is_fast(sample_settings: Settings, cards) -> None:
    build_retriever(sample_settings, embedders=[cards.Counting()])
    again = cards.Counting()
    kb = load_knowledge(sample_settings.knowledge_dir)
    store = _store(sample_settings)
    started = time.perf_counter()
    report = sync_index(store, again, kb)
    assert time.perf_counter() - started < 0.5
    assert again.embedded == []
    assert not report.changed and report.unchanged == len(kb.cards)


def test_changed_card_is_the_only_one_reembedded(sample_settings: Settings, sample_dir: Path, cards) -> None:
    build_retriever(sample_settings, embedders=[cards.Counting()])
    path = sample_dir / "de" / "topic-remote-work.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "## Warum es wichtig ist\n", "## Warum es wichtig ist\n\nQuokka-Sprechstunde im Homeoffice.\n"
        ),
        encoding="utf-8",
    )
    embedder = cards.Counting()
    kb = load_knowledge(sample_dir)
    report = sync_index(_store(sample_settings), embedder, kb)
    assert report.updated == ["de/topic-remote-work"]
    assert report.added == report.removed == []
    card = kb.get("topic-remote-work", "de")
    assert card is not None
    assert len(embedder.embedded) == len(card_passages(card))
    assert any("Quokka" in t for t in embedder.embedded)
    retriever = build_retriever(sample_settings, embedders=[cards.Counting()])
    top = retriever.search("Quokka-Sprechstunde", k=1)[0]
    assert (top.card_id, top.lang, top.section) == ("topic-remote-work", "de", "why")
    assert sum(1 for r in retriever.records if r.card_id == "topic-remote-work") == 2 * len(
        card_passages(card)
    )


def test_deleted_card_leaves_the_index(sample_settings: Settings, sample_dir: Path, cards) -> None:
    build_retriever(sample_settings, embedders=[cards.Counting()])
    for lang in ("de", "en"):
        (sample_dir / lang / "challenge-chemistry.md").unlink()
    embedder = cards.Counting()
    report = sync_index(_store(sample_settings), embedder, load_knowledge(sample_dir))
    assert report.removed == ["de/challenge-chemistry", "en/challenge-chemistry"]
    assert embedder.embedded == []
    retriever = build_retriever(sample_settings, embedders=[cards.Counting()])
    assert "challenge-chemistry" not in {r.card_id for r in retriever.records}
    stored = _store(sample_settings).card_hashes(embedder.name)
    assert not [k for k in stored if k.endswith("/challenge-chemistry")]


def test_new_card_is_added(sample_settings: Settings, sample_dir: Path, cards) -> None:
    build_retriever(sample_settings, embedders=[cards.Counting()])
    for lang in ("de", "en"):
        src = cards.knowledge_dir / lang / "topic-purpose.md"
        (sample_dir / lang / "topic-purpose.md").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    embedder = cards.Counting()
    report = sync_index(_store(sample_settings), embedder, load_knowledge(sample_dir))
    assert report.added == ["de/topic-purpose", "en/topic-purpose"]
    assert report.unchanged == 2 * len(cards.sample_ids)


def test_index_persists_across_clients(sample_settings: Settings, cards) -> None:
    first = build_retriever(sample_settings, embedders=[cards.Counting()])
    reopened_embedder = cards.Counting()
    reopened = build_retriever(sample_settings, embedders=[reopened_embedder])
    assert reopened_embedder.embedded == []
    assert [r.id for r in reopened.records] == [r.id for r in first.records]
    assert reopened.search("Homeoffice", lang="de", k=1) == first.search("Homeoffice", lang="de", k=1)


def test_each_embedder_has_its_own_collection(tmp_path: Path, sample_dir: Path, cards) -> None:
    store = ChromaStore(persistent_client(tmp_path / "chroma"))
    kb = load_knowledge(sample_dir)
    a, b = cards.Counting(256), cards.Counting(512)
    sync_index(store, a, kb)
    sync_index(store, b, kb)
    names = {c.name for c in store.client.list_collections()}
    assert {collection_name("hash256"), collection_name("hash512")} <= names
    assert store.load("hash256").vectors.shape[1] == 256
    assert store.load("hash512").vectors.shape[1] == 512
    assert collection_name("openai-text-embedding-3-small") == "knowledge-openai-text-embedding-3-small"
