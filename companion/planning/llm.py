"""The LLM plan composer: a pydantic-ai agent chooses a topic card and writes a reason per session;
the service decides dates, kinds and titles (:func:`~companion.planning.shape.assemble`), and a choice
that breaks the shape or the mix is retried, then the offline composer answers (``generated_by`` says
why). Instructions come from ``companion/prompts/plan.<lang>.md``; the pair's goals and names travel as
escaped data in a delimited block, never as instructions."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

from pydantic_ai import Agent
from pydantic_ai.models import Model

from companion.generation.llm_faults import classify
from companion.generation.prompting import PROMPTS_DIR, PromptError
from companion.generation.safety import clip, escape_data
from companion.planning.composer import OfflinePlanComposer, PlanComposer
from companion.planning.context import PlanContext
from companion.planning.schemas import PlanProposal, SessionPlanDraft
from companion.planning.shape import assemble
from companion.retrieval.knowledge import KnowledgeBase
from companion.settings import Settings

log = logging.getLogger(__name__)


def load_plan_prompts(directory: Path = PROMPTS_DIR) -> dict[str, str]:
    """``plan.de.md`` and ``plan.en.md``; a missing or empty file is a start-up error."""
    texts = {}
    for lang in ("de", "en"):
        path = directory / f"plan.{lang}.md"
        text = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
        if not text:
            raise PromptError(f"prompt file missing or empty: {path}")
        texts[lang] = text
    return texts


def user_message(ctx: PlanContext) -> str:
    """The frame and the candidate topics (facts the service decided) and the pair's data (escaped)."""
    frame = "\n".join(f"- session {s.number}: {s.kind}, {s.date.isoformat()}" for s in ctx.slots)
    topics = "\n".join(
        f"- {o.id} [{o.category}] {o.title} — {clip(o.summary, 200)}"
        + (f" (answers: {escape_data(clip(o.wish, 120))})" if o.wish else "")
        for o in ctx.options[:16]
    )
    pair = {
        "goals": [clip(g, 300) for g in ctx.goals],
        "juniors": [
            {"name": j.name, "expertise": list(j.expertise), "interests": list(j.interests)}
            for j in ctx.juniors
        ],
        "seniors": [
            {"name": s.name, "expertise": list(s.expertise), "interests": list(s.interests)}
            for s in ctx.seniors
        ],
    }
    data = escape_data(json.dumps(pair, ensure_ascii=False))
    return (
        f"<frame>\nlanguage: {ctx.language}\n{frame}\n</frame>\n"
        f"<topics>\n{topics}\n</topics>\n"
        f"<pair_data>\n{data}\n</pair_data>"
    )


class LLMPlanComposer(PlanComposer):
    """Composes plans with a language model; falls back to the offline composer on any failure."""

    name = "llm"

    def __init__(
        self,
        settings: Settings,
        knowledge: KnowledgeBase,
        fallback: OfflinePlanComposer,
        *,
        model: Model | None = None,
        prompts: dict[str, str] | None = None,
    ) -> None:
        super().__init__(knowledge)
        from companion.generation.llm import openai_model

        self.settings = settings
        self.model_name = settings.llm_model
        self.prompts = prompts or load_plan_prompts()
        self.model = model or openai_model(settings)
        self.fallback = fallback
        self.agents = {
            lang: Agent(
                self.model, output_type=PlanProposal, instructions=text, retries=0, name="companion-plan"
            )
            for lang, text in self.prompts.items()
        }

    async def compose(self, ctx: PlanContext) -> SessionPlanDraft:
        prompt = user_message(ctx)
        reason = "no attempt"
        for attempt in range(self.settings.llm_max_retries + 1):
            try:
                async with asyncio.timeout(self.settings.llm_timeout_seconds):
                    result = await self.agents[ctx.language].run(prompt)
                return assemble(
                    result.output,
                    ctx.slots,
                    self.knowledge,
                    ctx.language,
                    generated_by=self.model_name,
                    group_dates=ctx.group_dates,
                )
            except ValueError as exc:  # the plan broke the shape or the mix, or named an unknown card
                reason = f"plan rejected ({clip(str(exc), 120)}) from {self.model_name}"
                log.warning("plan attempt %d: %s", attempt + 1, reason)
            except Exception as exc:  # every model fault, known or not, is retried or falls back
                failure = classify(exc, self.model_name, attempt, self.settings)
                reason = failure.reason
                log.warning("plan attempt %d failed: %s", attempt + 1, reason)
                if not failure.retry or attempt == self.settings.llm_max_retries:
                    break
                await asyncio.sleep(min(failure.wait, self.settings.llm_max_retry_wait_seconds))
        draft = await self.fallback.compose(ctx)
        return draft.model_copy(update={"generated_by": f"offline (fallback: {reason})"})
