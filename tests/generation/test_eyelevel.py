"""Top-down goals ("Mein Junior soll mir mal TikTok erklären") are reframed at eye level, never quoted
word for word: in offline agendas and preparation, and in the LLM path's repair step."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from companion.generation.drafts import AgendaDraft, PreparationDraft, repair_agenda, repair_preparation
from companion.generation.eyelevel import eye_level_goals, is_top_down, reframe
from companion.generation.offline import OfflineComposer
from companion.generation.schemas import GenerationContext
from companion.retrieval.knowledge import KnowledgeBase

Make = Callable[..., GenerationContext]
# Phrases that must never reach guidance (checked here independently of the composer's own regex).
COMMANDING = ("junior soll", "junior should", "soll mir", "explain instagram to me", "erklären“", "zeigen,")


@pytest.mark.parametrize(
    ("goal", "lang", "expected"),
    [
        ("Mein Junior soll mir mal TikTok erklären", "de", "TikTok gemeinsam verstehen und ausprobieren"),
        (
            "Der Junior soll mir zeigen, wie man Teams richtig benutzt",
            "de",
            "Gemeinsam herausfinden, wie man Teams richtig benutzt",
        ),
        ("Erklär mir mal, wie TikTok funktioniert", "de", "Gemeinsam herausfinden, wie TikTok funktioniert"),
        (
            "My junior should explain Instagram to me so I can finally post something",
            "en",
            "Understand and try out Instagram together, so I can finally post something",
        ),
        ("The junior should show me how to use Slack", "en", "Find out together how to use Slack"),
        ("I want my junior to explain TikTok to me", "en", "Understand and try out TikTok together"),
        # A purpose clause in the other language is left out rather than mixed into a German sentence.
        (
            "Mein Junior soll mir Instagram beibringen, so that I can post for our employer brand",
            "de",
            "Instagram gemeinsam verstehen und ausprobieren",
        ),
    ],
)
def test_top_down_goals_become_shared_learning_goals(goal: str, lang: str, expected: str) -> None:
    assert is_top_down(goal)
    shared = reframe(goal, lang)
    assert shared == expected
    assert not is_top_down(shared)


def test_eye_level_goals_pass_through_drop_and_dedupe() -> None:
    fine = "Verstehen, wie junge Kolleg:innen KI im Alltag nutzen"
    assert not is_top_down(fine) and reframe(fine, "de") == fine
    # Nothing to take out of a pure order: better not quoted at all.
    assert reframe("Mein Junior muss pünktlich sein", "de") is None
    goals = [
        fine,
        "Mein Junior muss pünktlich sein",
        "Mein Junior soll mir TikTok erklären",
        "Zeig mir mal TikTok",
    ]
    assert eye_level_goals(goals, "de") == [fine, "TikTok gemeinsam verstehen und ausprobieren"]


def _lower(result: object) -> str:
    return json.dumps(result.model_dump(), ensure_ascii=False).lower()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lang", "topic", "goal", "shared"),
    [
        (
            "de",
            "TikTok",
            "Mein Junior soll mir mal TikTok erklären",
            "„TikTok gemeinsam verstehen und ausprobieren“",
        ),
        (
            "en",
            "Instagram",
            "My junior should explain Instagram to me so I can finally post something",
            "“Understand and try out Instagram together, so I can finally post something”",
        ),
    ],
)
async def test_offline_agenda_never_quotes_a_top_down_goal(
    offline: OfflineComposer, make_ctx: Make, lang: str, topic: str, goal: str, shared: str
) -> None:
    agenda = await offline.agenda(make_ctx(language=lang, topic=topic, goals=[goal], session_number=2))
    text = _lower(agenda)
    assert not any(p in text for p in COMMANDING), text
    # The goal's subject survives, as a shared goal, as the labelled goal of the session's core item.
    core = next(i for i in agenda.items if i.lead == "junior")
    assert shared in core.purpose


async def test_offline_preparation_reframes_the_goal_for_both_sides(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    prep = await offline.preparation(
        make_ctx(
            topic="topic-communication-tools",
            goals=["Der Junior soll mir zeigen, wie man Teams richtig benutzt"],
            duration_minutes=45,
            session_number=3,
        )
    )
    text = _lower(prep)
    assert "junior soll" not in text and "soll mir" not in text
    # The goal is prepared through the activity chosen for it, on both sides.
    assert any(q.startswith("Für „") for q in prep.junior_questions)
    assert any(q.startswith("Für „") for q in prep.senior_questions)


async def test_top_down_topic_text_is_not_used_as_a_label(offline: OfflineComposer, make_ctx: Make) -> None:
    agenda = await offline.agenda(make_ctx(topic="Mein Junior soll mir TikTok erklären", goals=[]))
    assert "soll mir" not in _lower(agenda)
    assert "topic-social-media" in {s.card_id for s in agenda.sources}


def test_llm_repair_reframes_a_goal_the_model_quoted(knowledge: KnowledgeBase, make_ctx: Make) -> None:
    goal = "Mein Junior soll mir mal TikTok erklären"
    ctx = make_ctx(
        topic="topic-social-media",
        goals=[goal],
        topic_id="topic-social-media",
        pattern_id="pattern-regular-session",
    )
    draft = AgendaDraft.model_validate(
        {
            "title": f"TikTok: {goal}",
            "items": [
                {
                    "title": "Einstieg",
                    "minutes": 10,
                    "lead": "both",
                    "purpose": f"Ziel: {goal}.",
                    "prompts": [f"Euer Ziel „{goal}“: Was soll heute passieren?", "Wie geht es dir?"],
                },
                {
                    "title": "TikTok zeigen",
                    "minutes": 30,
                    "lead": "junior",
                    "purpose": "Der Junior zeigt.",
                    "prompts": [
                        "Der Junior soll mir zeigen, wie der Feed funktioniert.",
                        "Was überrascht dich?",
                    ],
                },
                {
                    "title": "Einordnen",
                    "minutes": 20,
                    "lead": "senior",
                    "purpose": "Erfahrung teilen.",
                    "prompts": ["Welche Erfahrung passt dazu?"],
                },
            ],
        }
    )
    agenda = repair_agenda(draft, ctx, knowledge, "gpt-4o-mini")
    text = _lower(agenda)
    assert "junior soll" not in text and "soll mir" not in text
    assert "tiktok gemeinsam verstehen und ausprobieren" in agenda.items[0].prompts[0].lower()
    # A line that still commands after the repair is dropped; the others stay.
    assert agenda.items[1].prompts == ["Was überrascht dich?"]

    prep = repair_preparation(
        PreparationDraft(
            title="Vorbereitung",
            junior_questions=[f"Wie passt dein Beispiel zu „{goal}“?"],
            senior_questions=["Was möchtest du ausprobieren?"],
        ),
        ctx,
        knowledge,
        "gpt-4o-mini",
    )
    assert prep.junior_questions == [
        "Wie passt dein Beispiel zu „TikTok gemeinsam verstehen und ausprobieren“?"
    ]
