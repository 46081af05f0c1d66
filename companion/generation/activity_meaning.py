"""Choose a goal's activity by meaning: the retriever's embedders compare the goal with every activity.

The indexer keeps one vector per topic-card activity and embedder
(:mod:`companion.retrieval.activity_index`). A goal's query vector comes from the retriever's dense
channels, whose cache it shares with search (the composer searches with the same words), so choosing
costs a dot product over ~150 activities per language once the goal has been seen.

Scores are z-scores (how far above the typical activity of the language a cosine lies, averaged over
the models), so one threshold serves models with different cosine ranges:

- an activity of the session's own topic card (the pair chose that topic) needs ``MIN_Z_TOPIC``;
- an activity of another card must stand out clearly (``MIN_Z_OTHER``) and beat the topic card's
  best by ``TOPIC_BONUS``: the pair's topic wins unless another card is plainly about the goal;
- a matching outcome kind adds ``KIND_BONUS``.

Without embedders (keyword retriever, tests) the chooser falls back to shared words.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np

from companion.generation.goals import Goal
from companion.retrieval.activity_index import ActivityVectors

MIN_Z_TOPIC = 0.0
MIN_Z_OTHER = 2.5
MIN_Z_NO_CARD = 3.7  # another card's activity when the session's topic has no card at all
TOPIC_BONUS = 1.0
KIND_BONUS = 0.4
_CACHE = 512


class MeaningScorer:
    """Z-scores of all activities of a language for a goal, from the retriever's dense channels."""

    def __init__(self, retriever: Any) -> None:
        vectors: ActivityVectors | None = getattr(retriever, "activities", None)
        channels = list(getattr(retriever, "channels", []))
        fusion = getattr(retriever, "fusion", None)
        weights = list(getattr(fusion, "dense_weights", [1.0] * len(channels)))
        # Only channels the search uses, and only when the index holds their activity vectors.
        self._channels: list[Any] = []
        self._vectors: ActivityVectors | None = None
        if vectors is not None and channels and len(vectors.vectors) == len(channels) == len(weights):
            pairs = [(c, v) for c, v, w in zip(channels, vectors.vectors, weights, strict=True) if w]
            self._channels = [c for c, _ in pairs]
            self._vectors = ActivityVectors(vectors.records, [v for _, v in pairs]) if pairs else None
        self._cache: OrderedDict[tuple[str, str], dict[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """True when activities can be compared by meaning."""
        return self._vectors is not None and bool(self._channels)

    def scores(self, goal: Goal, lang: str) -> dict[int, float]:
        """Row -> z-score of each activity in ``lang`` for the goal (cached per goal text)."""
        if self._vectors is None:
            return {}
        key = (goal.about, lang)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        queries: list[np.ndarray] = [c.query_vector(goal.about) for c in self._channels]
        result = self._vectors.zscores(queries, lang)
        with self._lock:
            self._cache[key] = result
            if len(self._cache) > _CACHE:
                self._cache.popitem(last=False)
        return result

    def z(self, scores: dict[int, float], card_id: str | None, lang: str, index: int) -> float | None:
        """The z-score of one activity, ``None`` when it is not indexed."""
        if self._vectors is None or card_id is None:
            return None
        row = self._vectors.row(card_id, lang, index)
        return None if row is None else scores.get(row)
