"""Suite-level guidance checks (issue 10): stock phrases across many pairs and sensitivity to goals.
The offline composer passes both; a fixed-skeleton composer (the negative control) fails both."""

from __future__ import annotations

import asyncio
from pathlib import Path

import yaml

from companion.generation.context import ContextBuilder
from companion.generation.keyword import KeywordRetriever
from companion.generation.offline import OfflineComposer
from companion.generation.schemas import Agenda, AgendaItem, GenerationContext
from companion.retrieval.knowledge import KnowledgeBase
from evals.guidance_evaluators import goal_sensitivity_problems, stock_phrase_problems

VAGUE = {"de-vague-climate-45", "de-generations-vague-90"}
CASES = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "guidance_cases.yaml"


def _cases() -> list[tuple[str, list[GenerationContext]]]:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return [
        (c["name"], [GenerationContext.model_validate({**c["context"], "goals": g}) for g in c["goals"][:2]])
        for c in data["cases"]
    ]


def _skeleton(ctx: GenerationContext) -> Agenda:
    """The negative control: the same items for every pair, the goal pasted into a fixed question."""
    goal = ctx.goals[0] if ctx.goals else "…"
    items = [
        AgendaItem(
            title="Ankommen",
            minutes=5,
            lead="both",
            purpose="An das letzte Treffen anknüpfen.",
            prompts=[f"Euer Ziel „{goal}“: Was soll heute dafür passieren?"],
        ),
        AgendaItem(
            title="Der Junior zeigt",
            minutes=15,
            lead="junior",
            purpose="Der Junior zeigt ein Beispiel.",
            prompts=["An welchem Beispiel aus deinem Alltag wird das Thema greifbar?"],
        ),
        AgendaItem(
            title="Kontext des Seniors",
            minutes=5,
            lead="senior",
            purpose="Der Senior ordnet ein.",
            prompts=["Welche Erfahrung aus deinem Berufsweg passt dazu?"],
        ),
        AgendaItem(
            title="Nächster Schritt",
            minutes=ctx.duration_minutes - 25,
            lead="both",
            purpose="Genau ein Vorhaben mit Termin festhalten.",
            prompts=["Was ist dein konkreter nächster Schritt, und bis wann?"],
        ),
    ]
    return Agenda(
        title="Session",
        language=ctx.language,
        duration_minutes=ctx.duration_minutes,
        items=items,
        generated_by="skeleton",
    )


def test_offline_agendas_have_few_stock_lines_and_follow_the_goals(
    knowledge: KnowledgeBase,
) -> None:
    composer = OfflineComposer(knowledge, ContextBuilder(knowledge, KeywordRetriever(knowledge)))
    cases = _cases()
    firsts, pairs = [], []
    for name, (a, b) in cases:
        agenda_a, agenda_b = asyncio.run(composer.agenda(a)), asyncio.run(composer.agenda(b))
        firsts.append((a, agenda_a))
        pairs.append((name, agenda_a, agenda_b))
    assert len(cases) >= 30
    assert stock_phrase_problems(firsts) == []
    # Goal sensitivity is asked of sessions about a topic; first, check-in and final sessions follow
    # their pattern by design, and two vague goals ("Klima" / "Nachhaltigkeit") may read alike.
    focus = [
        (name, a, b)
        for (name, a, b), (_, (ctx, _b)) in zip(pairs, cases, strict=True)
        if ctx.session_number not in (1, 3, ctx.total_sessions) and name not in VAGUE
    ]
    assert len(focus) >= 20
    assert goal_sensitivity_problems(focus) == []


def test_a_fixed_skeleton_fails_both_checks() -> None:
    cases = _cases()
    firsts = [(a, _skeleton(a)) for _, (a, _b) in cases]
    pairs = [(name, _skeleton(a), _skeleton(b)) for name, (a, b) in cases]
    assert stock_phrase_problems(firsts)
    assert len(goal_sensitivity_problems(pairs)) == len(cases)
