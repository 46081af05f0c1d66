"""Cut knowledge cards into retrievable passages: one per section, plus one for title and summary.

Measured (benchmarks/retrieval.py): also embedding each bullet as its own unit, with a section scoring
as its best bullet, lowered recall@3 on paraphrases (0.65 -> 0.50 for the fused models) and made a
full index five times slower, so a section is the smallest unit.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from companion.retrieval.knowledge import Card
from companion.retrieval.types import Passage

# Bump when the way passages are cut or worded changes: it is part of every card's index hash, so
# the next sync re-embeds everything instead of mixing old and new passages.
CHUNK_VERSION = "5"
SUMMARY = "summary"
SUMMARY_HEADING = {"de": "Zusammenfassung", "en": "Summary"}
QUESTION = "question"
QUESTION_HEADING = {"de": "Typische Frage", "en": "Typical question"}

_MARKUP = re.compile(r"^\s*[-*]\s+|\*\*|__|`", re.M)


def card_index_hash(card: Card) -> str:
    """What the index stores per card to tell whether it changed (file content + chunking version)."""
    return hashlib.sha256(f"{CHUNK_VERSION}:{card.content_hash}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class PassageRecord:
    """One indexed passage: what is shown (``text``), what is embedded (``embed_text``) and its metadata."""

    id: str
    card_id: str
    lang: str
    kind: str
    category: str | None
    section: str
    heading: str
    title: str
    text: str
    card_hash: str
    tags: str = ""  # comma-separated; only the summary passage carries them

    @property
    def embed_text(self) -> str:
        """Title and heading give a short section its context; list markup is noise to a model."""
        body = _MARKUP.sub("", self.text)
        if self.section == QUESTION:
            return body  # a question is matched as what a person would type, without card context
        if self.section == SUMMARY:
            tags = f" ({self.tags.replace('-', ' ')})" if self.tags else ""
            return f"{self.title}. {body}{tags}"
        return f"{self.title} – {self.heading}: {body}"

    def metadata(self) -> dict[str, str]:
        """Chroma metadata (flat strings; an empty category means "not a topic")."""
        return {
            "card_id": self.card_id,
            "lang": self.lang,
            "kind": self.kind,
            "category": self.category or "",
            "section": self.section,
            "heading": self.heading,
            "title": self.title,
            "hash": self.card_hash,
            "tags": self.tags,
        }

    @classmethod
    def from_store(cls, pid: str, document: str, meta: dict[str, Any]) -> PassageRecord:
        """Rebuild a record from what Chroma holds (the index is the store of record)."""
        return cls(
            id=pid,
            card_id=str(meta["card_id"]),
            lang=str(meta["lang"]),
            kind=str(meta["kind"]),
            category=str(meta.get("category") or "") or None,
            section=str(meta["section"]),
            heading=str(meta["heading"]),
            title=str(meta["title"]),
            text=document,
            card_hash=str(meta["hash"]),
            tags=str(meta.get("tags") or ""),
        )

    def to_passage(self, score: float) -> Passage:
        """The public :class:`Passage` for a search result."""
        return Passage(
            card_id=self.card_id,
            lang=self.lang,
            kind=self.kind,
            title=self.title,
            section=self.section,
            heading=self.heading,
            text=self.text,
            score=round(float(score), 6),
            category=self.category,
        )


def card_key(card_id: str, lang: str) -> str:
    """Key of one card version in the index, e.g. ``de/topic-remote-work``."""
    return f"{lang}/{card_id}"


def card_passages(card: Card) -> list[PassageRecord]:
    """The summary passage, one passage per section in the card's order, then the questions passage."""
    h = card_index_hash(card)
    base = card_key(card.id, card.lang)

    def record(section: str, heading: str, text: str, tags: str = "") -> PassageRecord:
        return PassageRecord(
            id=f"{base}#{section}",
            card_id=card.id,
            lang=card.lang,
            kind=card.kind,
            category=card.category,
            section=section,
            heading=heading,
            title=card.title,
            text=text,
            card_hash=h,
            tags=tags,
        )

    records = [record(SUMMARY, SUMMARY_HEADING[card.lang], card.summary, ", ".join(card.tags))]
    records += [record(key, card.section_heading(key), text) for key, text in card.sections.items()]
    # The curated questions form one passage: people search with situations in their own words,
    # which match such questions better than the card's prose.
    if card.questions:
        records.append(
            record(QUESTION, QUESTION_HEADING[card.lang], "\n".join(f"- {q}" for q in card.questions))
        )
    return records
