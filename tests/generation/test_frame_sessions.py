"""First sessions, check-ins and retrospectives are shaped by the pair's goals, not only framed by them."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from companion.generation.offline import OfflineComposer
from companion.generation.schemas import Agenda, GenerationContext
from evals.guidance_metrics import agenda_text, similarity

Make = Callable[..., GenerationContext]
GOALS = [
    "Kernarbeitszeiten für mein Team festlegen",
    "Einen Leitfaden für Teamrunden im Homeoffice erstellen",
]


def _text(agenda: Agenda) -> str:
    return json.dumps(agenda.model_dump(), ensure_ascii=False)


def _item(agenda: Agenda, words: str) -> int:
    return next(i for i, item in enumerate(agenda.items) if words in item.title)


async def test_a_first_session_makes_every_goal_concrete(offline: OfflineComposer, make_ctx: Make) -> None:
    agenda = await offline.agenda(make_ctx(session_number=1, topic="topic-remote-work", goals=GOALS))
    concrete = agenda.items[_item(agenda, "Eure Ziele konkret")]
    assert concrete.lead == "senior"  # the senior side's goals, area and contribution
    for goal in GOALS:  # each goal as a labelled question, never in a verb slot
        assert any(p.startswith(f"„{goal}“: ") for p in concrete.prompts), goal
    assert "Frank erzählt" in concrete.purpose and "beitragen" in concrete.purpose
    roadmap = agenda.items[_item(agenda, "Fahrplan")]
    assert roadmap.lead == "junior" and "Mit welchem Ziel" in " ".join(roadmap.prompts)


async def test_a_first_session_proposes_card_activities_and_cites_their_cards(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    agenda = await offline.agenda(make_ctx(session_number=1, topic="topic-remote-work", goals=GOALS))
    ideas = [
        p for item in agenda.items for p in item.prompts if p.startswith("Idee für ein nächstes Treffen")
    ]
    assert ideas
    assert "topic-remote-work" in {s.card_id for s in agenda.sources}


async def test_a_short_first_session_folds_the_goals_into_getting_to_know_each_other(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    agenda = await offline.agenda(make_ctx(session_number=1, duration_minutes=30, goals=GOALS[:1]))
    assert len(agenda.items) <= 5
    assert agenda.items[0].title == "Kennenlernen und eure Ziele"
    assert f"Ziel: „{GOALS[0]}“." in agenda.items[0].purpose


async def test_a_checkin_reviews_the_goals_one_by_one(offline: OfflineComposer, make_ctx: Make) -> None:
    agenda = await offline.agenda(make_ctx(session_number=3, topic="topic-remote-work", goals=GOALS))
    progress = agenda.items[_item(agenda, "Wo ihr bei euren Zielen steht")]
    for goal in GOALS:
        assert f"Ziel: „{goal}“." in progress.purpose
        assert any(p.startswith(f"„{goal}“: ") for p in progress.prompts)
    # a decision is checked differently from a draft
    assert "Entscheidung" in progress.purpose and "Zwischenstand" in progress.purpose
    plan = agenda.items[-1]
    assert any(p.startswith(f"„{GOALS[0]}“: ") for p in plan.prompts)


async def test_a_retrospective_works_on_a_goal_about_the_time_after(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    goals = ["Empfehlungen für HR formulieren"]
    agenda = await offline.agenda(make_ctx(session_number=6, topic=None, goals=goals))
    block = agenda.items[1]
    assert block.title.startswith("Jetzt aufschreiben")
    assert "in dieser Session" in block.purpose
    assert "Was aus dem Entwurf geworden ist" not in _text(agenda)


@pytest.mark.parametrize("number", [1, 3, 6])
async def test_frame_sessions_change_with_the_goals(
    offline: OfflineComposer, make_ctx: Make, number: int
) -> None:
    a = await offline.agenda(make_ctx(session_number=number, goals=["Kernarbeitszeiten festlegen"]))
    b = await offline.agenda(
        make_ctx(session_number=number, goals=["Einen Leitfaden für Teamrunden erstellen"])
    )
    assert similarity(agenda_text(a), agenda_text(b)) < 0.8
    # ... and not only in the quoted goal: the titles differ too
    assert [i.title for i in a.items] != [i.title for i in b.items]
