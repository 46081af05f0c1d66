"""One composer interface, two implementations (LLM and offline), and the factory that picks one.

Services call a composer with a :class:`GenerationContext`; the composer prepares it (topic card,
session pattern, retrieved passages) unless that was done already, and returns a validated model.
Everything downstream can tell the implementations apart only by ``generated_by``.

Streaming: :meth:`Composer.stream_agenda` yields event dicts, ready for server-sent events:

- ``{"event": "retrieving", "topic": str | None}``
- ``{"event": "retrieved", "topic_id": str | None, "pattern_id": str, "sources": [{card_id, title}]}``
- ``{"event": "composing", "composer": str}``
- ``{"event": "item", "index": int, "item": {...AgendaItem...}}`` (one per item as it is ready)
- ``{"event": "retrying", "reason": str, "wait": float}`` (LLM only: a request failed or the draft
  failed its checks and went back to the model; discard items streamed so far)
- ``{"event": "fallback", "reason": str}`` (LLM failed; discard items streamed so far)
- ``{"event": "done", "agenda": Agenda}`` (the final, validated model; use :func:`encode_event`)
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from companion.generation.context import ContextBuilder
from companion.generation.schemas import (
    Agenda,
    GenerationContext,
    GenerationError,
    Preparation,
    ReflectionPrompts,
    ReflectionSummary,
)
from companion.retrieval.knowledge import KnowledgeBase
from companion.retrieval.types import Retriever

if TYPE_CHECKING:
    from companion.settings import Settings

Event = dict[str, Any]
__all__ = ["Composer", "Event", "GenerationError", "build_composer", "encode_event", "item_events"]


class Composer(ABC):
    """Composes agendas, preparation, reflection prompts and summaries for one session."""

    name: str = "composer"

    def __init__(self, knowledge: KnowledgeBase, builder: ContextBuilder) -> None:
        self.knowledge = knowledge
        self.builder = builder

    async def prepare(self, ctx: GenerationContext) -> GenerationContext:
        """Resolve topic and pattern and retrieve passages, unless ``ctx`` is prepared already."""
        return await self.builder.aprepare(ctx)

    @abstractmethod
    async def agenda(self, ctx: GenerationContext) -> Agenda:
        """A time-boxed agenda whose items add up to ``ctx.duration_minutes``."""

    @abstractmethod
    async def preparation(self, ctx: GenerationContext) -> Preparation:
        """Preparation questions and things to bring for the junior and the senior."""

    @abstractmethod
    async def reflection_prompts(self, ctx: GenerationContext) -> ReflectionPrompts:
        """Questions each side answers after the session."""

    @abstractmethod
    async def summary(self, ctx: GenerationContext) -> ReflectionSummary:
        """A summary of ``ctx.reflections``; raises :class:`GenerationError` when there are none."""

    async def stream_agenda(self, ctx: GenerationContext) -> AsyncIterator[Event]:
        """Progress events ending in ``{"event": "done", "agenda": Agenda}`` (see the module docstring)."""
        yield {"event": "retrieving", "topic": ctx.topic}
        prepared = await self.prepare(ctx)
        yield self.retrieved_event(prepared)
        yield {"event": "composing", "composer": self.name}
        agenda = await self.agenda(prepared)
        for event in item_events(agenda):
            yield event
        yield {"event": "done", "agenda": agenda}

    def retrieved_event(self, ctx: GenerationContext) -> Event:
        """The ``retrieved`` event for a prepared context."""
        sources = []
        for card_id in dict.fromkeys(p.card_id for p in ctx.passages):
            card = self.knowledge.get(card_id, ctx.language)
            if card is not None:
                sources.append({"card_id": card.id, "title": card.title})
        return {
            "event": "retrieved",
            "topic_id": ctx.topic_id,
            "pattern_id": ctx.pattern_id,
            "sources": sources,
        }


def item_events(agenda: Agenda) -> list[Event]:
    """One ``item`` event per agenda item."""
    return [
        {"event": "item", "index": i, "item": item.model_dump(mode="json")}
        for i, item in enumerate(agenda.items)
    ]


def encode_event(event: Event) -> str:
    """JSON for one event (models are dumped), e.g. as the ``data:`` line of a server-sent event."""

    def default(value: Any) -> Any:
        if hasattr(value, "model_dump"):
            return value.model_dump(mode="json")
        raise TypeError(f"cannot encode {type(value).__name__}")

    return json.dumps(dict(event), ensure_ascii=False, default=default)


def build_composer(settings: Settings, knowledge: KnowledgeBase, retriever: Retriever) -> Composer:
    """The LLM composer when ``settings.llm_configured``, else the offline composer.

    Building the LLM composer loads the prompt files; a missing file raises at start-up.
    """
    from companion.generation.offline import OfflineComposer

    builder = ContextBuilder(knowledge, retriever)
    offline = OfflineComposer(knowledge, builder)
    if not settings.llm_configured:
        return offline
    from companion.generation.llm import LLMComposer

    return LLMComposer(settings, knowledge, builder, fallback=offline)
