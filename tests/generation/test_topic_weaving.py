"""Where the topic goes in offline output: mid-programme check-ins keep their topic (and its
non-technical angle), the non-technical item is decided on the pattern's own items, free-text
technology topics get the angle too, and quoted session ideas carry no minutes of their own."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from companion.generation.grounding import idea_text
from companion.generation.offline import OfflineComposer
from companion.generation.schemas import Agenda, GenerationContext
from companion.retrieval.knowledge import KnowledgeBase

Make = Callable[..., GenerationContext]
NONTECH_TITLE = re.compile(r"nicht-technische|non-technical", re.IGNORECASE)
MINUTES = re.compile(r"\d+\s*(?:min\b|min\.|minuten|minutes)", re.IGNORECASE)


def nontech_items(agenda: Agenda) -> list[str]:
    return [i.title for i in agenda.items if NONTECH_TITLE.search(i.title)]


@pytest.mark.parametrize("duration", [30, 45, 60, 90])
@pytest.mark.parametrize("lang", ["de", "en"])
async def test_check_in_with_a_technology_topic_keeps_topic_and_angle(
    offline: OfflineComposer, make_ctx: Make, knowledge: KnowledgeBase, duration: int, lang: str
) -> None:
    agenda = await offline.agenda(
        make_ctx(
            language=lang,
            topic="topic-ai-automation",
            session_number=3,
            total_sessions=6,
            duration_minutes=duration,
        )
    )
    card = knowledge.get("topic-ai-automation", lang)
    checkin = knowledge.get("pattern-mid-checkin", lang)
    assert card is not None and checkin is not None
    assert sum(i.minutes for i in agenda.items) == duration
    assert "pattern-mid-checkin" in {s.card_id for s in agenda.sources}
    assert card.title in agenda.title
    # The topic block: led by the junior, with the card's questions for the junior.
    topic_items = [i for i in agenda.items if i.lead == "junior" and card.title in i.title]
    assert topic_items and set(topic_items[0].prompts) & set(card.bullets("junior_questions"))
    assert len(nontech_items(agenda)) == 1
    # The check-in itself is still there: its opening and its closing.
    assert agenda.items[0].title == checkin.steps[0].title
    assert checkin.steps[-1].title in agenda.items[-1].title


async def test_check_in_without_topic_is_a_plain_check_in(
    offline: OfflineComposer, make_ctx: Make, knowledge: KnowledgeBase
) -> None:
    agenda = await offline.agenda(make_ctx(topic=None, goals=[], session_number=3, total_sessions=6))
    checkin = knowledge.get("pattern-mid-checkin", "de")
    assert checkin is not None
    assert agenda.items[0].title == checkin.steps[0].title
    assert agenda.items[-1].title == checkin.steps[-1].title
    assert [i.lead for i in agenda.items] == ["both", "junior", "senior", "both"]
    assert not nontech_items(agenda)


async def test_check_in_preparation_covers_the_topic(
    offline: OfflineComposer, make_ctx: Make, knowledge: KnowledgeBase
) -> None:
    prep = await offline.preparation(make_ctx(topic="topic-communication-tools", session_number=3, goals=[]))
    card = knowledge.get("topic-communication-tools", "de")
    assert card is not None
    assert set(prep.junior_questions) & set(card.bullets("junior_questions"))
    assert set(prep.senior_questions) & set(card.bullets("senior_questions"))
    assert any("Zusammenarbeit" in q for q in prep.senior_questions)


async def test_topic_title_with_culture_does_not_count_as_the_angle(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    # "Communication tools and chat culture": the composer quotes the title in the junior's purpose;
    # that must not pass for a non-technical item.
    agenda = await offline.agenda(
        make_ctx(
            language="en",
            format="group",
            topic="topic-communication-tools",
            duration_minutes=90,
            session_number=2,
            total_sessions=4,
            juniors=[{"name": "Priya"}, {"name": "Tom"}, {"name": "Lina"}],
            seniors=[{"name": "Dr. Schulz", "role": "CFO"}],
        )
    )
    assert len(nontech_items(agenda)) == 1
    item = next(i for i in agenda.items if NONTECH_TITLE.search(i.title))
    assert item.minutes >= 5 and item.lead == "both"


@pytest.mark.parametrize(
    ("lang", "topic"), [("en", "Frontend frameworks"), ("de", "Python-Skripte im Controlling")]
)
async def test_free_text_technology_topic_gets_the_angle(
    offline: OfflineComposer, make_ctx: Make, lang: str, topic: str
) -> None:
    ctx = offline.builder.prepare(make_ctx(language=lang, topic=topic, goals=[]))
    assert ctx.topic_id is None  # no card fits: the topic stays free text
    agenda = await offline.agenda(ctx)
    assert len(nontech_items(agenda)) == 1
    prep = await offline.preparation(ctx)
    assert any(re.search(r"Zusammenarbeit|collaboration", q) for q in prep.senior_questions)


async def test_free_text_non_technical_topic_gets_no_extra_item(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    agenda = await offline.agenda(make_ctx(topic="Quantenphysik für Führungskräfte", goals=[]))
    assert nontech_items(agenda) == []


@pytest.mark.parametrize(
    ("idea", "lang", "expected"),
    [
        (
            "Prompt-Werkstatt (30 Min.): gemeinsam Prompts bauen",
            "de",
            "Prompt-Werkstatt: gemeinsam Prompts bauen",
        ),
        (
            "Friction log (one week of preparation, 30 min review): record delays",
            "en",
            "Friction log (one week of preparation): record delays",
        ),
        (
            "Switch experiment (two weeks): post in a channel",
            "en",
            "Switch experiment (two weeks): post in a channel",
        ),
        ("Mini-Retro: In 15 Minuten klären, was gut läuft", "de", "Mini-Retro: Kurz klären, was gut läuft"),
        ("Mini retro: in 15 minutes, agree what works", "en", "Mini retro: briefly agree what works"),
    ],
)
def test_session_ideas_lose_their_own_minutes(idea: str, lang: str, expected: str) -> None:
    assert idea_text(idea, lang) == expected


@pytest.mark.parametrize(
    "topic", ["topic-ai-automation", "topic-communication-tools", "topic-feedback-culture"]
)
@pytest.mark.parametrize("number", [2, 3, 4, 5])
async def test_no_quoted_idea_contradicts_its_items_minutes(
    offline: OfflineComposer, make_ctx: Make, topic: str, number: int
) -> None:
    for lang in ("de", "en"):
        ctx = make_ctx(language=lang, topic=topic, session_number=number, duration_minutes=45)
        agenda = await offline.agenda(ctx)
        prep = await offline.preparation(ctx)
        # Session ideas become items' purposes (and what to bring) without their own minutes.
        ideas = [i.purpose for i in agenda.items if "Ergebnis:" in i.purpose or "Outcome:" in i.purpose]
        ideas += list(prep.junior_to_bring)
        assert ideas
        assert not any(MINUTES.search(p) for p in ideas), ideas
