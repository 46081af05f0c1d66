"""Evaluate the LLM composer without a network: replay recorded model responses, or record new ones.

A fixture is one OpenAI chat-completions response per case (``fixtures/recorded/<case>.json``), with the
structured output as a ``final_result`` tool call, exactly as the API returns it — or a list of them: a
conversation in which the first answer failed the composer's output checks and the next one answers
the retry request (which carries the reasons). During a replay, respx answers the requests to the
recorded endpoint with the fixture of the case being generated (see :data:`evals.run.CURRENT_CASE`),
in order, and keeps what was sent, so tests can check the requests too. Any request to another host
fails: a replay can never reach the network.

``companion eval --composer configured --record`` writes fixtures from a live model.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import respx
from pydantic import SecretStr
from pydantic_ai import models

from companion.generation.context import ContextBuilder
from companion.generation.llm import LLMComposer
from companion.generation.offline import OfflineComposer
from companion.retrieval.knowledge import KnowledgeBase
from companion.retrieval.types import Retriever
from companion.settings import Settings
from evals.run import CURRENT_CASE

RECORDED_DIR = Path(__file__).resolve().parent / "fixtures" / "recorded"
RECORDED_BASE_URL = "http://recorded-llm.test/v1"
RECORDED_MODEL = "gpt-4o-mini"


def recorded_cases(directory: Path = RECORDED_DIR) -> dict[str, Path]:
    """Case name -> fixture file, for every recorded response."""
    return {p.stem: p for p in sorted(directory.glob("*.json"))}


def recorded_responses(path: Path) -> list[dict[str, Any]]:
    """The responses of one fixture, in the order they answer the case's requests."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def recorded_settings(settings: Settings) -> Settings:
    """``settings`` pointed at the replay endpoint: one retry, for the fixtures that recorded the answer
    to a retry request; a case without a fixture gets a 404, which is not retried, so it shows."""
    return settings.model_copy(
        update={
            "llm_base_url": RECORDED_BASE_URL,
            "llm_api_key": SecretStr("recorded"),
            "llm_model": RECORDED_MODEL,
            "llm_max_retries": 1,
        }
    )


def llm_composer(
    settings: Settings,
    knowledge: KnowledgeBase,
    retriever: Retriever,
    http_client: httpx.AsyncClient | None = None,
) -> LLMComposer:
    """The LLM composer (with its offline fallback) on the real OpenAI client path."""
    builder = ContextBuilder(knowledge, retriever)
    return LLMComposer(
        settings, knowledge, builder, OfflineComposer(knowledge, builder), http_client=http_client
    )


class Replay:
    """The respx side effect: the recorded response of the current case; records the request bodies."""

    def __init__(self, directory: Path = RECORDED_DIR) -> None:
        self.responses = {name: recorded_responses(path) for name, path in recorded_cases(directory).items()}
        self.sent: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        case = CURRENT_CASE.get()
        body: dict[str, Any] = json.loads(request.content)
        self.sent[case or "?"].append(body)
        if case not in self.responses:
            return httpx.Response(404, json={"error": {"message": f"no recorded response for case {case!r}"}})
        answers = self.responses[case]
        if len(self.sent[case]) > len(answers):  # the composer asked more often than was recorded
            return httpx.Response(
                500, json={"error": {"message": f"only {len(answers)} response(s) recorded"}}
            )
        return httpx.Response(200, json=answers[len(self.sent[case]) - 1])


@contextmanager
def replaying(replay: Replay) -> Iterator[respx.MockRouter]:
    """Serve ``replay`` at the recorded endpoint; model requests are allowed only inside."""
    with (
        respx.mock(base_url=RECORDED_BASE_URL, assert_all_called=False) as router,
        models.override_allow_model_requests(True),
    ):
        router.post("/chat/completions").mock(side_effect=replay)
        yield router


class Recorder:
    """An httpx response hook that keeps each case's chat-completions response for :meth:`write`."""

    def __init__(self) -> None:
        self.responses: dict[str, list[dict[str, Any]]] = defaultdict(list)

    async def __call__(self, response: httpx.Response) -> None:
        case = CURRENT_CASE.get()
        if case and response.request.url.path.endswith("/chat/completions") and response.status_code == 200:
            await response.aread()
            self.responses[case].append(response.json())

    def client(self, timeout: float) -> httpx.AsyncClient:
        """An HTTP client for the LLM composer that records through this hook."""
        return httpx.AsyncClient(timeout=timeout, event_hooks={"response": [self]})

    def write(self, directory: Path = RECORDED_DIR) -> list[Path]:
        """One fixture per case that got exactly one response (series and retried cases are skipped)."""
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for case, responses in sorted(self.responses.items()):
            if len(responses) == 1:
                path = directory / f"{case}.json"
                path.write_text(
                    json.dumps(responses[0], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
                )
                written.append(path)
        return written
