"""Evals of topic plans: the mix (never technology only), the shape (getting to know each other first,
a mid-point check-in, a retrospective last), grounding in the topic cards, and reasons tied to the pair.

Cases are versioned data (``evals/datasets/plans/plans.yaml``); negative controls
(``evals/datasets/plans/controls.yaml``) are deliberately bad plans, each of which must fail the
evaluator it names, so no check here can pass by construction.

    python -m evals.plans            # offline plan composer over the configured retriever; exit 1 on failure
"""

from __future__ import annotations

import asyncio
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field
from pydantic_evals import Case, Dataset
from pydantic_evals.evaluators import EvaluationReason, Evaluator, EvaluatorContext

from companion.generation.topics import TopicResolver
from companion.planning.composer import OfflinePlanComposer, PlanComposer
from companion.planning.context import Brief, PlanContext, rank_topics
from companion.planning.frame import schedule
from companion.planning.schemas import SessionPlanDraft
from companion.planning.shape import mix_problems, shape_problems, slots
from companion.retrieval.knowledge import KnowledgeBase

PLANS_DIR = Path(__file__).resolve().parent / "datasets" / "plans"
START = date(2027, 1, 11)
GERMAN = re.compile(r"\b(und|ihr|euer|eurem|mit|die|der|das|zu|für|über)\b", re.I)
ABBREVIATION = re.compile(r"\b(Dr|Prof|Mr|Mrs|Ms|Nr|bzw|ca|z\. ?B|e\.g|i\.e)\.")
ENGLISH = re.compile(r"\b(and|you|your|with|the|to|for|about)\b", re.I)


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    expertise: list[str] = Field(default_factory=list)
    interests: list[str] = Field(default_factory=list)


class PlanCase(BaseModel):
    """A pair and its programme's frame."""

    model_config = ConfigDict(extra="forbid")
    language: str = "de"
    goals: list[str] = Field(default_factory=list)
    juniors: list[Person] = Field(default_factory=list)
    seniors: list[Person] = Field(default_factory=list)
    months: int = 6
    cadence: str = "monthly"

    def context(self, knowledge: KnowledgeBase, retriever: Any) -> PlanContext:
        juniors = [Brief(p.name, tuple(p.expertise), tuple(p.interests)) for p in self.juniors]
        seniors = [Brief(p.name, tuple(p.expertise), tuple(p.interests)) for p in self.seniors]
        plan = schedule(START, self.months, self.cadence, "quarterly")
        options = rank_topics(
            knowledge,
            retriever,
            TopicResolver(knowledge, retriever),
            self.language,
            self.goals,
            juniors,
            seniors,
        )
        return PlanContext(
            self.language, self.goals, juniors, seniors, slots(plan.sessions, 60), options, plan.groups
        )


def _result(problems: list[str]) -> EvaluationReason:
    return EvaluationReason(not problems, "; ".join(problems) or None)


@dataclass
class PlanMix(Evaluator[PlanCase, SessionPlanDraft, Any]):
    """Never technology only; technology never the majority; all three families from three topics on."""

    def evaluate(self, ctx: EvaluatorContext[PlanCase, SessionPlanDraft, Any]) -> EvaluationReason:
        return _result(mix_problems([i.category for i in ctx.output.items]))


@dataclass
class PlanShape(Evaluator[PlanCase, SessionPlanDraft, Any]):
    """First session to get to know each other, mid-point check-in, retrospective last, dated in order."""

    def evaluate(self, ctx: EvaluatorContext[PlanCase, SessionPlanDraft, Any]) -> EvaluationReason:
        problems = shape_problems(ctx.output.items)
        expected = len(schedule(START, ctx.inputs.months, ctx.inputs.cadence, "none").sessions)
        if len(ctx.output.items) != expected:
            problems.append(f"{len(ctx.output.items)} sessions, the frame gives {expected}")
        return _result(problems)


@dataclass
class PlanGrounded(Evaluator[PlanCase, SessionPlanDraft, Any]):
    """Every topic is a topic card of the knowledge base and every cited source exists."""

    knowledge: Any = None

    def evaluate(self, ctx: EvaluatorContext[PlanCase, SessionPlanDraft, Any]) -> EvaluationReason:
        kb: KnowledgeBase = self.knowledge
        problems = []
        for item in ctx.output.items:
            card = kb.get(item.topic_id, ctx.output.language) if item.topic_id else None
            if item.topic_id and (card is None or card.kind != "topic"):
                problems.append(f"session {item.number}: {item.topic_id} is not a topic card")
            for source in item.sources:
                if kb.get(source, ctx.output.language) is None:
                    problems.append(f"session {item.number}: unknown source {source}")
            if item.topic_id and item.topic_id not in item.sources:
                problems.append(f"session {item.number}: its topic card is not cited")
        return _result(problems)


@dataclass
class PlanReasons(Evaluator[PlanCase, SessionPlanDraft, Any]):
    """One sentence per session, in the plan's language, tied to the pair: it quotes a goal or names a
    person or something they stated (a topic added for the mix quotes the goal)."""

    def evaluate(self, ctx: EvaluatorContext[PlanCase, SessionPlanDraft, Any]) -> EvaluationReason:
        case = ctx.inputs
        anchors = [*case.goals] + [p.name for p in [*case.juniors, *case.seniors]]
        anchors += [t for p in [*case.juniors, *case.seniors] for t in (*p.expertise, *p.interests)]
        problems = []
        for item in ctx.output.items:
            text = item.reason
            if len(re.findall(r"[.!?](\s|$)", ABBREVIATION.sub("", text))) != 1:
                problems.append(f"session {item.number}: the reason is not one sentence")
            own, other = (GERMAN, ENGLISH) if ctx.output.language == "de" else (ENGLISH, GERMAN)
            if len(own.findall(text)) < len(other.findall(text)):
                problems.append(f"session {item.number}: the reason is not in {ctx.output.language}")
            if anchors and not any(a.casefold() in text.casefold() for a in anchors):
                problems.append(
                    f"session {item.number}: the reason names no goal, person or wish of the pair"
                )
        return _result(problems)


def evaluators(knowledge: KnowledgeBase) -> list[Evaluator[PlanCase, SessionPlanDraft, Any]]:
    return [PlanMix(), PlanShape(), PlanGrounded(knowledge=knowledge), PlanReasons()]


def load_cases(path: Path = PLANS_DIR / "plans.yaml") -> list[Case[PlanCase, SessionPlanDraft, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Case(name=c["name"], inputs=PlanCase.model_validate(c["inputs"])) for c in data["cases"]]


@dataclass
class Outcome:
    case: str
    evaluator: str
    passed: bool
    reason: str | None


def _outcomes(report: Any) -> list[Outcome]:
    out = []
    for case in report.cases:
        for name, result in case.assertions.items():
            out.append(Outcome(case.name, name, bool(result.value), result.reason))
    for failure in getattr(report, "failures", []):
        out.append(Outcome(failure.name, "task", False, failure.error_message))
    return out


async def run_plans(composer: PlanComposer, knowledge: KnowledgeBase, retriever: Any) -> list[Outcome]:
    """Every case through ``composer`` and every evaluator."""

    async def task(case: PlanCase) -> SessionPlanDraft:
        return await composer.compose(case.context(knowledge, retriever))

    dataset = Dataset[PlanCase, SessionPlanDraft, Any](
        name="plans", cases=load_cases(), evaluators=evaluators(knowledge)
    )
    report = await dataset.evaluate(task, progress=False)
    return _outcomes(report)


async def run_controls(knowledge: KnowledgeBase) -> list[tuple[str, str, bool]]:
    """(control, evaluator it must fail, did it fail) for each negative control."""
    data = yaml.safe_load((PLANS_DIR / "controls.yaml").read_text(encoding="utf-8"))
    results = []
    for control in data["controls"]:
        case = PlanCase.model_validate(control["inputs"])
        draft = SessionPlanDraft.model_validate(control["plan"])
        dataset = Dataset[PlanCase, SessionPlanDraft, Any](
            name=control["name"],
            cases=[Case(name=control["name"], inputs=case)],
            evaluators=evaluators(knowledge),
        )

        async def task(_: PlanCase, draft: SessionPlanDraft = draft) -> SessionPlanDraft:
            return draft

        report = await dataset.evaluate(task, progress=False)
        must_fail = control["must_fail"]
        failed = any(o.evaluator == must_fail and not o.passed for o in _outcomes(report))
        results.append((control["name"], must_fail, failed))
    return results


def main() -> int:
    from companion.retrieval.indexer import build_retriever
    from companion.settings import get_settings

    retriever = build_retriever(get_settings())
    kb = retriever.knowledge
    outcomes = asyncio.run(run_plans(OfflinePlanComposer(kb), kb, retriever))
    controls = asyncio.run(run_controls(kb))
    failed = [o for o in outcomes if not o.passed]
    print(f"plans: {sum(o.passed for o in outcomes)}/{len(outcomes)} assertions pass")
    for o in failed:
        print(f"  FAIL {o.case} {o.evaluator}: {o.reason}")
    for name, evaluator, ok in controls:
        print(f"  control {name}: {evaluator} {'fails as it must' if ok else 'DID NOT FAIL'}")
    return 1 if failed or not all(ok for *_, ok in controls) else 0


if __name__ == "__main__":
    sys.exit(main())
