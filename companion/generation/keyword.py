"""A small keyword retriever over the knowledge base.

It implements the :class:`~companion.retrieval.types.Retriever` protocol without an embedding model:
BM25 from the retrieval layer's :class:`~companion.retrieval.lexical.LexicalIndex` (bm25s with the
Snowball stemmer of each card's language), so there is one lexical index in the project, not two.
The CLI uses it when the hybrid retriever cannot be built (e.g. no model files), and tests use it as
a real, deterministic retriever.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from companion.retrieval.knowledge import Card, KnowledgeBase
from companion.retrieval.lexical import LexicalIndex
from companion.retrieval.types import Passage

_WORD = re.compile(r"\w{2,}", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, with a crude suffix strip so that plurals and inflections meet.

    Kept for the topic resolver's tag matching; ranking uses the stemmed BM25 index below.
    """
    out = []
    for word in _WORD.findall(text.casefold()):
        for suffix in ("ungen", "ung", "en", "er", "es", "s", "e", "n"):
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        out.append(word)
    return out


class KeywordRetriever:
    """BM25 over card sections; each section carries its card's title, summary and tags, so that a
    query naming the card finds all of its sections, and the summary is a document of its own."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        self._docs: list[tuple[Card, str]] = []
        texts: list[str] = []
        for card in knowledge.cards:
            head = " ".join([card.title, card.summary, " ".join(card.tags)])
            # The head twice: a card's own name counts more in its summary than in a section.
            self._docs.append((card, "summary"))
            texts.append(f"{head} {head}")
            for key, text in card.sections.items():
                self._docs.append((card, key))
                texts.append(f"{text} {head}")
        self._index = LexicalIndex(texts, [card.lang for card, _ in self._docs])

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
        scores = self._index.scores(query)
        scored: list[tuple[float, int]] = []
        for i, (card, _) in enumerate(self._docs):
            if (lang and card.lang != lang) or (kinds and card.kind not in kinds):
                continue
            if category and card.category != category:
                continue
            if scores[i] > 0:
                scored.append((float(scores[i]), i))
        scored.sort(key=lambda s: (-s[0], s[1]))
        result = []
        for score, i in scored[:k]:
            card, section = self._docs[i]
            text = card.summary if section == "summary" else card.sections[section]
            heading = "Summary" if section == "summary" else card.section_heading(section)
            result.append(
                Passage(
                    card.id, card.lang, card.kind, card.title, section, heading, text, score, card.category
                )
            )
        return result
