"""HTTP API for trying the knowledge search: ``/api/knowledge/search`` and ``/api/knowledge/cards/{id}``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Annotated, Any, Literal

from litestar import Controller, get
from litestar.exceptions import NotFoundException, ValidationException
from litestar.params import Parameter

from companion.retrieval.knowledge import LANGS, Card
from companion.retrieval.search import HybridRetriever, SearchError


class KnowledgeController(Controller):
    """Read-only knowledge endpoints; the retriever comes from the app's ``retriever`` dependency."""

    path = "/api/knowledge"
    tags = ["knowledge"]

    @get("/search", sync_to_thread=True, summary="Search the knowledge cards")
    def search(
        self,
        retriever: HybridRetriever,
        q: Annotated[str, Parameter(min_length=1, max_length=500, description="Query, German or English")],
        lang: Annotated[str | None, Parameter(description="Only cards in this language: de or en")] = None,
        kind: Annotated[list[str] | None, Parameter(description="Only these card kinds (repeatable)")] = None,
        category: Annotated[
            str | None, Parameter(description="Only topic cards of: technology, work, culture")
        ] = None,
        k: Annotated[int, Parameter(ge=1, le=20, description="Number of passages (or cards)")] = 5,
        group: Annotated[
            Literal["passage", "card"],
            Parameter(
                description="passage: best passages; card: best distinct cards, each with its passages"
            ),
        ] = "passage",
    ) -> dict[str, Any]:
        """Best passages (or distinct cards) for ``q``, best first."""
        if not q.strip():
            raise ValidationException(detail="q: the query is empty")
        filters: dict[str, Any] = {"lang": lang, "kinds": kind or None, "category": category, "k": k}
        try:
            results: Sequence[Any] = (
                retriever.search_cards(q, **filters) if group == "card" else retriever.search(q, **filters)
            )
        except SearchError as exc:
            raise ValidationException(detail=str(exc)) from exc
        return {"query": q, "lang": lang, "group": group, "results": [asdict(r) for r in results]}

    @get("/cards/{card_id:str}", sync_to_thread=False, summary="One knowledge card")
    def card(
        self,
        retriever: HybridRetriever,
        card_id: str,
        lang: Annotated[str, Parameter(description="de or en")] = "de",
    ) -> dict[str, Any]:
        """The card with this id in this language, sections included."""
        if lang not in LANGS:
            raise ValidationException(detail=f"unknown language {lang!r} (known: {', '.join(LANGS)})")
        found = retriever.knowledge.get(card_id, lang) if retriever.knowledge else None
        if found is None:
            raise NotFoundException(detail=f"no card {card_id!r} in language {lang!r}")
        return card_json(found)


def card_json(card: Card) -> dict[str, Any]:
    """A card as JSON: front matter plus its sections in order."""
    return {
        "id": card.id,
        "lang": card.lang,
        "kind": card.kind,
        "title": card.title,
        "summary": card.summary,
        "category": card.category,
        "tags": list(card.tags),
        "sources": list(card.sources),
        "sections": [
            {"key": key, "heading": card.section_heading(key), "text": text}
            for key, text in card.sections.items()
        ],
        "steps": [s.model_dump() for s in card.steps],
    }
