"""Negative controls: deliberately bad outputs each evaluator must reject, and good ones it must accept.

An evaluator that cannot fail is a defect, and one that fails everything is no better. Every control
names the evaluators that must fail on it (bad outputs) or pass (good examples); :func:`run_controls`
checks those expectations and is run by the tests and by ``companion eval``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_evals.evaluators import EvaluationReason, Evaluator, EvaluatorContext
from pydantic_evals.otel._errors import SpanTreeRecordingError

from companion.generation.schemas import GenerationContext
from companion.retrieval.knowledge import KnowledgeBase
from evals.cases import CaseMeta, EvalInput, Task

Verdict = Literal["pass", "fail", "n/a"]


@dataclass
class Control:
    """One output with the context it claims to answer and what each named evaluator must say."""

    name: str
    task: Task
    context: dict[str, Any]
    output: BaseModel
    meta: dict[str, Any] = field(default_factory=lambda: {"family": "programme"})
    must_fail: tuple[str, ...] = ()
    must_pass: tuple[str, ...] = ()
    series_topics: list[str | None] = field(default_factory=list)

    def inputs(self) -> EvalInput:
        return EvalInput(
            task=self.task,
            context=GenerationContext.model_validate(self.context),
            series_topics=self.series_topics,
        )

    def metadata(self) -> CaseMeta:
        return CaseMeta.model_validate(self.meta)


@dataclass(frozen=True)
class ControlOutcome:
    """What one evaluator said about one control, against what it should have said."""

    control: str
    evaluator: str
    expected: Verdict
    got: Verdict
    reason: str | None

    @property
    def problem(self) -> str | None:
        if self.expected == self.got:
            return None
        return f"{self.evaluator} should {self.expected} but got {self.got}" + (
            f" ({self.reason})" if self.reason else ""
        )


def judge(
    evaluator: Evaluator[EvalInput, Any, CaseMeta],
    inputs: EvalInput,
    output: Any,
    meta: CaseMeta | None = None,
    name: str = "control",
) -> tuple[Verdict, str | None]:
    """Run one evaluator on one output outside a dataset run: ``("pass" | "fail" | "n/a", reason)``."""
    ctx = EvaluatorContext[EvalInput, Any, CaseMeta](
        name=name,
        inputs=inputs,
        metadata=meta,
        expected_output=None,
        output=output,
        duration=0.0,
        _span_tree=SpanTreeRecordingError("not recorded for controls"),
        attributes={},
        metrics={},
    )
    result = evaluator.evaluate_sync(ctx)
    if isinstance(result, dict) and not result:
        return "n/a", None
    if isinstance(result, EvaluationReason):
        return ("pass" if result.value else "fail"), result.reason
    if isinstance(result, bool):
        return ("pass" if result else "fail"), None
    raise TypeError(f"unexpected evaluator output {result!r}")


def run_controls(knowledge: KnowledgeBase, controls: list[Control] | None = None) -> list[ControlOutcome]:
    """Every expectation of every control, checked."""
    from evals.control_outputs import build_controls
    from evals.evaluators import principle_evaluators

    evaluators = {e.get_default_evaluation_name(): e for e in principle_evaluators(knowledge)}
    outcomes = []
    for control in controls if controls is not None else build_controls(knowledge):
        inputs, meta = control.inputs(), control.metadata()
        for expected, names in (("fail", control.must_fail), ("pass", control.must_pass)):
            for name in names:
                got, reason = judge(evaluators[name], inputs, control.output, meta, control.name)
                outcomes.append(ControlOutcome(control.name, name, expected, got, reason))  # type: ignore[arg-type]
    return outcomes
