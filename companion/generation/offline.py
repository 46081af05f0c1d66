"""The offline composer: every output built from the knowledge cards, deterministically, no LLM.

It is the default when no LLM is configured (a company that may not send employee data to a cloud
model runs on it) and the fallback of the LLM composer. The building blocks live in
:mod:`~companion.generation.offline_agenda`, :mod:`~companion.generation.offline_prep` and
:mod:`~companion.generation.summarise`; the ``compose_*`` methods take a prepared context and are
synchronous, so the LLM composer's fallback and the benchmarks can call them directly.
"""

from __future__ import annotations

from companion.generation.activities import ActivityChooser
from companion.generation.agenda_plan import Plan
from companion.generation.composer import Composer
from companion.generation.context import ContextBuilder
from companion.generation.offline_agenda import compose_agenda
from companion.generation.offline_prep import compose_preparation, compose_reflection_prompts
from companion.generation.schemas import (
    Agenda,
    GenerationContext,
    Preparation,
    ReflectionPrompts,
    ReflectionSummary,
)
from companion.generation.summarise import summarise
from companion.retrieval.inline import inline_or_thread
from companion.retrieval.knowledge import KnowledgeBase


class OfflineComposer(Composer):
    """Composes agendas, preparation, reflection prompts and summaries from the knowledge cards."""

    name = "offline"

    def __init__(
        self, knowledge: KnowledgeBase, builder: ContextBuilder, generated_by: str = "offline"
    ) -> None:
        super().__init__(knowledge, builder)
        self.generated_by = generated_by
        self.activities = ActivityChooser(knowledge, builder.retriever)  # card activities, parsed once

    def compose_agenda(self, ctx: GenerationContext, generated_by: str | None = None) -> Agenda:
        """The agenda for a prepared context."""
        plan = Plan.build(self.knowledge, ctx, self.builder.topics, self.activities)
        return compose_agenda(self.knowledge, ctx, generated_by or self.generated_by, plan=plan)

    def compose_preparation(self, ctx: GenerationContext, generated_by: str | None = None) -> Preparation:
        """Preparation for a prepared context."""
        plan = Plan.build(self.knowledge, ctx, self.builder.topics, self.activities)
        return compose_preparation(self.knowledge, ctx, generated_by or self.generated_by, plan=plan)

    def compose_reflection_prompts(
        self, ctx: GenerationContext, generated_by: str | None = None
    ) -> ReflectionPrompts:
        """Reflection prompts for a prepared context."""
        return compose_reflection_prompts(
            self.knowledge, ctx, generated_by or self.generated_by, self.builder.topics
        )

    def compose_summary(self, ctx: GenerationContext, generated_by: str | None = None) -> ReflectionSummary:
        """The summary of a prepared context's reflections."""
        return summarise(ctx, self.knowledge, generated_by or self.generated_by)

    # Choosing activities embeds each goal as a query: agendas and preparation run as one unit, inline
    # when every vector is cached, in a worker thread otherwise (see companion.retrieval.inline).
    async def agenda(self, ctx: GenerationContext) -> Agenda:
        return await inline_or_thread(lambda: self.compose_agenda(self.builder.prepare(ctx)))

    async def preparation(self, ctx: GenerationContext) -> Preparation:
        return await inline_or_thread(lambda: self.compose_preparation(self.builder.prepare(ctx)))

    async def reflection_prompts(self, ctx: GenerationContext) -> ReflectionPrompts:
        return self.compose_reflection_prompts(await self.prepare(ctx))

    async def summary(self, ctx: GenerationContext) -> ReflectionSummary:
        return self.compose_summary(await self.prepare(ctx))
