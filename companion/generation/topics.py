"""Resolve what a pair wrote as its topic ("TikTok", "Feedbackkultur", a card id) to a topic card.

Order, cheapest and surest first: the card id; a card title in either language; the cards' tags and
titles as phrases inside the text ("TikTok" is a tag of the social-media card), with search ranking
the candidates when several cards match; and only then search alone. Search always returns *some*
card, so its best hit is accepted only when the card shares a distinctive word with the text;
otherwise the topic stays free text, which is better than an unrelated card. Instructions hidden in
the topic are stripped before anything is searched. Everything about the cards is indexed once.
"""

from __future__ import annotations

import re
from collections import Counter

from companion.generation.keyword import tokens
from companion.generation.safety import safe_goals, strip_instructions
from companion.generation.stemming import stems
from companion.retrieval.knowledge import Card, KnowledgeBase
from companion.retrieval.types import Retriever

# Generic technology words beyond the technology cards' own tags, for free-text topics without a card.
_TECH_WORDS = frozenset(
    [
        "ai",
        "api",
        "app",
        "apps",
        "backend",
        "cloud",
        "code",
        "coding",
        "computer",
        "crm",
        "cyber",
        "daten",
        "data",
        "datenbank",
        "database",
        "digital",
        "digitale",
        "digitalisierung",
        "digitalization",
        "docker",
        "erp",
        "excel",
        "framework",
        "frameworks",
        "frontend",
        "hardware",
        "internet",
        "it",
        "java",
        "javascript",
        "ki",
        "kubernetes",
        "linux",
        "online",
        "platform",
        "plattform",
        "plattformen",
        "programmieren",
        "programming",
        "python",
        "react",
        "roboter",
        "robotics",
        "sap",
        "server",
        "smartphone",
        "software",
        "tech",
        "technik",
        "technologie",
        "technology",
        "tool",
        "tools",
        "typescript",
        "web",
        "website",
        "websites",
        "webseite",
    ]
)


# Two-letter words that are topics on their own ("KI", "AI", "IT", "HR"); other short words are noise.
_SHORT_TERMS = frozenset(["ki", "ai", "it", "hr", "ux", "ui"])
# Words of a topic that say what to do with it, not what it is ("einführen", "evaluate").
_GENERIC = frozenset(
    stems(
        "einführen einführung evaluieren evaluate verstehen understand nutzen use verbessern improve "
        "lernen learn modern moderne neue new thema topic",
        "de",
    )
    | stems("introduce evaluate understand use improve learn modern new topic", "en")
)


def norm(text: str) -> str:
    """Case-folded words separated by single spaces (hyphens, slashes and punctuation become spaces)."""
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


class TopicResolver:
    """Topic resolution over one knowledge base; build once, use for every request."""

    # A word shared with at most this share of the topic cards counts as evidence for a search hit.
    DISTINCTIVE = 0.25
    MIN_TOKEN = 3
    # A free-text topic keeps a card only when the card covers at least this share of its content
    # words (and one of them is what the card is about). Measured on the 35 topics of
    # benchmarks/data/guidance_cases.yaml and the cases in tests/generation/test_topics.py: 0.75 keeps
    # "KI im Vertrieb", "Hybrides Arbeiten", "Instagram job ads", and drops "Barrierefreiheit in PDFs"
    # (0.5), "Podcasts" (0.0: storytelling mentions podcasts only in passing).
    RELEVANT = 0.75

    def __init__(self, knowledge: KnowledgeBase, retriever: Retriever) -> None:
        self.knowledge = knowledge
        self.retriever = retriever
        topics = [c for c in knowledge.cards if c.kind == "topic"]
        self._ids = sorted({c.id for c in topics})
        self._words: dict[str, tuple[set[str], set[str]]] = {}
        self._titles: dict[str, str] = {norm(c.title): c.id for c in topics}
        self._terms: dict[str, set[str]] = {}
        words: dict[str, set[str]] = {}
        for card in topics:
            phrases = {norm(t) for t in card.tags} | {norm(card.title)}
            self._terms.setdefault(card.id, set()).update(p for p in phrases if p)
            text = " ".join([card.title, card.summary, " ".join(card.tags), *card.sections.values()])
            words.setdefault(card.id, set()).update(t for t in tokens(text) if len(t) >= self.MIN_TOKEN)
        self._tech_terms = {t for c in topics if c.category == "technology" for t in self._terms[c.id]}
        df = Counter(w for ws in words.values() for w in ws)
        limit = max(1, int(len(self._ids) * self.DISTINCTIVE))
        self._evidence = {cid: {w for w in ws if df[w] <= limit} for cid, ws in words.items()}

    def looks_technical(self, text: str) -> bool:
        """True when free text (a topic without a card, goals) is about technology: it names a tag of a
        technology card ("Slack", "CI/CD") or a generic technology word ("Frontend", "Software")."""
        haystack = f" {norm(text)} "
        return bool(set(haystack.split()) & _TECH_WORDS) or any(
            f" {t} " in haystack for t in self._tech_terms
        )

    def card(self, card_id: str, lang: str) -> Card | None:
        """The topic card ``card_id`` in ``lang``."""
        card = self.knowledge.get(card_id, lang)
        return card if card is not None and card.kind == "topic" else None

    def resolve(self, topic: str | None, lang: str, goals: list[str] | None = None) -> Card | None:
        """The topic card for ``topic`` in ``lang``, or ``None`` (no topic, or free text without a
        fitting card). When the topic was nothing but an instruction, the goals may name it."""
        if not topic or not topic.strip():
            return None
        if (card := self.card(topic.strip(), lang)) is not None:
            return card
        text = strip_instructions(topic)
        if not text:
            return self.by_terms(" ".join(safe_goals(goals or [])), lang)
        if (card_id := self._titles.get(norm(text))) is not None:
            return self.card(card_id, lang)
        card = self.by_terms(text, lang) or self.by_search(text, lang)
        if card is not None and self.relevance(text, card) < self.RELEVANT:
            return None  # honest: a card that covers only part of the topic would lead elsewhere
        return card

    def relevance(self, text: str, card: Card) -> float:
        """How well ``card`` covers a free-text topic: the share of the topic's content words found in
        the card (any language version), or 0 when none of them is in its title, tags or summary
        (a word only mentioned in passing, "Podcasts" in the storytelling card, does not make the card
        about it). See :attr:`RELEVANT`."""
        words = stems(text, card.lang) | stems(text, "en" if card.lang == "de" else "de")
        short = {w.casefold() for w in re.findall(r"\b\w{2}\b", text) if w.casefold() in _SHORT_TERMS}
        if not words and not short:
            return 1.0
        head, body = self._card_words(card.id)
        wanted = {w for w in stems(text, card.lang) if w not in _GENERIC} | short
        if not wanted:
            return 1.0
        if not wanted & head:
            return 0.0
        share = len(wanted & (head | body)) / len(wanted)
        # A longer topic ("Kubernetes, Docker and CI/CD") names several things; most of them suffice.
        return share if len(wanted) < 3 or share < 0.5 else max(share, self.RELEVANT)

    def _card_words(self, card_id: str) -> tuple[set[str], set[str]]:
        """Stems of a topic card's title, tags and summary, and of its whole text, both languages."""
        if card_id not in self._words:
            head: set[str] = set()
            body: set[str] = set()
            for lang in ("de", "en"):
                card = self.knowledge.get(card_id, lang)
                if card is None:
                    continue
                about = " ".join([card.title, card.summary, " ".join(card.tags)])
                for language in ("de", "en"):
                    head |= stems(about, language) | {t.casefold() for t in card.tags if len(t) == 2}
                    body |= stems(" ".join(card.sections.values()), language)
            self._words[card_id] = (head, body)
        return self._words[card_id]

    def by_terms(self, text: str, lang: str) -> Card | None:
        """The card whose tags or title occur in ``text``; search breaks ties between several."""
        haystack = f" {norm(text)} "
        if not haystack.strip():
            return None
        scores = {cid: sum(1 for t in terms if f" {t} " in haystack) for cid, terms in self._terms.items()}
        best = max(scores.values(), default=0)
        if best == 0:
            return None
        candidates = sorted(cid for cid, s in scores.items() if s == best)
        if len(candidates) > 1:
            ranked = [p.card_id for p in self.retriever.search(text, lang=lang, kinds=["topic"], k=8)]
            candidates.sort(key=lambda cid: ranked.index(cid) if cid in ranked else len(ranked))
        return self.card(candidates[0], lang)

    def by_search(self, text: str, lang: str) -> Card | None:
        """The best search hit, if it shares a distinctive word with ``text`` (else ``None``)."""
        wanted = {t for t in tokens(text) if len(t) >= self.MIN_TOKEN}
        if not wanted:
            return None
        for hit in self.retriever.search(text, lang=lang, kinds=["topic"], k=3):
            if wanted & self._evidence.get(hit.card_id, set()):
                return self.card(hit.card_id, lang)
        return None
