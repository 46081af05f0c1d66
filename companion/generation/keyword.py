"""A small keyword retriever over the knowledge base.

It implements the :class:`~companion.retrieval.types.Retriever` protocol without an index or embedding
model. The CLI uses it when the hybrid retriever cannot be built (e.g. no model files), and tests use it
as a real, deterministic retriever.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from companion.retrieval.knowledge import Card, KnowledgeBase
from companion.retrieval.types import Passage

_WORD = re.compile(r"\w{2,}", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, with a crude suffix strip so that plurals and inflections meet."""
    out = []
    for word in _WORD.findall(text.casefold()):
        for suffix in ("ungen", "ung", "en", "er", "es", "s", "e", "n"):
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        out.append(word)
    return out


class KeywordRetriever:
    """BM25-like keyword scoring over card sections; titles, tags and summaries count extra."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        self._docs: list[tuple[Card, str, Counter[str]]] = []
        for card in knowledge.cards:
            head = tokens(" ".join([card.title, card.summary, " ".join(card.tags)]))
            self._docs.append((card, "summary", Counter(head * 2)))
            for key, text in card.sections.items():
                self._docs.append((card, key, Counter(tokens(text) + head)))
        df: Counter[str] = Counter()
        for _, _, counts in self._docs:
            df.update(counts.keys())
        n = len(self._docs) or 1
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}

    def search(
        self,
        query: str,
        *,
        lang: str | None = None,
        kinds: Sequence[str] | None = None,
        category: str | None = None,
        k: int = 5,
    ) -> list[Passage]:
        """The ``k`` best sections for ``query``, filtered by language, kind and topic category."""
        terms = set(tokens(query))
        scored: list[tuple[float, int]] = []
        for i, (card, _, counts) in enumerate(self._docs):
            if (lang and card.lang != lang) or (kinds and card.kind not in kinds):
                continue
            if category and card.category != category:
                continue
            length = sum(counts.values()) or 1
            score = sum(
                self._idf.get(t, 0.0) * counts[t] * 2.2 / (counts[t] + 1.2 * (0.25 + length / 200))
                for t in terms
                if t in counts
            )
            if score > 0:
                scored.append((score, i))
        scored.sort(key=lambda s: (-s[0], s[1]))
        result = []
        for score, i in scored[:k]:
            card, section, _ = self._docs[i]
            text = card.summary if section == "summary" else card.sections[section]
            heading = "Summary" if section == "summary" else card.section_heading(section)
            result.append(
                Passage(
                    card.id, card.lang, card.kind, card.title, section, heading, text, score, card.category
                )
            )
        return result
