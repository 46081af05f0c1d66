"""The LLM composer: pydantic-ai agents over an OpenAI-compatible endpoint, with an offline fallback.

HTTP client (written down as the issue asks): openai 3.x sends requests through its own fork
``httpx2``, which respx does not intercept. We build the ``AsyncOpenAI`` client ourselves with a
classic ``httpx.AsyncClient`` — openai 3 still accepts one at runtime (``openai._httpx2.
is_legacy_httpx_async_client``) — and hand it to ``OpenAIProvider(openai_client=...)``. So respx sees
the real request path in tests and benchmarks, and the production path is the same code. The SDK
client gets ``max_retries=0`` and the agents ``retries=0``: retries, Retry-After and the fallback are
decided here, in one place, so that the number of requests per call stays bounded by
``settings.llm_max_retries + 1``.

Failures — timeout, 429 (Retry-After honoured up to ``settings.llm_max_retry_wait_seconds``; a longer
one falls back at once), 5xx, connection errors, malformed or schema-invalid output — are retried,
then the offline composer answers and ``generated_by`` says why, e.g.
``offline (fallback: HTTP 429 from gpt-4o-mini)``. Other 4xx (bad key, unknown model) fall back
without retrying. The user never sees an LLM failure as an error.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from openai import AsyncOpenAI
from pydantic import BaseModel, ValidationError
from pydantic_ai import Agent
from pydantic_ai.exceptions import (
    AgentRunError,
    ModelAPIError,
    ModelConnectionError,
    ModelHTTPError,
    ModelTimeoutError,
    UnexpectedModelBehavior,
)
from pydantic_ai.models import Model
from pydantic_ai.models.openai import OpenAIChatModel
from pydantic_ai.providers.openai import OpenAIProvider

from companion.generation.composer import Composer, Event, item_events
from companion.generation.context import ContextBuilder
from companion.generation.drafts import DRAFTS, REPAIRS, AgendaDraft, RepairError, repair_agenda
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
from companion.retrieval.knowledge import KnowledgeBase
from companion.settings import Settings

log = logging.getLogger(__name__)
RECOVERABLE = (AgentRunError, TimeoutError, ValidationError, RepairError)
Sleep = Callable[[float], Awaitable[None]]


def openai_model(settings: Settings, http_client: httpx.AsyncClient | None = None) -> OpenAIChatModel:
    """An ``OpenAIChatModel`` for the configured endpoint (OpenAI, Azure-compatible gateways, Ollama, vLLM)."""
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    client = AsyncOpenAI(
        base_url=settings.llm_base_url,
        # Local servers (Ollama, vLLM) need no key, but the SDK insists on one.
        api_key=key or ("not-needed" if settings.llm_base_url else None),
        http_client=http_client or httpx.AsyncClient(timeout=settings.llm_timeout_seconds),  # type: ignore[arg-type]
        max_retries=0,
        timeout=settings.llm_timeout_seconds,
    )
    return OpenAIChatModel(settings.llm_model, provider=OpenAIProvider(openai_client=client))


@dataclass(frozen=True)
class Failure:
    """Why an attempt failed, and whether (and after how long) to try again."""

    reason: str
    retry: bool
    wait: float = 0.0


def classify(exc: BaseException, model: str, attempt: int, settings: Settings) -> Failure:
    """Turn an exception of one attempt into a retry decision and a short, user-safe reason."""
    cap = settings.llm_max_retry_wait_seconds
    backoff = min(0.5 * 2**attempt, cap)
    if isinstance(exc, ModelHTTPError):
        reason = f"HTTP {exc.status_code} from {model}"
        if exc.status_code == 429:
            wait = exc.retry_after
            if wait is not None and wait > cap:
                return Failure(f"{reason}, Retry-After {wait:g}s exceeds {cap:g}s", retry=False)
            return Failure(reason, retry=True, wait=backoff if wait is None else wait)
        return Failure(reason, retry=exc.status_code >= 500 or exc.status_code == 408, wait=backoff)
    if isinstance(exc, ModelTimeoutError | TimeoutError):
        return Failure(f"timeout after {settings.llm_timeout_seconds:g}s from {model}", True, backoff)
    if isinstance(exc, ModelConnectionError):
        return Failure(f"connection error to {model}", True, backoff)
    if isinstance(exc, ModelAPIError):
        return Failure(f"API error from {model}", True, backoff)
    if isinstance(exc, UnexpectedModelBehavior):
        cause = exc.__cause__
        if isinstance(cause, ValidationError):
            kind = (
                "malformed JSON"
                if any(e["type"] == "json_invalid" for e in cause.errors())
                else "schema-invalid output"
            )
            return Failure(f"{kind} from {model}", True, 0.0)
        return Failure(f"invalid response from {model}", True, backoff)
    if isinstance(exc, ValidationError | RepairError):
        return Failure(f"schema-invalid output from {model}", True, 0.0)
    return Failure(f"{type(exc).__name__} from {model}", True, backoff)


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
        self.agents: dict[tuple[str, str], Agent[None, Any]] = {
            (task, lang): Agent(
                self.model,
                output_type=DRAFTS[task],
                instructions=self.prompts.get(task, lang),
                retries=0,
                name=f"companion-{task}",
            )
            for task in TASKS
            for lang in LANGUAGES
        }

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

    async def _generate(self, task: str, ctx: GenerationContext) -> BaseModel:
        ctx = await self.prepare(ctx)
        prompt = build_user_message(task, ctx, self.knowledge)
        agent = self.agents[(task, ctx.language)]
        reason = "no attempt"
        for attempt in range(self.settings.llm_max_retries + 1):
            try:
                async with asyncio.timeout(self.settings.llm_timeout_seconds):
                    result = await agent.run(prompt)
                return REPAIRS[task](result.output, ctx, self.knowledge, self.model_name)  # type: ignore[operator]
            except RECOVERABLE as exc:
                failure = classify(exc, self.model_name, attempt, self.settings)
                reason = failure.reason
                log.warning("%s attempt %d failed: %s", task, attempt + 1, reason)
                if not failure.retry or attempt == self.settings.llm_max_retries:
                    break
                await self._sleep(failure.wait)
        return self.offline_result(task, ctx, reason)

    def offline_result(self, task: str, ctx: GenerationContext, reason: str) -> BaseModel:
        """The offline composer's result for ``task``, labelled as a fallback and why."""
        by = f"offline (fallback: {reason})"
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
        reason = "no attempt"
        for attempt in range(self.settings.llm_max_retries + 1):
            queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
            task = asyncio.create_task(self._produce(agent, prompt, queue))
            emitted = 0
            try:
                while True:
                    kind, value = await queue.get()
                    if kind == "error":
                        raise value
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
            except RECOVERABLE as exc:
                failure = classify(exc, self.model_name, attempt, self.settings)
                reason = failure.reason
                log.warning("agenda stream attempt %d failed: %s", attempt + 1, reason)
                if not failure.retry or attempt == self.settings.llm_max_retries:
                    break
                yield {"event": "retrying", "reason": reason, "wait": failure.wait}
                await self._sleep(failure.wait)
            finally:
                if not task.done():
                    task.cancel()
        yield {"event": "fallback", "reason": reason}
        fallback = self.offline_result("agenda", ctx, reason)
        assert isinstance(fallback, Agenda)
        for event in item_events(fallback):
            yield event
        yield {"event": "done", "agenda": fallback}

    async def _produce(
        self, agent: Agent[None, Any], prompt: str, queue: asyncio.Queue[tuple[str, Any]]
    ) -> None:
        """Run one streamed attempt in its own task, so the timeout never spans a ``yield``."""
        try:
            async with asyncio.timeout(self.settings.llm_timeout_seconds):
                async with agent.run_stream(prompt) as run:
                    async for partial in run.stream_output(debounce_by=None):
                        if isinstance(partial, AgendaDraft):
                            queue.put_nowait(("partial", partial))
                    queue.put_nowait(("final", await run.get_output()))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # handed to the consumer, which classifies it
            queue.put_nowait(("error", exc))

    async def aclose(self) -> None:
        """Close the HTTP client of the OpenAI provider (call on application shutdown)."""
        provider_client = getattr(getattr(self.model, "client", None), "close", None)
        if provider_client is not None:
            await provider_client()
