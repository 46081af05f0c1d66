"""The context builder: topic resolution, pattern choice, retrieved passages."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from companion.generation.context import ContextBuilder, pick_pattern
from companion.generation.schemas import GenerationContext
from companion.retrieval.knowledge import KnowledgeBase
from companion.retrieval.passages import QUESTION
from companion.retrieval.types import Passage

Make = Callable[..., GenerationContext]


@pytest.mark.parametrize(
    ("number", "total", "fmt", "pattern"),
    [
        (1, 6, "group", "pattern-first-session"),
        (6, 6, "group", "pattern-final-retrospective"),
        (2, 6, "group", "pattern-group-session"),
        (2, 6, "project", "pattern-project-session"),
        (3, 6, "one-to-one", "pattern-mid-checkin"),
        (4, 7, "peer", "pattern-mid-checkin"),
        (4, 6, "one-to-one", "pattern-regular-session"),
        (3, None, "one-to-one", "pattern-regular-session"),
    ],
)
def test_pattern_choice(make_ctx: Make, number: int, total: int | None, fmt: str, pattern: str) -> None:
    assert pick_pattern(make_ctx(session_number=number, total_sessions=total, format=fmt)) == pattern


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("topic-feedback-culture", "topic-feedback-culture"),  # by id
        ("Understanding and using social media", "topic-social-media"),  # by (English) title in German
        ("Wie wir TikTok und Instagram fürs Recruiting nutzen", "topic-social-media"),  # by search
    ],
)
def test_topic_resolution(builder: ContextBuilder, topic: str, expected: str) -> None:
    card = builder.resolve_topic(topic, "de")
    assert card is not None and card.id == expected and card.lang == "de"


def test_prepare_fills_topic_pattern_and_passages(builder: ContextBuilder, make_ctx: Make, retriever) -> None:
    ctx = builder.prepare(make_ctx(topic="topic-remote-work", goals=["Faire Regeln für Homeoffice"]))
    assert ctx.topic_id == "topic-remote-work" and ctx.pattern_id == "pattern-regular-session"
    sections = [(p.card_id, p.section) for p in ctx.passages]
    assert sections[:4] == [
        ("topic-remote-work", s)
        for s in ("junior_questions", "senior_questions", "non_technical", "session_ideas")
    ]
    assert len(set(sections)) == len(sections) and len(sections) <= 10
    assert all(p.lang == "de" for p in ctx.passages)
    assert any("Faire Regeln für Homeoffice" in q for q, _, _ in retriever.queries)
    assert builder.prepare(ctx) is ctx  # prepared once, not twice


def test_unknown_topic_and_no_topic(builder: ContextBuilder, make_ctx: Make) -> None:
    ctx = builder.prepare(make_ctx(topic=None, session_number=1))
    assert ctx.topic_id is None and ctx.pattern_id == "pattern-first-session"
    assert ctx.passages  # still grounded in principles and role tips


def test_context_rejects_bad_input(make_ctx: Make) -> None:
    with pytest.raises(ValueError, match="after the last session"):
        make_ctx(session_number=7, total_sessions=6)
    with pytest.raises(ValueError):
        make_ctx(duration_minutes=15)
    with pytest.raises(ValueError):
        make_ctx(goals=["x" * 501])
    with pytest.raises(ValueError):
        make_ctx(unknown_field=1)


class QuestionFirstRetriever:
    """Returns the "typical questions" passage of a principle card ahead of everything else."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge

    def search(self, query: str, *, lang: str | None = None, **_: object) -> list[Passage]:
        card = self.knowledge.get("principle-eye-level", lang or "de")
        assert card is not None
        heading = "Typische Frage"
        text = "\n".join(f"- {q}" for q in card.questions)
        return [
            Passage(
                card_id=card.id,
                lang=card.lang,
                kind=card.kind,
                title=card.title,
                section=QUESTION,
                heading=heading,
                text=text,
                score=0.9,
            )
        ]


def test_question_hits_ground_with_the_card_summary(knowledge: KnowledgeBase, make_ctx: Make) -> None:
    ctx = ContextBuilder(knowledge, QuestionFirstRetriever(knowledge)).prepare(make_ctx())
    eye_level = [p for p in ctx.passages if p.card_id == "principle-eye-level"]
    card = knowledge.get("principle-eye-level", "de")
    assert card is not None
    assert [(p.section, p.text, p.score) for p in eye_level] == [("summary", card.summary, 0.9)]
    assert all(p.section != QUESTION for p in ctx.passages)
