"""Activities are chosen by meaning when the retriever has embedders, by shared words otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.generation.activities import ActivityChooser
from companion.generation.goals import understand
from companion.generation.keyword import KeywordRetriever
from companion.retrieval.indexer import build_retriever
from companion.retrieval.knowledge import KnowledgeBase
from companion.retrieval.search import HybridRetriever
from companion.settings import Settings


@pytest.fixture(scope="module")
def hybrid(tmp_path_factory: pytest.TempPathFactory, knowledge: KnowledgeBase) -> HybridRetriever:
    data: Path = tmp_path_factory.mktemp("activity-index")
    settings = Settings(_env_file=None, env="development", data_dir=data, embedder="hash")  # type: ignore[call-arg]
    return build_retriever(settings, knowledge)


def _title(chooser: ActivityChooser, goal: str, lang: str, topic: str | None) -> str | None:
    act = chooser.choose([understand(goal, lang)], lang, topic, "")[0]
    return act.title if act else None


def test_the_index_holds_one_vector_per_activity(hybrid: HybridRetriever, knowledge: KnowledgeBase) -> None:
    chooser = ActivityChooser(knowledge, hybrid)
    assert chooser.meaning.available
    assert hybrid.activities is not None
    wanted = sum(len(chooser.activities(c.id, c.lang)) for c in knowledge.cards if c.kind == "topic")
    assert len(hybrid.activities.records) == wanted


def test_each_goal_gets_the_activity_that_means_it(hybrid: HybridRetriever, knowledge: KnowledgeBase) -> None:
    chooser = ActivityChooser(knowledge, hybrid)
    topic = "topic-remote-work"
    assert _title(chooser, "Kernarbeitszeiten für mein Team festlegen", "de", topic) == "Kernzeiten-Entwurf"
    assert (
        _title(chooser, "Gute Arbeit im Homeoffice erkennen, ohne Anwesenheit zu kontrollieren", "de", topic)
        == "Vertrauens-Check statt Kontrolle"
    )
    # Two goals never get the same activity.
    goals = [understand("Kernarbeitszeiten festlegen", "de"), understand("Kernzeiten im Team testen", "de")]
    first, second = chooser.choose(goals, "de", topic, "")
    assert first is not None and second is not None and first.key != second.key


def test_a_goal_plainly_about_another_card_takes_that_card(
    hybrid: HybridRetriever, knowledge: KnowledgeBase
) -> None:
    chooser = ActivityChooser(knowledge, hybrid)
    goal = understand("Eine Podcast-Idee prüfen: Firmenpodcasts, die Gleichaltrige hören", "de")
    act = chooser.choose([goal], "de", "topic-remote-work", "")[0]
    assert act is not None and act.card_id == "topic-storytelling"


def test_an_unrelated_goal_without_a_topic_card_gets_no_card_activity(
    hybrid: HybridRetriever, knowledge: KnowledgeBase
) -> None:
    chooser = ActivityChooser(knowledge, hybrid)
    assert _title(chooser, "Quokka-Gehege im Zoo besuchen", "de", None) is None


def test_without_embedders_words_decide(knowledge: KnowledgeBase) -> None:
    chooser = ActivityChooser(knowledge, KeywordRetriever(knowledge))
    assert not chooser.meaning.available
    assert _title(chooser, "Kernarbeitszeiten für mein Team festlegen", "de", "topic-remote-work") == (
        "Kernzeiten-Entwurf"
    )
