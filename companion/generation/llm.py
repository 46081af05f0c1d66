"""The LLM composer: pydantic-ai agents over an OpenAI-compatible endpoint, with an offline fallback.

One budget per generation: at most ``settings.llm_max_retries + 1`` model requests. Within it,

- a draft that fails its checks (schema, JSON, missing tool call, or the checks of
  :mod:`companion.generation.validators`: minutes, session pattern, language, lead shares, goals,
  people-aware German) goes back to the model in the same conversation, with the reasons — pydantic-ai
  output validators raising ``ModelRetry`` — so a retry is never the same request again;
- a failed request — timeout, 429 (Retry-After honoured up to ``settings.llm_max_retry_wait_seconds``;
  a longer one falls back at once), 5xx, connection errors, malformed answers (``choices: []``, a
  truncated stream) — is sent again after a backoff (see :mod:`companion.generation.llm_faults`).

When the budget is spent the offline composer answers and ``generated_by`` says why, e.g.
``offline (fallback: HTTP 429 from gpt-4o-mini)``. Other 4xx (bad key, unknown model) fall back
without retrying. The user never sees an LLM failure as an error.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError
from pydantic_ai import Agent, ModelRetry, capture_run_messages
from pydantic_ai.exceptions import UnexpectedModelBehavior
from pydantic_ai.messages import ModelMessage
from pydantic_ai.models import Model

from companion.generation.composer import Composer, Event, item_events
from companion.generation.context import ContextBuilder
from companion.generation.drafts import DRAFTS, REPAIRS, AgendaDraft, repair_agenda
from companion.generation.llm_faults import (
    Failure,
    classify,
    openai_model,
    requests_sent,
)
from companion.generation.offline import OfflineComposer
from companion.generation.prompting import LANGUAGES, TASKS, PromptLibrary, build_user_message
from companion.generation.schemas import (
    Agenda,
    GenerationContext,
    MissingReflectionsError,
    Preparation,
    ReflectionPrompts,
    ReflectionSummary,
)
from companion.generation.summarise import finalise_summary
from companion.generation.validators import GenerationDeps, install
from companion.retrieval.knowledge import KnowledgeBase
from companion.settings import Settings

__all__ = ["LLMComposer", "classify", "openai_model"]
log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class Budget:
    """Model requests left for one generation."""

    left: int
    attempt: int = 0
    reason: str = "no attempt"
    messages: list[ModelMessage] = field(default_factory=list)

    def spend(self, failure: Failure) -> None:
        """Account for a failed run (its requests, at least one) and remember why it failed."""
        self.left -= max(1, requests_sent(self.messages, failure))
        self.attempt += 1
        self.reason = failure.reason
        self.messages = []

    def more(self, failure: Failure) -> bool:
        """True when another run is allowed after ``failure``."""
        return failure.retry and self.left > 0


class LLMComposer(Composer):
    """Composes with a language model; falls back to the offline composer on any LLM failure."""

    name = "llm"

    def __init__(
        self,
        settings: Settings,
        knowledge: KnowledgeBase,
        builder: ContextBuilder,
        fallback: OfflineComposer,
        *,
        model: Model | None = None,
        http_client: httpx.AsyncClient | None = None,
        prompts: PromptLibrary | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        super().__init__(knowledge, builder)
        self.settings = settings
        self.model_name = settings.llm_model
        self.prompts = prompts or PromptLibrary.load()
        self.model = model or openai_model(settings, http_client)
        self.fallback = fallback
        self._sleep = sleep
        self.agents: dict[tuple[str, str], Agent[GenerationDeps, Any]] = {
            (task, lang): self._agent(task, lang) for task in TASKS for lang in LANGUAGES
        }

    def _agent(self, task: str, lang: str) -> Agent[GenerationDeps, Any]:
        agent: Agent[GenerationDeps, Any] = Agent(
            self.model,
            output_type=DRAFTS[task],
            instructions=self.prompts.get(task, lang),
            deps_type=GenerationDeps,
            retries=0,  # set per run from the budget
            name=f"companion-{task}",
        )
        install(agent, task)
        return agent

    async def agenda(self, ctx: GenerationContext) -> Agenda:
        result = await self._generate("agenda", ctx)
        assert isinstance(result, Agenda)
        return result

    async def preparation(self, ctx: GenerationContext) -> Preparation:
        result = await self._generate("preparation", ctx)
        assert isinstance(result, Preparation)
        return result

    async def reflection_prompts(self, ctx: GenerationContext) -> ReflectionPrompts:
        result = await self._generate("reflection-prompts", ctx)
        assert isinstance(result, ReflectionPrompts)
        return result

    async def summary(self, ctx: GenerationContext) -> ReflectionSummary:
        if not ctx.reflections:
            raise MissingReflectionsError("a summary needs at least one stored reflection")
        result = await self._generate("summary", ctx)
        assert isinstance(result, ReflectionSummary)
        return finalise_summary(result, await self.prepare(ctx), self.knowledge)  # consented themes only

    def _budget(self) -> Budget:
        return Budget(self.settings.llm_max_retries + 1)

    def _failed(self, what: str, exc: BaseException, budget: Budget) -> Failure:
        failure = classify(exc, self.model_name, budget.attempt, self.settings)
        log.warning("%s attempt %d failed: %s", what, budget.attempt + 1, failure.reason)
        if failure.reason.startswith("unexpected "):  # keep the traceback of the unknown
            log.warning("unexpected failure of the model call", exc_info=exc)
        budget.spend(failure)
        return failure

    async def _generate(self, task: str, ctx: GenerationContext) -> BaseModel:
        ctx = await self.prepare(ctx)
        prompt = build_user_message(task, ctx, self.knowledge)
        agent = self.agents[(task, ctx.language)]
        budget = self._budget()
        while budget.left > 0:
            deps = GenerationDeps(ctx, self.knowledge)
            try:
                with capture_run_messages() as budget.messages:
                    async with asyncio.timeout(self.settings.llm_timeout_seconds * budget.left):
                        result = await agent.run(prompt, deps=deps, retries={"output": budget.left - 1})
                return REPAIRS[task](result.output, ctx, self.knowledge, self.model_name)  # type: ignore[operator]
            except Exception as exc:  # every model fault, known or not, is retried or falls back
                failure = self._failed(task, exc, budget)
            if not budget.more(failure):
                break
            await self._sleep(failure.wait)
        return self.offline_result(task, ctx, budget.reason)

    def offline_result(self, task: str, ctx: GenerationContext, reason: str) -> BaseModel:
        """The offline composer's result for ``task``, labelled as a fallback and why."""
        by = f"offline (fallback: {reason})"
        if len(by) > 200:
            by = by[:198] + "…)"
        compose = {
            "agenda": self.fallback.compose_agenda,
            "preparation": self.fallback.compose_preparation,
            "reflection-prompts": self.fallback.compose_reflection_prompts,
            "summary": self.fallback.compose_summary,
        }[task]
        return compose(ctx, by)

    async def stream_agenda(self, ctx: GenerationContext) -> AsyncIterator[Event]:
        """Like :meth:`Composer.stream_agenda`, with items streamed as the model writes them.

        Streamed items are previews (``"preview": True``); minutes are repaired in the final agenda of
        the ``done`` event. A ``retrying`` or ``fallback`` event means: discard the items so far.
        """
        yield {"event": "retrieving", "topic": ctx.topic}
        ctx = await self.prepare(ctx)
        yield self.retrieved_event(ctx)
        yield {"event": "composing", "composer": self.model_name}
        prompt = build_user_message("agenda", ctx, self.knowledge)
        agent = self.agents[("agenda", ctx.language)]
        budget = self._budget()
        while budget.left > 0:
            deps = GenerationDeps(ctx, self.knowledge)
            queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
            task = asyncio.create_task(self._produce(agent, prompt, deps, budget, queue))
            emitted, requests = 0, 0
            try:
                while True:
                    kind, value = await queue.get()
                    if kind == "error":
                        raise value
                    if kind == "request":
                        requests += 1
                        if requests > 1:  # the model got its draft back with the reasons
                            reason = deps.rejected[-1] if deps.rejected else "invalid output"
                            yield {"event": "retrying", "reason": reason, "wait": 0.0}
                            emitted = 0
                        continue
                    if kind == "final":
                        agenda = repair_agenda(value, ctx, self.knowledge, self.model_name)
                        break
                    for i in range(emitted, len(value.items) - 1):  # the last one may still grow
                        yield {
                            "event": "item",
                            "index": i,
                            "item": value.items[i].model_dump(),
                            "preview": True,
                        }
                    emitted = max(emitted, len(value.items) - 1)
                for event in item_events(agenda)[emitted:]:
                    yield event
                yield {"event": "done", "agenda": agenda}
                return
            except Exception as exc:
                failure = self._failed("agenda stream", exc, budget)
            finally:
                if not task.done():
                    task.cancel()
            if not budget.more(failure):
                break
            yield {"event": "retrying", "reason": failure.reason, "wait": failure.wait}
            await self._sleep(failure.wait)
        yield {"event": "fallback", "reason": budget.reason}
        fallback = self.offline_result("agenda", ctx, budget.reason)
        assert isinstance(fallback, Agenda)
        for event in item_events(fallback):
            yield event
        yield {"event": "done", "agenda": fallback}

    async def _produce(
        self,
        agent: Agent[GenerationDeps, Any],
        prompt: str,
        deps: GenerationDeps,
        budget: Budget,
        queue: asyncio.Queue[tuple[str, Any]],
    ) -> None:
        """Run one streamed conversation in its own task, so the timeout never spans a ``yield``.

        ``agent.iter`` (not ``run_stream``) so that a draft failing its checks goes back to the model
        with the reasons, as in :meth:`_generate`; each model request is streamed for previews.
        """
        try:
            with capture_run_messages() as budget.messages:
                async with asyncio.timeout(self.settings.llm_timeout_seconds * budget.left):
                    async with agent.iter(prompt, deps=deps, retries={"output": budget.left - 1}) as run:
                        async for node in run:
                            if Agent.is_model_request_node(node):
                                queue.put_nowait(("request", None))
                                async with node.stream(run.ctx) as stream:
                                    async for response in stream.stream_response(debounce_by=None):
                                        try:
                                            partial = await stream.validate_response_output(
                                                response, allow_partial=True
                                            )
                                        except (ValidationError, ModelRetry, UnexpectedModelBehavior):
                                            continue
                                        if isinstance(partial, AgendaDraft):
                                            queue.put_nowait(("partial", partial))
                    assert run.result is not None
                    queue.put_nowait(("final", run.result.output))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # handed to the consumer, which classifies it
            queue.put_nowait(("error", exc))

    async def aclose(self) -> None:
        """Close the HTTP client of the OpenAI provider (call on application shutdown)."""
        provider_client = getattr(getattr(self.model, "client", None), "close", None)
        if provider_client is not None:
            await provider_client()
