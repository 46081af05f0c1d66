"""The retrieval benchmark's labelled query sets: present in the repository, honest and broad.

The sets live in ``benchmarks/data/`` and are read by ``benchmarks/retrieval.py``; a set that goes
missing or whose paraphrase flags lie would make the published recall figures meaningless.
"""

from __future__ import annotations

import importlib

import pytest

from companion.retrieval.knowledge import KnowledgeBase
from companion.retrieval.passages import card_passages

bench = importlib.import_module("benchmarks.retrieval")


@pytest.fixture(scope="module")
def queries(knowledge: KnowledgeBase) -> list:
    return [q for path in bench.QUERY_SETS.values() for q in bench.load_queries(knowledge, path)]


def test_both_sets_are_in_the_repository() -> None:
    for name, path in bench.QUERY_SETS.items():
        assert path.is_file(), f"query set {name!r} missing: {path}"


def test_sets_are_large_and_mixed(queries: list) -> None:
    by_set = {name: [q for q in queries if q.set == name] for name in bench.QUERY_SETS}
    assert all(len(qs) >= 60 for qs in by_set.values()), {k: len(v) for k, v in by_set.items()}
    assert sum(q.paraphrase for q in queries) >= 80
    assert sum(q.cross for q in queries) >= 20
    assert {q.lang for q in queries} == {"de", "en"}
    assert all(1 <= len(q.relevant) <= 3 for q in queries)


def test_paraphrase_flags_are_honest(knowledge: KnowledgeBase, queries: list) -> None:
    assert bench.check_paraphrases(knowledge, queries) == []


def test_every_card_is_somebody_s_answer(knowledge: KnowledgeBase, queries: list) -> None:
    answered = set().union(*(q.relevant for q in queries))
    assert answered == set(knowledge.ids())


def test_ablation_layouts_cut_the_questions_as_described(knowledge: KnowledgeBase) -> None:
    ablation = importlib.import_module("benchmarks.retrieval_ablation")
    card = knowledge.get("topic-remote-work", "de")
    assert card is not None and len(card.questions) == 16
    assert ablation.question_units(card, None) == [list(card.questions)]
    for group, parts in ((8, 2), (5, 3), (1, 16)):
        units = ablation.question_units(card, group)
        assert len(units) == parts and sorted(q for u in units for q in u) == sorted(card.questions)
    cards = [card]
    service = ablation.records(cards, "block")
    assert [r.embed_text for r in service] == [r.embed_text for r in card_passages(card)]
    assert len(ablation.records(cards, "none")) == len(service) - 1
    assert len(ablation.records(cards, 1)) == len(service) - 1 + 16
