"""Run the eval suite against a composer, aggregate pass rates per evaluator, check thresholds and
write the Markdown report (``evals/results/latest.md``; the committed baseline is the same format).

Usage from code (the CLI in :mod:`companion.evalcli` wraps this)::

    result = await run_suite(composer, knowledge, label="offline")
    print(to_markdown(result))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_evals.evaluators import Evaluator
from pydantic_evals.reporting import EvaluationReport

from companion.generation.composer import Composer
from companion.retrieval.knowledge import KnowledgeBase
from evals.cases import CaseMeta, EvalDataset, EvalInput, Series, load_datasets, series_contexts
from evals.controls import ControlOutcome, run_controls
from evals.evaluators import principle_evaluators

RESULTS_DIR = Path(__file__).resolve().parent / "results"
Task = Callable[[EvalInput], Awaitable[BaseModel]]
# The case being generated, visible to code underneath the composer (replaying or recording model
# responses per case). pydantic-evals passes each case's own inputs object, so ids identify cases.
CURRENT_CASE: ContextVar[str | None] = ContextVar("companion_eval_case", default=None)


def make_task(composer: Composer, case_names: dict[int, str] | None = None) -> Task:
    """The task pydantic-evals runs per case: call the composer method the case names."""

    async def compose(inputs: EvalInput) -> BaseModel:
        CURRENT_CASE.set((case_names or {}).get(id(inputs)))
        ctx = inputs.context
        if inputs.task == "agenda":
            return await composer.agenda(ctx)
        if inputs.task == "preparation":
            return await composer.preparation(ctx)
        if inputs.task == "reflection_prompts":
            return await composer.reflection_prompts(ctx)
        if inputs.task == "summary":
            return await composer.summary(ctx)
        return Series(agendas=[await composer.agenda(c) for c in series_contexts(inputs)])

    return compose


@dataclass
class EvaluatorStats:
    """How one evaluator did over the suite."""

    name: str
    passed: int = 0
    applicable: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (case, reason)
    errors: list[tuple[str, str]] = field(default_factory=list)  # the evaluator itself raised

    @property
    def rate(self) -> float:
        return self.passed / self.applicable if self.applicable else 1.0


@dataclass
class SuiteResult:
    """Everything a run produced: the pydantic-evals reports and the aggregates derived from them."""

    label: str
    retriever: str
    reports: list[EvaluationReport[EvalInput, Any, CaseMeta]]
    datasets: list[str]
    stats: dict[str, EvaluatorStats]
    task_failures: list[tuple[str, str]]
    fallbacks: list[tuple[str, str]]
    coverage: dict[str, Counter[str]]
    controls: list[ControlOutcome] = field(default_factory=list)
    thresholds: dict[str, float] = field(default_factory=dict)

    @property
    def cases(self) -> int:
        return sum(len(r.cases) + len(r.failures) for r in self.reports)

    def threshold(self, name: str) -> float:
        """The minimum pass rate for ``name`` (judge evaluators default to 0: reported, not enforced)."""
        if name in self.thresholds:
            return self.thresholds[name]
        return self.thresholds.get("*", 1.0) if not name.startswith("judge_") else 0.0

    def problems(self, *, allow_fallback: bool = True) -> list[str]:
        """Why the run is below its thresholds; empty when it passes."""
        found = [
            f"{s.name}: pass rate {s.rate:.1%} < {self.threshold(s.name):.1%}"
            for s in self.stats.values()
            if s.rate < self.threshold(s.name)
        ]
        found += [
            f"{s.name}: evaluator raised on {len(s.errors)} case(s)" for s in self.stats.values() if s.errors
        ]
        found += [f"case {case} failed to generate: {error}" for case, error in self.task_failures]
        if not allow_fallback:
            found += [f"case {case} fell back to the offline composer: {by}" for case, by in self.fallbacks]
        found += [f"negative control {c.control}: {c.problem}" for c in self.controls if c.problem]
        return found


def _coverage(datasets: Sequence[EvalDataset]) -> dict[str, Counter[str]]:
    cov: dict[str, Counter[str]] = {
        k: Counter() for k in ("task", "language", "format", "session", "duration", "family", "hard")
    }
    for ds in datasets:
        for case in ds.cases:
            ctx, meta = case.inputs.context, case.metadata or CaseMeta(family="programme")
            cov["task"][case.inputs.task] += 1
            cov["language"][ctx.language] += 1
            cov["format"][ctx.format] += 1
            total = ctx.total_sessions
            if case.inputs.task == "series":
                kind = "series"
            elif ctx.session_number == 1:
                kind = "first"
            elif total and ctx.session_number >= total:
                kind = "final"
            else:
                kind = "regular"
            cov["session"][kind] += 1
            cov["duration"][f"{ctx.duration_minutes} min"] += 1
            cov["family"][meta.family] += 1
            for tag in meta.hard:
                cov["hard"][tag] += 1
    return cov


def aggregate(
    reports: Sequence[EvaluationReport[EvalInput, Any, CaseMeta]], names: Sequence[str]
) -> tuple[dict[str, EvaluatorStats], list[tuple[str, str]], list[tuple[str, str]]]:
    """Pass counts per evaluator, failed tasks, and outputs that came from a fallback."""
    stats = {n: EvaluatorStats(n) for n in names}
    task_failures: list[tuple[str, str]] = []
    fallbacks: list[tuple[str, str]] = []
    for report in reports:
        for case in report.cases:
            for name, result in case.assertions.items():
                s = stats.setdefault(name, EvaluatorStats(name))
                s.applicable += 1
                if result.value:
                    s.passed += 1
                else:
                    s.failures.append((case.name, result.reason or "failed"))
            for failure in case.evaluator_failures:
                stats.setdefault(failure.name, EvaluatorStats(failure.name)).errors.append(
                    (case.name, failure.error_message)
                )
            outputs = case.output.agendas if isinstance(case.output, Series) else [case.output]
            for out in outputs:
                by = getattr(out, "generated_by", "")
                if by.startswith("offline (fallback"):
                    fallbacks.append((case.name, by))
                    break
        task_failures += [(f.name, f.error_message.splitlines()[0][:300]) for f in report.failures]
    return stats, task_failures, fallbacks


async def run_suite(
    composer: Composer,
    knowledge: KnowledgeBase,
    *,
    label: str | None = None,
    retriever: str = "keyword",
    datasets: Sequence[EvalDataset] | None = None,
    extra_evaluators: Sequence[Evaluator[EvalInput, Any, CaseMeta]] = (),
    case_filter: Callable[[str], bool] | None = None,
    max_concurrency: int | None = 8,
    controls: bool = True,
    thresholds: dict[str, float] | None = None,
) -> SuiteResult:
    """Evaluate every dataset (or the given ones) against ``composer``."""
    datasets = list(datasets) if datasets is not None else load_datasets()
    evaluators = [*principle_evaluators(knowledge), *extra_evaluators]
    reports = []
    used: list[EvalDataset] = []
    for ds in datasets:
        cases = [c for c in ds.cases if case_filter is None or case_filter(c.name or "")]
        if not cases:
            continue
        task = make_task(composer, {id(c.inputs): c.name or "" for c in cases})
        run = EvalDataset(name=ds.name, cases=cases, evaluators=evaluators)
        used.append(run)
        reports.append(
            await run.evaluate(
                task,
                name=f"{ds.name} · {label or composer.name}",
                max_concurrency=max_concurrency,
                progress=False,
            )
        )
    names = [e.get_default_evaluation_name() for e in evaluators]
    stats, task_failures, fallbacks = aggregate(reports, names)
    return SuiteResult(
        label=label or composer.name,
        retriever=retriever,
        reports=reports,
        datasets=[d.name for d in used],
        stats=stats,
        task_failures=task_failures,
        fallbacks=fallbacks,
        coverage=_coverage(used),
        controls=run_controls(knowledge) if controls else [],
        thresholds=dict(thresholds or {}),
    )


def format_rate(stats: EvaluatorStats) -> str:
    """The pass rate, or "n/a" when the evaluator applied to no case of the run."""
    return f"{stats.rate:.1%}" if stats.applicable else "n/a"


def failing_lines(result: SuiteResult) -> list[str]:
    """One line per failing assertion: case, evaluator and reason."""
    return [f"`{case}` · {s.name}: {reason}" for s in result.stats.values() for case, reason in s.failures]


def render_reports(result: SuiteResult, width: int = 110) -> str:
    """The pydantic-evals report tables, one per dataset."""
    return "\n".join(
        r.render(width=width, include_averages=True, include_durations=False) for r in result.reports
    )


def to_markdown(result: SuiteResult) -> str:
    """The results as Markdown: pass rate per evaluator, failing cases, coverage, negative controls."""
    status = "PASS" if not result.problems() else "FAIL"
    lines = [
        f"# Eval results: {result.label}",
        "",
        f"Status: **{status}** · {result.cases} cases · datasets: {', '.join(result.datasets)} · "
        f"retriever: {result.retriever}",
        "",
        "Produced by `companion eval`. The committed baseline of the offline composer is "
        "`evals/results/baseline.md`; refresh it with `companion eval --output evals/results/baseline.md`.",
        "",
        "## Pass rate per evaluator",
        "",
        "| Evaluator | Passed | Applicable | Pass rate | Threshold |",
        "|---|---:|---:|---:|---:|",
    ]
    for s in result.stats.values():
        lines.append(
            f"| {s.name} | {s.passed} | {s.applicable} | {format_rate(s)} | {result.threshold(s.name):.0%} |"
        )
    total_pass = sum(s.passed for s in result.stats.values())
    total_app = sum(s.applicable for s in result.stats.values())
    lines.append(
        f"| **all assertions** | {total_pass} | {total_app} | "
        f"{(total_pass / total_app if total_app else 1):.1%} | |"
    )
    lines += ["", "## Failing assertions", ""]
    lines += [f"- {line}" for line in failing_lines(result)] or ["None."]
    if result.task_failures or result.fallbacks:
        lines += ["", "## Generation problems", ""]
        lines += [f"- `{case}` failed: {err}" for case, err in result.task_failures]
        lines += [f"- `{case}` fell back: {by}" for case, by in result.fallbacks]
    lines += ["", "## Coverage", ""]
    for dim, counts in result.coverage.items():
        lines.append(f"- {dim}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if result.controls:
        rejected = sum(1 for c in result.controls if not c.problem)
        lines += [
            "",
            "## Negative controls",
            "",
            f"{rejected} of {len(result.controls)} expectations held (bad outputs fail, good ones pass).",
            "",
            "| Control | Evaluator | Expected | Got |",
            "|---|---|---|---|",
        ]
        for c in result.controls:
            lines.append(
                f"| {c.control} | {c.evaluator} | {c.expected} | {c.got}{' ⚠' if c.problem else ''} |"
            )
    return "\n".join(lines) + "\n"
