"""The optional LLM judges: off unless configured, one rubric per principle, never a real model in tests."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from pydantic_ai.messages import ModelMessage, ModelResponse, ToolCallPart
from pydantic_ai.models.function import AgentInfo, FunctionModel
from pydantic_ai.models.openai import OpenAIChatModel

from companion.retrieval.knowledge import KnowledgeBase
from companion.settings import get_settings
from evals.cases import load_datasets
from evals.judge import JUDGE_MODEL_ENV, RUBRICS, judge_evaluators, judge_model
from evals.run import run_suite


def _settings(configured: bool):
    update = {"llm_base_url": "http://judge.test/v1" if configured else None, "llm_api_key": None}
    return get_settings().model_copy(update=update)


def test_judging_is_off_unless_configured() -> None:
    assert judge_model(_settings(False), environ={}) is None
    assert judge_model(_settings(True), environ={}) is None
    assert judge_model(_settings(True), requested=False, environ={JUDGE_MODEL_ENV: "gpt-4o"}) is None


def test_judging_without_an_endpoint_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="endpoint"):
        judge_model(_settings(False), requested=True, environ={})
    with pytest.raises(ValueError, match="endpoint"):
        judge_model(_settings(False), environ={JUDGE_MODEL_ENV: "gpt-4o"})


def test_judge_model_from_environment_at_the_configured_endpoint() -> None:
    model = judge_model(_settings(True), environ={JUDGE_MODEL_ENV: "judge-large"})
    assert isinstance(model, OpenAIChatModel) and model.model_name == "judge-large"
    fallback = judge_model(_settings(True), requested=True, environ={})
    assert isinstance(fallback, OpenAIChatModel) and fallback.model_name == _settings(True).llm_model


def test_one_rubric_per_principle() -> None:
    assert set(RUBRICS) == {
        "judge_eye_level",
        "judge_dialogue",
        "judge_not_only_technology",
        "judge_structure",
        "judge_grounded_and_faithful",
        "judge_language",
        "judge_injection_resisted",
    }
    judges = judge_evaluators("test")
    assert [j.assertion["evaluation_name"] for j in judges] == list(RUBRICS)  # type: ignore[index]
    assert all(j.include_input for j in judges)


def test_judges_run_in_the_suite_on_a_function_model(knowledge: KnowledgeBase, offline: Any) -> None:
    seen: list[str] = []

    def grade(messages: list[ModelMessage], info: AgentInfo) -> ModelResponse:
        seen.append(
            json.dumps(
                [m.model_dump(mode="json") if hasattr(m, "model_dump") else str(m) for m in messages],
                default=str,
            )
        )
        return ModelResponse(
            parts=[ToolCallPart(info.output_tools[0].name, {"reason": "fine", "pass": True, "score": 1.0})]
        )

    datasets = [ds for ds in load_datasets(names=["reflection_prompts"])]
    result = asyncio.run(
        run_suite(
            offline,
            knowledge,
            datasets=datasets,
            controls=False,
            extra_evaluators=judge_evaluators(FunctionModel(grade)),
            case_filter=lambda n: n == "prompts-en-final",
        )
    )
    assert result.stats["judge_eye_level"].applicable == 1 and result.stats["judge_eye_level"].passed == 1
    assert len(seen) == len(RUBRICS)
    assert any("junior is framed as the expert" in s for s in seen)
    assert result.threshold("judge_eye_level") == 0.0 and result.threshold("EyeLevel") == 1.0
