"""Keep the Chroma index in step with the knowledge cards, re-embedding only cards that changed."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from companion.retrieval.activity_index import PREFIX as ACTIVITY_PREFIX
from companion.retrieval.activity_index import ActivityVectors, activity_records, topic_cards
from companion.retrieval.bundled import embed_with_bundle, load_bundle, model_version
from companion.retrieval.embeddings import Embedder, build_embedders
from companion.retrieval.knowledge import Card, KnowledgeBase, load_knowledge
from companion.retrieval.passages import PassageRecord, card_key, card_passages
from companion.retrieval.query_cache import FILENAME as QUERY_CACHE_FILE
from companion.retrieval.query_cache import QueryVectorCache
from companion.retrieval.search import DenseChannel, Fusion, HybridRetriever
from companion.retrieval.store import ChromaStore
from companion.settings import Settings

log = logging.getLogger(__name__)

BATCH = 32  # passages per embedding call: big enough to batch, small enough for steady progress


@dataclass(frozen=True)
class IndexProgress:
    """One step of a sync: ``done`` of ``total`` changed cards embedded for ``embedder``."""

    embedder: str
    done: int
    total: int
    card: str  # card key, e.g. "de/topic-remote-work"


ProgressCallback = Callable[[IndexProgress], None]


@dataclass
class IndexReport:
    """What one sync did for one embedder."""

    embedder: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    passages_embedded: int = 0  # by the model; the rest came from the bundled vectors
    passages_stored: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """True when the sync wrote anything."""
        return bool(self.added or self.updated or self.removed)


def sync_index(
    store: ChromaStore,
    embedder: Embedder,
    knowledge: KnowledgeBase,
    progress: ProgressCallback | None = None,
    cut: Callable[[Card], list[PassageRecord]] = card_passages,
) -> IndexReport:
    """Bring ``embedder``'s collection in line with ``knowledge``: embed new and changed cards, drop
    passages of deleted cards, leave unchanged cards alone (compared by the hash ``cut`` stores in
    every record). ``cut`` turns a card into records: passages, or activities for their own store."""
    started = time.perf_counter()
    report = IndexReport(embedder.name)
    stored = store.card_hashes(embedder.name)
    wanted = {card_key(c.id, c.lang): c for c in knowledge.cards}
    todo = []
    for key, card in sorted(wanted.items()):
        old = stored.get(key)
        records = cut(card)
        if old is None:
            report.added.append(key)
        elif not records or old[0] != records[0].card_hash:
            report.updated.append(key)
        else:
            report.unchanged += 1
            continue
        todo.append(card)
    report.removed = sorted(set(stored) - set(wanted))
    stale = [pid for key in report.removed + report.updated for pid in stored[key][1]]
    store.delete(embedder.name, stale)

    pending: list[PassageRecord] = []
    pending_cards: list[str] = []
    for i, card in enumerate(todo, start=1):
        pending += cut(card)
        pending_cards.append(card_key(card.id, card.lang))
        if len(pending) >= BATCH or i == len(todo):
            report.passages_embedded += _embed_and_store(store, embedder, pending)
            report.passages_stored += len(pending)
            if progress:
                progress(IndexProgress(embedder.name, i, len(todo), pending_cards[-1]))
            pending, pending_cards = [], []
    report.seconds = time.perf_counter() - started
    if report.changed:
        log.info(
            "index %s: %d added, %d updated, %d removed, %d unchanged "
            "(%d passages stored, %d of them embedded, %.1fs)",
            embedder.name,
            len(report.added),
            len(report.updated),
            len(report.removed),
            report.unchanged,
            report.passages_stored,
            report.passages_embedded,
            report.seconds,
        )
    return report


def _embed_and_store(store: ChromaStore, embedder: Embedder, records: Sequence[PassageRecord]) -> int:
    """Store ``records`` with vectors (shipped ones where the text is bundled); returns how many the
    model had to embed."""
    vectors, embedded = embed_with_bundle(embedder, [r.embed_text for r in records])
    store.upsert(embedder.name, records, vectors)
    return embedded


def load_retriever(
    store: ChromaStore,
    embedders: Sequence[Embedder],
    *,
    fusion: Fusion | None = None,
    knowledge: KnowledgeBase | None = None,
    query_cache: QueryVectorCache | None = None,
) -> HybridRetriever:
    """A retriever over what the store holds for these embedders (passages aligned across models)."""
    loaded = [store.load(e.name) for e in embedders]
    records = loaded[0].records
    common = set.intersection(*({r.id for r in sp.records} for sp in loaded))
    if len(common) != len(records):
        log.warning("index collections differ; searching the %d passages all models share", len(common))
        records = [r for r in records if r.id in common]
    channels = []
    for embedder, sp in zip(embedders, loaded, strict=True):
        row = {r.id: i for i, r in enumerate(sp.records)}
        idx = [row[r.id] for r in records]
        vectors = sp.vectors[idx] if idx else np.zeros((0, 1), dtype=np.float32)
        channels.append(_channel(embedder, vectors, query_cache))
    return HybridRetriever(records, channels, fusion=fusion, knowledge=knowledge)


def _channel(embedder: Embedder, vectors: np.ndarray, query_cache: QueryVectorCache | None) -> DenseChannel:
    """Query vectors go to disk only for versioned local models (not the hash fake or a remote API)."""
    version = model_version(embedder.name)
    disk = query_cache if version else None
    return DenseChannel(embedder, np.ascontiguousarray(vectors), disk=disk, disk_model=version or "")


def query_cache_for(settings: Settings) -> QueryVectorCache:
    """The on-disk query vector cache of this data directory."""
    return QueryVectorCache(Path(settings.data_dir) / QUERY_CACHE_FILE)


def bundled_retriever(
    settings: Settings, knowledge: KnowledgeBase, embedders: Sequence[Embedder] | None = None
) -> HybridRetriever | None:
    """A retriever straight from the shipped vectors, without opening Chroma, when they hold every
    passage of ``knowledge`` for every configured model; None otherwise (then :func:`build_retriever`
    embeds what is missing into the index). For one-shot CLI runs: importing and opening Chroma and
    reading the vectors back costs seconds, and for the shipped cards it holds exactly these vectors."""
    embedders = list(embedders) if embedders is not None else build_embedders(settings)
    # Both sorted by id, as the store returns them, so the two paths rank identically.
    records = sorted((r for card in knowledge.cards for r in card_passages(card)), key=lambda r: r.id)
    ideas = sorted((r for card in knowledge.cards for r in activity_records(card)), key=lambda r: r.id)
    channels, idea_vectors = [], []
    cache = query_cache_for(settings)
    for embedder in embedders:
        bundle = load_bundle(embedder.name)
        if bundle is None:
            return None
        vectors, missing = bundle.get([r.embed_text for r in records + ideas])
        if vectors is None or missing:
            return None
        channels.append(_channel(embedder, vectors[: len(records)], cache))
        idea_vectors.append(np.ascontiguousarray(vectors[len(records) :]))
    retriever = HybridRetriever(records, channels, fusion=default_fusion(embedders), knowledge=knowledge)
    retriever.activities = ActivityVectors(ideas, idea_vectors) if ideas else None
    return retriever


def default_fusion(embedders: Sequence[Embedder]) -> Fusion:
    """The fusion chosen by measurement on the dev query set (``benchmarks/retrieval_ablation.py``):
    an equal-weight min-max blend of the dense models plus BM25 at 0.3, with a section also taking 0.9
    of its other-language twin's score. Paraphrase recall@3, dev / held-out test: dense models alone
    0.82 / 0.78, this default 0.93 / 0.87; BM25 0.2-0.3 with twin 0.8-1.0 all reach 0.93-0.95 on dev
    (a plateau, not a knife edge), BM25 0.5 is lower."""
    return Fusion(
        method="blend", dense_weights=tuple(1.0 for _ in embedders), lexical_weight=0.3, twin_weight=0.9
    )


def build_retriever(
    settings: Settings,
    knowledge: KnowledgeBase | None = None,
    progress: ProgressCallback | None = None,
    *,
    embedders: Sequence[Embedder] | None = None,
    store: ChromaStore | None = None,
    fusion: Fusion | None = None,
) -> HybridRetriever:
    """Load the knowledge (unless given), sync the index for every configured embedder, and return a
    ready retriever. The keyword arguments let tests and benchmarks swap in their own parts."""
    knowledge = knowledge or load_knowledge(settings.knowledge_dir)
    embedders = list(embedders) if embedders is not None else build_embedders(settings)
    store = store or ChromaStore.from_settings(settings)
    activity_store = ChromaStore(store.client, prefix=ACTIVITY_PREFIX)
    for embedder in embedders:
        sync_index(store, embedder, knowledge, progress)
        sync_index(activity_store, embedder, topic_cards(knowledge), cut=activity_records)
    retriever = load_retriever(
        store,
        embedders,
        fusion=fusion or default_fusion(embedders),
        knowledge=knowledge,
        query_cache=query_cache_for(settings),
    )
    retriever.activities = load_activities(activity_store, embedders)
    return retriever


def load_activities(store: ChromaStore, embedders: Sequence[Embedder]) -> ActivityVectors | None:
    """The activity vectors of every embedder, rows aligned; ``None`` when the store holds none."""
    loaded = [store.load(e.name) for e in embedders]
    common = set.intersection(*({r.id for r in sp.records} for sp in loaded)) if loaded else set()
    if not common:
        return None
    records = [r for r in loaded[0].records if r.id in common]
    vectors = []
    for sp in loaded:
        row = {r.id: i for i, r in enumerate(sp.records)}
        vectors.append(np.ascontiguousarray(sp.vectors[[row[r.id] for r in records]]))
    return ActivityVectors(records, vectors)
