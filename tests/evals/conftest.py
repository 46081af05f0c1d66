"""Fixtures for the eval-suite tests. No test here reaches a real model or the network: pydantic-ai's
ALLOW_MODEL_REQUESTS stays off except inside the respx replay of recorded responses."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic_ai import models

from companion.settings import REPO_ROOT

# The suite lives in evals/ at the repository root, beside the installed package.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from companion.generation.composer import build_composer
from companion.generation.keyword import KeywordRetriever
from companion.retrieval.knowledge import KnowledgeBase, load_knowledge
from evals.run import SuiteResult, run_suite

models.ALLOW_MODEL_REQUESTS = False


@pytest.fixture(autouse=True)
def _no_model_requests() -> Iterator[None]:
    models.ALLOW_MODEL_REQUESTS = False
    yield
    models.ALLOW_MODEL_REQUESTS = False


@pytest.fixture(autouse=True)
def _no_llm_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment must not switch the CLI to a live model or a judge."""
    for name in (
        "COMPANION_LLM_BASE_URL",
        "COMPANION_LLM_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_API_KEY",
        "COMPANION_EVAL_JUDGE_MODEL",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    return load_knowledge(REPO_ROOT / "knowledge")


def _offline_composer(knowledge: KnowledgeBase) -> Any:
    from companion.settings import get_settings

    settings = get_settings().model_copy(update={"llm_base_url": None, "llm_api_key": None})
    return build_composer(settings, knowledge, KeywordRetriever(knowledge))


@pytest.fixture
def offline(knowledge: KnowledgeBase) -> Any:
    """The offline composer over the keyword retriever (what ``companion eval`` uses by default)."""
    return _offline_composer(knowledge)


@pytest.fixture(scope="session")
def offline_result(knowledge: KnowledgeBase) -> SuiteResult:
    """The whole suite against the offline composer, run once per test session (about a second)."""
    return asyncio.run(run_suite(_offline_composer(knowledge), knowledge, label="offline"))
