"""Fixtures for the generation tests. No test here can reach a real model or the network:
pydantic-ai's ALLOW_MODEL_REQUESTS is off (tests that exercise the OpenAI path switch it on only inside
a respx mock, which refuses any request it does not know)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from pydantic_ai import models

from companion.generation.context import ContextBuilder
from companion.generation.keyword import KeywordRetriever
from companion.generation.llm import LLMComposer, openai_model
from companion.generation.offline import OfflineComposer
from companion.generation.schemas import GenerationContext
from companion.retrieval.knowledge import KnowledgeBase, load_knowledge
from companion.retrieval.types import Passage
from companion.settings import REPO_ROOT, Settings, get_settings

models.ALLOW_MODEL_REQUESTS = False

FIXTURES = Path(__file__).parent / "fixtures"
BASE_URL = "http://llm.test/v1"
MODEL = "gpt-4o-mini"


@pytest.fixture(autouse=True)
def _no_model_requests() -> Iterator[None]:
    models.ALLOW_MODEL_REQUESTS = False
    yield
    models.ALLOW_MODEL_REQUESTS = False


class RecordingRetriever:
    """A real retriever (keyword search over the knowledge base) that records each query."""

    def __init__(self, inner: KeywordRetriever) -> None:
        self.inner = inner
        self.knowledge = inner.knowledge
        self.queries: list[tuple[str, str | None, tuple[str, ...] | None]] = []

    def search(
        self,
        query: str,
        *,
        lang: str | None = None,
        kinds: Sequence[str] | None = None,
        category: str | None = None,
        k: int = 5,
    ) -> list[Passage]:
        self.queries.append((query, lang, tuple(kinds) if kinds else None))
        return self.inner.search(query, lang=lang, kinds=kinds, category=category, k=k)


class SleepRecorder:
    """Stands in for asyncio.sleep: records the waits, returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    return load_knowledge(REPO_ROOT / "knowledge")


@pytest.fixture(scope="session")
def keyword_retriever(knowledge: KnowledgeBase) -> KeywordRetriever:
    return KeywordRetriever(knowledge)


@pytest.fixture
def retriever(keyword_retriever: KeywordRetriever) -> RecordingRetriever:
    return RecordingRetriever(keyword_retriever)


@pytest.fixture
def builder(knowledge: KnowledgeBase, retriever: RecordingRetriever) -> ContextBuilder:
    return ContextBuilder(knowledge, retriever)


@pytest.fixture
def offline(knowledge: KnowledgeBase, builder: ContextBuilder) -> OfflineComposer:
    return OfflineComposer(knowledge, builder)


@pytest.fixture
def make_ctx() -> Callable[..., GenerationContext]:
    """A context with sensible defaults; keyword arguments override fields."""

    def make(**fields: Any) -> GenerationContext:
        data: dict[str, Any] = {
            "language": "de",
            "topic": "topic-ai-automation",
            "goals": ["Verstehen, wie junge Kolleg:innen KI im Alltag nutzen"],
            "duration_minutes": 60,
            "session_number": 2,
            "total_sessions": 6,
            "juniors": [{"name": "Lea", "expertise": "Prompting"}],
            "seniors": [{"name": "Frank", "role": "Vertriebsleiter"}],
        }
        data.update(fields)
        return GenerationContext.model_validate(data)

    return make


def llm_settings(**update: Any) -> Settings:
    """Settings with an LLM configured, independent of the environment."""
    values: dict[str, Any] = {
        "llm_base_url": BASE_URL,
        "llm_api_key": None,
        "llm_model": MODEL,
        "llm_max_retries": 2,
        "llm_timeout_seconds": 5.0,
        "llm_max_retry_wait_seconds": 10.0,
    }
    values.update(update)
    return get_settings().model_copy(update=values)


@pytest.fixture
def settings() -> Settings:
    return llm_settings()


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def llm(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    sleeps: SleepRecorder,
) -> LLMComposer:
    """The LLM composer on the real OpenAI path (OpenAIChatModel + OpenAIProvider + httpx)."""
    return LLMComposer(settings, knowledge, builder, offline, model=openai_model(settings), sleep=sleeps)


@pytest.fixture
def openai_api() -> Iterator[respx.MockRouter]:
    """respx at the HTTP boundary; model requests are allowed only inside it."""
    with (
        respx.mock(base_url=BASE_URL, assert_all_called=False) as router,
        models.override_allow_model_requests(True),
    ):
        yield router


def canned(name: str) -> dict[str, Any]:
    """A recorded OpenAI chat-completions response from ``fixtures/``."""
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def tool_call_completion(arguments: str | dict[str, Any], model: str = MODEL) -> dict[str, Any]:
    """An OpenAI chat completion whose structured output arrives as a ``final_result`` tool call."""
    args = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1767225600,
        "model": model,
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "final_result", "arguments": args},
                        }
                    ],
                },
            }
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
    }


def sent(request: httpx.Request) -> dict[str, Any]:
    """The JSON body of a request that was sent to the mocked API."""
    body: dict[str, Any] = json.loads(request.content)
    return body
