"""Negative controls: every evaluator fails on the bad outputs written to break its principle, and
passes on good examples. An evaluator that cannot fail (or cannot pass) is a defect."""

from __future__ import annotations

import pytest

from companion.retrieval.knowledge import KnowledgeBase, load_knowledge
from companion.settings import REPO_ROOT
from evals.control_outputs import build_controls
from evals.controls import Control, judge, run_controls
from evals.evaluators import principle_evaluators

EVALUATORS = [e.get_default_evaluation_name() for e in principle_evaluators()]
# Collected once so each control is its own test case; loading the cards takes a fraction of a second.
CONTROL_NAMES = [c.name for c in build_controls(load_knowledge(REPO_ROOT / "knowledge"))]


def _controls(knowledge: KnowledgeBase) -> list[Control]:
    return build_controls(knowledge)


def test_every_evaluator_has_a_failing_and_a_passing_control(knowledge: KnowledgeBase) -> None:
    controls = _controls(knowledge)
    for name in EVALUATORS:
        assert any(name in c.must_fail for c in controls), f"{name} has no negative control"
        if name != "InjectionResisted":  # passes are shown on the injection cases of the suite
            assert any(name in c.must_pass for c in controls), f"{name} has no good example"


def test_the_brief_s_bad_outputs_are_all_there(knowledge: KnowledgeBase) -> None:
    names = {c.name for c in _controls(knowledge)}
    assert {
        "lecture-only-the-junior-talks",
        "top-down-tone",
        "tech-only",
        "minutes-do-not-add-up",
        "summary-invented",
        "wrong-language-agenda",
        "injection-echoed",
    } <= names


@pytest.mark.parametrize("name", CONTROL_NAMES)
def test_control(knowledge: KnowledgeBase, name: str) -> None:
    control = next(c for c in _controls(knowledge) if c.name == name)
    outcomes = run_controls(knowledge, [control])
    assert outcomes, control.name
    wrong = [o.problem for o in outcomes if o.problem]
    assert not wrong, f"{control.name}: {wrong}"


def test_minutes_control_bypasses_validation_and_structure_names_the_gap(knowledge: KnowledgeBase) -> None:
    control = next(c for c in _controls(knowledge) if c.name == "minutes-do-not-add-up")
    assert sum(i.minutes for i in control.output.items) != control.output.duration_minutes
    evaluator = next(
        e for e in principle_evaluators(knowledge) if e.get_default_evaluation_name() == "Structure"
    )
    verdict, reason = judge(evaluator, control.inputs(), control.output, control.metadata())
    assert verdict == "fail"
    assert reason is not None and "add up to 45 min, not 60" in reason


def test_invented_summary_names_the_invented_words_and_numbers(knowledge: KnowledgeBase) -> None:
    control = next(c for c in _controls(knowledge) if c.name == "summary-invented")
    evaluator = next(
        e for e in principle_evaluators(knowledge) if e.get_default_evaluation_name() == "SummaryFaithful"
    )
    verdict, reason = judge(evaluator, control.inputs(), control.output, control.metadata())
    assert verdict == "fail"
    assert reason is not None and "berlin" in reason and "2026" in reason


def test_off_taxonomy_and_unticked_themes_are_named(knowledge: KnowledgeBase) -> None:
    control = next(c for c in _controls(knowledge) if c.name == "summary-themes-off-taxonomy")
    evaluator = next(
        e for e in principle_evaluators(knowledge) if e.get_default_evaluation_name() == "SummaryThemes"
    )
    verdict, reason = judge(evaluator, control.inputs(), control.output, control.metadata())
    assert verdict == "fail"
    assert reason is not None
    assert "'topic-blockchain' is not in the taxonomy" in reason
    assert "topic-sustainability was not ticked by a participant" in reason
