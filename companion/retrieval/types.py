"""Types shared between retrieval and its callers (services, generation, evals)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Passage:
    """One retrieved section of a knowledge card."""

    card_id: str
    lang: str
    kind: str
    title: str
    section: str  # section key, e.g. "non_technical"; "summary" for the card summary
    heading: str  # the section heading in the card's language
    text: str
    score: float
    category: str | None = None


class Retriever(Protocol):
    """What services and composers need from retrieval."""

    def search(
        self,
        query: str,
        *,
        lang: str | None = None,
        kinds: Sequence[str] | None = None,
        category: str | None = None,
        k: int = 5,
    ) -> list[Passage]:
        """Best passages for ``query``; filters narrow by card language, kind and topic category."""
        ...
