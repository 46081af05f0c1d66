"""The common frame of the principle evaluators: which outputs a check applies to, and how its
problems become one pydantic-evals assertion (pass, or fail with the reasons)."""

from __future__ import annotations

import functools
from abc import abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_evals.evaluators import EvaluationReason, Evaluator, EvaluatorContext, EvaluatorOutput

from companion.generation.schemas import (
    Agenda,
    GenerationContext,
    Preparation,
    ReflectionPrompts,
    ReflectionSummary,
)
from companion.retrieval.knowledge import Card, KnowledgeBase, load_knowledge
from evals.cases import CaseMeta, EvalInput, Series, series_contexts

EXPECTED_TYPE: dict[str, type[BaseModel]] = {
    "agenda": Agenda,
    "preparation": Preparation,
    "reflection_prompts": ReflectionPrompts,
    "summary": ReflectionSummary,
    "series": Series,
}
MAX_REASON = 600


@functools.lru_cache(maxsize=4)
def default_knowledge(root: Path | None = None) -> KnowledgeBase:
    """The knowledge base of the configured ``knowledge_dir`` (loaded once per directory)."""
    if root is None:
        from companion.settings import get_settings

        root = get_settings().knowledge_dir
    return load_knowledge(root)


@dataclass(frozen=True)
class Unit:
    """One output to judge with the context it was generated for (a series has one per session)."""

    output: BaseModel
    context: GenerationContext
    meta: CaseMeta

    @property
    def lang(self) -> str:
        return self.context.language

    @property
    def is_first(self) -> bool:
        return self.context.session_number == 1

    @property
    def is_final(self) -> bool:
        total = self.context.total_sessions
        return total is not None and total > 1 and self.context.session_number >= total


@dataclass(repr=False)
class PrincipleEvaluator(Evaluator[EvalInput, Any, CaseMeta]):
    """One principle, checked deterministically. Subclasses implement :meth:`check`."""

    knowledge: KnowledgeBase | None = field(default=None, compare=False)

    def kb(self) -> KnowledgeBase:
        """The knowledge base the checks compare against."""
        return self.knowledge if self.knowledge is not None else default_knowledge()

    def build_serialization_arguments(self) -> dict[str, Any]:
        # The knowledge base is runtime state, not configuration: keep it out of report specs.
        return {}

    def evaluate(self, ctx: EvaluatorContext[EvalInput, Any, CaseMeta]) -> EvaluatorOutput:
        meta = ctx.metadata or CaseMeta(family="programme")
        expected = EXPECTED_TYPE[ctx.inputs.task]
        if not isinstance(ctx.output, expected):
            return EvaluationReason(False, f"expected {expected.__name__}, got {type(ctx.output).__name__}")
        applicable = False
        problems: list[str] = []
        for unit in self.units(ctx.inputs, ctx.output, meta):
            found = self.check(unit)
            if found is None:
                continue
            applicable = True
            prefix = f"session {unit.context.session_number}: " if ctx.inputs.task == "series" else ""
            problems += [prefix + p for p in found]
        if ctx.inputs.task == "series" and isinstance(ctx.output, Series):
            found = self.check_series(ctx.output, series_contexts(ctx.inputs), meta)
            if found is not None:
                applicable = True
                problems += found
        if not applicable:
            return {}  # the principle does not apply to this output (pydantic-evals records nothing)
        if not problems:
            return EvaluationReason(True, None)
        reason = "; ".join(problems)
        return EvaluationReason(
            False, reason if len(reason) <= MAX_REASON else reason[: MAX_REASON - 1] + "…"
        )

    def units(self, inputs: EvalInput, output: BaseModel, meta: CaseMeta) -> Iterator[Unit]:
        """The outputs to check one by one."""
        if isinstance(output, Series):
            contexts = series_contexts(inputs)
            if len(contexts) != len(output.agendas):
                yield Unit(output, inputs.context, meta)  # check() sees a Series and reports the mismatch
                return
            for agenda, context in zip(output.agendas, contexts, strict=True):
                # Per session, the topic card named in series_topics decides; the series' family does not.
                yield Unit(agenda, context, meta.model_copy(update={"topic_id": None, "family": "programme"}))
        else:
            yield Unit(output, inputs.context, meta)

    @abstractmethod
    def check(self, unit: Unit) -> list[str] | None:
        """Problems found in one output; ``[]`` when it passes, ``None`` when the principle does not apply."""

    def check_series(
        self, series: Series, contexts: list[GenerationContext], meta: CaseMeta
    ) -> list[str] | None:
        """Problems of a whole series beyond those of its agendas (default: none, not applicable)."""
        return None

    # --- shared lookups ---------------------------------------------------------------------------
    def topic_card(self, unit: Unit) -> Card | None:
        """The topic card the case is about: declared in the metadata, set on the context, or named
        exactly (id or title in either language) by the context's topic."""
        kb = self.kb()
        for card_id in (unit.meta.topic_id, unit.context.topic_id):
            if card_id and (card := kb.get(card_id, unit.lang)) is not None:
                return card
        wanted = (unit.context.topic or "").strip().casefold()
        if not wanted:
            return None
        for card in kb.cards:
            if card.kind == "topic" and wanted in (card.id, card.title.casefold()):
                return kb.get(card.id, unit.lang)
        return None

    def is_technical(self, unit: Unit) -> bool:
        """True when the session is about a technology topic: the topic card's category decides, else
        the family the case declares (free-text topics such as "Kubernetes" have no card)."""
        card = self.topic_card(unit)
        if card is not None:
            return card.category == "technology"
        return unit.meta.family == "technology"
