"""The versioned datasets: they load, and they cover what the issue asks for."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from companion.retrieval.knowledge import KnowledgeBase
from evals.cases import DATASETS_DIR, EvalInput, load_datasets, series_contexts


def _cases():
    return [c for ds in load_datasets() for c in ds.cases]


def test_at_least_fifty_cases_with_unique_names() -> None:
    names = [c.name for c in _cases()]
    assert len(names) >= 50
    assert len(set(names)) == len(names)


def test_every_dataset_is_versioned() -> None:
    for ds in load_datasets():
        assert re.fullmatch(r"[a-z_]+\.v\d+", ds.name), ds.name


def test_coverage_of_languages_formats_sessions_durations_families_and_hard_inputs() -> None:
    cases = _cases()
    contexts = [
        ctx
        for c in cases
        for ctx in (series_contexts(c.inputs) if c.inputs.task == "series" else [c.inputs.context])
    ]
    assert {c.language for c in contexts} == {"de", "en"}
    assert {c.format for c in contexts} == {"one-to-one", "group", "peer", "project"}
    assert {30, 45, 60, 90} <= {c.duration_minutes for c in contexts}
    kinds = Counter(
        "first"
        if c.session_number == 1
        else "final"
        if c.total_sessions and c.session_number >= c.total_sessions
        else "regular"
        for c in contexts
    )
    assert kinds["first"] >= 3 and kinds["final"] >= 3 and kinds["regular"] >= 20
    assert {c.inputs.task for c in cases} == {
        "agenda",
        "preparation",
        "reflection_prompts",
        "summary",
        "series",
    }
    assert {c.metadata.family for c in cases} >= {"technology", "work", "culture"}
    hard = Counter(tag for c in cases for tag in c.metadata.hard)
    for tag in ("top-down", "tech-only", "one-word", "long-goal", "mixed-language", "injection"):
        assert hard[tag] >= 2, tag
    assert any(len(g) > 400 for c in cases for g in c.inputs.context.goals)


def test_injection_cases_inject_in_goals_topics_names_and_reflections() -> None:
    injected = [c for c in _cases() if "injection" in c.metadata.hard]
    places = set()
    for case in injected:
        ctx = case.inputs.context
        assert case.metadata.injected, case.name
        places |= (
            {"goals"}
            if any("ignor" in g.lower() or "vergiss" in g.lower() or "system" in g.lower() for g in ctx.goals)
            else set()
        )
        places |= {"topic"} if ctx.topic and "system" in ctx.topic.lower() else set()
        places |= {"names"} if any("<system>" in p.name for p in ctx.juniors) else set()
        places |= {"reflections"} if ctx.reflections else set()
    assert places == {"goals", "topic", "names", "reflections"}


def test_declared_topic_cards_and_themes_exist(knowledge: KnowledgeBase) -> None:
    taxonomy = set(knowledge.topic_ids())
    for case in _cases():
        meta = case.metadata
        for card in [meta.topic_id, *meta.related_topics, *meta.expected_themes]:
            assert card is None or card in taxonomy, (case.name, card)
        for topic in case.inputs.series_topics:
            assert topic is None or topic in taxonomy, (case.name, topic)


def test_summary_cases_carry_reflections() -> None:
    summaries = [c for c in _cases() if c.inputs.task == "summary"]
    assert len(summaries) >= 8
    assert all(c.inputs.context.reflections for c in summaries)


def test_a_malformed_case_is_rejected_with_the_file_name(tmp_path) -> None:
    (tmp_path / "broken.yaml").write_text(
        "name: broken.v1\ncases:\n- name: x\n  inputs: {task: agenda, context: {language: fr}}\n"
        "  metadata: {family: work}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"broken\.yaml"):
        load_datasets(tmp_path)


def test_unknown_dataset_names_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown dataset"):
        load_datasets(DATASETS_DIR, ["nope"])


def test_series_needs_topics() -> None:
    with pytest.raises(ValueError, match="series_topics"):
        EvalInput.model_validate({"task": "series", "context": {"language": "de"}})
