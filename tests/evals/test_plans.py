"""Plan evals: the offline plan composer passes every case; each negative control fails its evaluator."""

from __future__ import annotations

from typing import Any

import pytest

from companion.planning.composer import OfflinePlanComposer
from evals.plans import run_controls, run_plans


@pytest.fixture(scope="module")
def retriever(hash_retriever: Any) -> Any:
    """The session's hash-embedder index (tests/conftest.py)."""
    return hash_retriever


async def test_offline_plans_pass_every_evaluator(retriever: Any) -> None:
    kb = retriever.knowledge
    outcomes = await run_plans(OfflinePlanComposer(kb), kb, retriever)
    assert len(outcomes) == 8 * 4
    failed = [(o.case, o.evaluator, o.reason) for o in outcomes if not o.passed]
    assert failed == []


async def test_every_negative_control_fails_its_evaluator(retriever: Any) -> None:
    controls = await run_controls(retriever.knowledge)
    assert {evaluator for _, evaluator, _ in controls} == {
        "PlanMix",
        "PlanShape",
        "PlanGrounded",
        "PlanReasons",
    }
    assert [name for name, _, failed in controls if not failed] == []
