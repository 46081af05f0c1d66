"""How the LLM composer talks to the endpoint and how it reads a failed attempt.

HTTP client: openai 3.x sends requests through its own fork ``httpx2``, which respx does not
intercept. We build the ``AsyncOpenAI`` client ourselves with a classic ``httpx.AsyncClient`` — openai
3 still accepts one at runtime (``openai._httpx2.is_legacy_httpx_async_client``) — and hand it to
``OpenAIProvider(openai_client=...)``. So respx sees the real request path in tests and benchmarks,
and the production path is the same code. The SDK client gets ``max_retries=0``: retries are decided
by the composer, in one place.

Malformed answers are model faults like a 500: an HTTP 200 with ``choices: []`` (the SDK and
pydantic-ai would raise a bare ``IndexError``), no tool call, invalid JSON, a stream cut off before
its end. :func:`classify` gives each a short, user-safe reason for ``generated_by``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx
from openai import AsyncOpenAI
from pydantic import ValidationError
from pydantic_ai.exceptions import (
    ModelAPIError,
    ModelConnectionError,
    ModelHTTPError,
    ModelTimeoutError,
    ToolRetryError,
    UnexpectedModelBehavior,
)
from pydantic_ai.messages import FinishReason, ModelMessage, ModelRequest, ToolCallPart, ToolReturnPart
from pydantic_ai.models.openai import OpenAIChatModel, OpenAIStreamedResponse
from pydantic_ai.providers.openai import OpenAIProvider

from companion.generation.drafts import RepairError
from companion.generation.validators import OutputCheckFailed, summarise
from companion.settings import Settings


class MalformedAnswer(UnexpectedModelBehavior):
    """The endpoint answered 200 with something that is not a usable chat completion."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"malformed answer: {kind}")
        self.kind = kind


class CheckedStream(OpenAIStreamedResponse):
    """A stream that ends without a finish reason is cut off when what arrived is not a whole answer
    (nothing at all, or tool-call arguments that are not complete JSON). Some servers never send a
    finish reason; their whole answers still pass, as pydantic-ai's default ("stop") would."""

    def _missing_finish_reason(self) -> FinishReason:
        parts = self.get().parts
        if not parts or any(isinstance(p, ToolCallPart) and not _whole_json(p.args) for p in parts):
            raise MalformedAnswer("truncated stream")
        return super()._missing_finish_reason()


def _whole_json(args: object) -> bool:
    if not isinstance(args, str):
        return True
    try:
        json.loads(args)
    except ValueError:
        return False
    return True


class CheckedChatModel(OpenAIChatModel):
    """``OpenAIChatModel`` that refuses a completion without choices as a model fault, instead of
    letting ``response.choices[0]`` raise an ``IndexError`` that nothing treats as one, and that
    notices a cut-off stream (both through the hooks pydantic-ai documents for subclasses)."""

    def _validate_completion(self, response: Any) -> Any:
        if not getattr(response, "choices", None):
            raise MalformedAnswer("empty choices")
        return super()._validate_completion(response)

    @property
    def _streamed_response_cls(self) -> type[OpenAIStreamedResponse]:
        return CheckedStream


def openai_model(settings: Settings, http_client: httpx.AsyncClient | None = None) -> OpenAIChatModel:
    """A chat model for the configured endpoint (OpenAI, Azure-compatible gateways, Ollama, vLLM)."""
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    client = AsyncOpenAI(
        base_url=settings.llm_base_url,
        # Local servers (Ollama, vLLM) need no key, but the SDK insists on one.
        api_key=key or ("not-needed" if settings.llm_base_url else None),
        http_client=http_client or httpx.AsyncClient(timeout=settings.llm_timeout_seconds),  # type: ignore[arg-type]
        max_retries=0,
        timeout=settings.llm_timeout_seconds,
    )
    return CheckedChatModel(settings.llm_model, provider=OpenAIProvider(openai_client=client))


@dataclass(frozen=True)
class Failure:
    """Why an attempt failed, whether (and after how long) to try again, and whether the model
    answered at all (an answer that failed its checks was already retried in the conversation)."""

    reason: str
    retry: bool
    wait: float = 0.0
    answered: bool = False


def _output_kind(exc: BaseException) -> str:
    """What was wrong with an answer whose in-conversation retries ran out."""
    cause = exc.__cause__
    if isinstance(cause, OutputCheckFailed):
        return f"output check failed ({summarise(cause.problems)})"
    if isinstance(cause, ToolRetryError) and not isinstance(cause.tool_retry, ToolReturnPart):
        return "no tool call"  # plain text where the final_result call belongs
    if isinstance(cause, ValidationError) and any(e["type"] == "json_invalid" for e in cause.errors()):
        return "malformed JSON"
    if isinstance(cause, ToolRetryError) and "json_invalid" in str(cause.tool_retry.content):
        return "malformed JSON"
    if isinstance(cause, ToolRetryError | ValidationError):
        return "schema-invalid output"
    return "invalid response"


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
        return Failure(f"invalid response from {model}", True, backoff)
    if isinstance(exc, MalformedAnswer):
        return Failure(f"{exc.kind} from {model}", True, 0.0)
    if isinstance(exc, UnexpectedModelBehavior):
        if exc.__cause__ is not None:  # the in-conversation retries ran out: the model did answer
            return Failure(f"{_output_kind(exc)} from {model}", True, 0.0, answered=True)
        if "token limit" in str(exc):
            return Failure(f"truncated output (token limit) from {model}", True, 0.0)
        return Failure(f"invalid response from {model}", True, backoff)
    if isinstance(exc, ValidationError | RepairError):
        return Failure(f"schema-invalid output from {model}", True, 0.0, answered=True)
    # Anything else raised while reading an answer (a KeyError in an odd payload ...) is the model's fault.
    return Failure(f"unexpected {type(exc).__name__} from {model}", True, backoff)


def requests_sent(messages: list[ModelMessage], failure: Failure | None) -> int:
    """Model requests one run made: every request message, except a last one that only carries the
    reasons for a retry the budget no longer allowed (then the model had answered, and was not asked)."""
    sent = sum(isinstance(m, ModelRequest) for m in messages)
    unsent = (
        failure is not None and failure.answered and bool(messages) and isinstance(messages[-1], ModelRequest)
    )
    return sent - (1 if unsent else 0)
