"""The checks on the model's drafts beyond their schema (see :mod:`companion.generation.validators`).

A draft can be valid JSON of the right shape and still be a poor plan: minutes that do not add up, a
first session without getting to know each other, an agenda in the wrong language, a junior who leads
five minutes of sixty, a goal of the pair that no item touches, "der Senior … seine" for Petra. Each
check returns :class:`Problem` s with a short English summary and a message to the model in the
programme's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from companion.generation.drafts import (
    AgendaDraft,
    PreparationDraft,
    ReflectionPromptsDraft,
    SummaryDraft,
)
from companion.generation.eyelevel import reframe
from companion.generation.safety import clean_text, safe_goals
from companion.generation.schemas import GenerationContext
from companion.generation.timing import MIN_MINUTES, max_items
from companion.retrieval.knowledge import KnowledgeBase
from companion.retrieval.lexical import guess_language, stems

FIRST, FINAL = "pattern-first-session", "pattern-final-retrospective"
# Sessions about one topic: the junior's expert part carries them, so it gets at least a third.
FOCUS_PATTERNS = {"pattern-regular-session", "pattern-group-session", "pattern-project-session"}
JUNIOR_SHARE = {"focus": 1 / 3, "other": 1 / 4}

_GETTING_TO_KNOW = re.compile(
    r"kennen\s*(?:zu\s*)?lern|kennenlern|vorstell|ankommen|werdegang|eisbrecher|wer\s+(?:wir|ihr)\s+seid"
    r"|get(?:ting)?\s+to\s+know|introduc|arriv|ice\s*-?breaker|who\s+(?:we|you)\s+are|backgrounds?\b",
    re.IGNORECASE,
)
_RETROSPECTIVE = re.compile(
    r"retrospektiv|rückblick|zurück\s*(?:blick|schau)|bilanz|was\s+(?:wir|ihr|du)\s+mitnehm|fazit"
    r"|retrospective|look(?:ing)?\s+back|take\s*-?aways?|lessons\s+learned|what\s+(?:we|you)\s+learned",
    re.IGNORECASE,
)
# "der Senior", "des Seniors", "dem Junior", "einen Mentor": a default masculine for a person.
# Plural forms ("den Seniors", "der Juniors") and compounds ("Senior-Mentee") are fine.
_ROLE = r"(?:Senior|Junior|Mentor|Mentee)"
_MASCULINE_ROLE = re.compile(
    rf"\b(?i:der|dem|den|ein|einem|einen|jeder|jedem|jeden)\s+{_ROLE}\b(?![-:*/]|s\b)"
    rf"|\b(?i:des|eines|jedes)\s+{_ROLE}s\b"
)
# Words every goal and agenda shares; a goal is covered by what makes it this pair's goal.
_GENERIC = {
    "de": "verstehen lernen mehr besser gemeinsam junior senior ziel ausprobieren thema wissen neu team mal",
    "en": "understand learn more better together junior senior goal try topic know new team",
}


@dataclass(frozen=True)
class Problem:
    """One way a draft misses the brief: ``summary`` (English, short) names it in logs and in
    ``generated_by``; ``message`` tells the model what to change, in the programme's language."""

    code: str
    summary: str
    message: str
    repairable: bool = False


def _p(code: str, summary: str, lang: str, de: str, en: str, *, repairable: bool = False) -> Problem:
    return Problem(code, summary, de if lang == "de" else en, repairable)


def draft_texts(draft: BaseModel) -> list[str]:
    """Every user-facing string of a draft (ids and names excluded)."""
    if isinstance(draft, AgendaDraft):
        return [draft.title] + [t for i in draft.items for t in (i.title, i.purpose, *i.prompts)]
    texts: list[str] = []
    for name, value in draft:
        if name in ("source_ids", "principle_ids", "themes"):
            continue
        texts += [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
    return texts


def _language(draft: BaseModel, ctx: GenerationContext) -> list[Problem]:
    """The draft is in the programme's language (quoted goals and names do not count)."""
    text = " \n ".join(draft_texts(draft))
    for own in [*ctx.goals, *(p.name for p in ctx.juniors + ctx.seniors), ctx.topic or ""]:
        if own:
            text = text.replace(own, " ")
    found = guess_language(text)
    if found is None or found == ctx.language:
        return []
    name = {"de": ("Deutsch", "German"), "en": ("Englisch", "English")}
    de, en = name[ctx.language]
    return [
        _p(
            "language",
            f"written in {found}, not {ctx.language}",
            ctx.language,
            f"Der Text ist nicht auf {de} geschrieben. Schreibe alle Texte auf {de}; Ziele in einer "
            "anderen Sprache zitierst du als Worte des Tandems.",
            f"The text is not in {en}. Write every text in {en}; quote goals in another language as the "
            "pair's own words.",
        )
    ]


def _people(draft: BaseModel, ctx: GenerationContext) -> list[Problem]:
    """German text never defaults to the masculine for a person ("der Senior", "des Juniors")."""
    if ctx.language != "de":
        return []
    hits = sorted({m.group(0) for t in draft_texts(draft) for m in _MASCULINE_ROLE.finditer(t)})
    if not hits:
        return []
    names = ", ".join(p.name for p in ctx.juniors + ctx.seniors)
    use = f"die Namen ({names})" if names else "neutrale Formen"
    return [
        _p(
            "masculine",
            f"default masculine role nouns ({', '.join(hits[:3])})",
            "de",
            f"Vermeide das generische Maskulinum ({', '.join(f'„{h}“' for h in hits[:4])}): verwende {use}, "
            "die angegebenen Pronomen, „ihr“ oder Pluralformen.",
            "",
        )
    ]


def _both_sides(junior: list[str], senior: list[str], lang: str, what: str) -> list[Problem]:
    if junior and senior:
        return []
    side = "junior" if not junior else "senior"
    return [
        _p(
            "one_side",
            f"no {what} for the {side}",
            lang,
            f"Es fehlen Fragen für die {side.capitalize()}-Seite. Beide Seiten lernen: schreibe für beide.",
            f"There are no questions for the {side}. Both sides learn: write for both.",
        )
    ]


def goal_covered(goal: str, text_stems: set[str], lang: str) -> bool:
    """True when the text takes up ``goal`` (or its eye-level reframing): one of its distinctive words
    for a short goal, two for a goal of three or more, so a shared "Team" does not count as coverage."""
    generic = set(stems(_GENERIC[lang], lang))
    for variant in dict.fromkeys([goal, reframe(goal, lang) or goal]):
        own = {s for s in stems(variant, lang) if s not in generic}
        need = 1 if len(own) < 3 else 2
        if not own or len(own & text_stems) >= need:  # a goal of generic words only fits any plan
            return True
    return False


def check_agenda(draft: AgendaDraft, ctx: GenerationContext, knowledge: KnowledgeBase) -> list[Problem]:
    """Minutes, session pattern, language, lead shares, goal coverage and people-aware German."""
    lang, duration = ctx.language, ctx.duration_minutes
    items = [i for i in draft.items if clean_text(i.title)]
    if len(items) < 2:
        return [
            _p(
                "items",
                f"{len(items)} usable agenda items",
                lang,
                "Die Agenda braucht 4 bis 7 Punkte mit Titel.",
                "The agenda needs 4 to 7 items with a title.",
            )
        ]
    problems: list[Problem] = []
    total = sum(i.minutes for i in items)
    short = [i.title for i in items if i.minutes < MIN_MINUTES]
    if total != duration or short or len(items) > max_items(duration):
        problems.append(
            _p(
                "minutes",
                f"minutes add up to {total}, not {duration}",
                lang,
                f"Die Minuten der Punkte ergeben {total}, die Session dauert {duration} Minuten. Verteile "
                f"sie so, dass sie genau {duration} ergeben, jeder Punkt mindestens {MIN_MINUTES} Minuten.",
                f"The items' minutes add up to {total}, the session lasts {duration} minutes. Make them add "
                f"up to exactly {duration}, with at least {MIN_MINUTES} minutes per item.",
                repairable=True,
            )
        )
    problems += _pattern(items, ctx)
    problems += _leads(items, ctx)
    problems += _goals(draft, ctx)
    problems += _language(draft, ctx)
    problems += _people(draft, ctx)
    return problems


def _pattern(items: list[Any], ctx: GenerationContext) -> list[Problem]:
    lang = ctx.language
    if ctx.pattern_id == FIRST and not any(
        _GETTING_TO_KNOW.search(f"{i.title} {i.purpose}") for i in items[:2]
    ):
        return [
            _p(
                "first_session",
                "first session without a getting-to-know block",
                lang,
                "Das ist die erste Session des Tandems: Beginne mit einem Block, in dem beide einander "
                "kennenlernen (Werdegang, Beweggründe, was unter ihnen bleibt).",
                "This is the pair's first session: open with a block in which both get to know each "
                "other (background, motivation, what stays between them).",
            )
        ]
    if ctx.pattern_id == FINAL and not any(_RETROSPECTIVE.search(f"{i.title} {i.purpose}") for i in items):
        return [
            _p(
                "final_session",
                "final session without a retrospective",
                lang,
                "Das ist die letzte Session des Programms: Plane eine Retrospektive – einen Rückblick "
                "auf das ganze Programm, was beide mitnehmen und wie es weitergeht.",
                "This is the programme's final session: plan a retrospective – a look back on the whole "
                "programme, what each side takes away and what happens next.",
            )
        ]
    return []


def _leads(items: list[Any], ctx: GenerationContext) -> list[Problem]:
    lang = ctx.language
    problems = []
    if not any(i.lead in ("senior", "both") for i in items):
        problems.append(
            _p(
                "no_senior_part",
                "no item led or co-led by the senior",
                lang,
                "Dialog in beide Richtungen: Mindestens ein Punkt wird von der Senior-Seite geleitet oder "
                "gemeinsam geleitet (lead senior oder both), mit Kontext und Erfahrung.",
                "Dialogue both ways: at least one item is led or co-led by the senior (lead senior or "
                "both), sharing context and experience.",
            )
        )
    total = sum(max(i.minutes, 0) for i in items) or 1
    share = sum(i.minutes * (1.0 if i.lead == "junior" else 0.5 if i.lead == "both" else 0.0) for i in items)
    need = JUNIOR_SHARE["focus" if ctx.pattern_id in FOCUS_PATTERNS else "other"]
    if not any(i.lead == "junior" for i in items) or share / total < need:
        percent = round(100 * share / total)
        problems.append(
            _p(
                "junior_share",
                f"the junior leads {percent}% of the time",
                lang,
                f"Augenhöhe: Die Junior-Seite ist die Fachperson der Session, leitet aber nur {percent} % "
                f"der Zeit. Gib ihr mindestens einen eigenen Punkt (lead junior) und mindestens "
                f"{round(100 * need)} % der Zeit.",
                f"Eye level: the junior is the expert of the session but leads only {percent}% of the "
                f"time. Give them at least one item of their own (lead junior) and at least "
                f"{round(100 * need)}% of the time.",
            )
        )
    return problems


def _goals(draft: AgendaDraft, ctx: GenerationContext) -> list[Problem]:
    lang = ctx.language
    text_stems = set(stems(" ".join(draft_texts(draft)), lang))
    missing = [g for g in safe_goals(ctx.goals)[:5] if not goal_covered(g, text_stems, lang)]
    if not missing:
        return []
    quoted = "; ".join(f"„{g}“" if lang == "de" else f"“{g}”" for g in missing)
    return [
        _p(
            "goals",
            f"{len(missing)} goal(s) not covered",
            lang,
            f"Diese Ziele des Tandems kommen in keinem Punkt vor: {quoted}. Greife jedes Ziel in einem "
            "passenden Punkt auf oder nenne es im letzten Punkt ausdrücklich als Thema fürs nächste Mal.",
            f"These goals of the pair appear in no item: {quoted}. Take up each goal in a fitting item or "
            "name it in the last item as a topic for next time.",
        )
    ]


def check_preparation(
    draft: PreparationDraft, ctx: GenerationContext, knowledge: KnowledgeBase
) -> list[Problem]:
    """Questions for both sides, the programme's language, people-aware German."""
    junior = [q for q in draft.junior_questions if clean_text(q)]
    senior = [q for q in draft.senior_questions if clean_text(q)]
    return (
        _both_sides(junior, senior, ctx.language, "questions") + _language(draft, ctx) + _people(draft, ctx)
    )


def check_reflection_prompts(
    draft: ReflectionPromptsDraft, ctx: GenerationContext, knowledge: KnowledgeBase
) -> list[Problem]:
    """Prompts for both sides, the programme's language, people-aware German."""
    junior = [q for q in draft.junior_prompts if clean_text(q)]
    senior = [q for q in draft.senior_prompts if clean_text(q)]
    return _both_sides(junior, senior, ctx.language, "prompts") + _language(draft, ctx) + _people(draft, ctx)


def check_summary(draft: SummaryDraft, ctx: GenerationContext, knowledge: KnowledgeBase) -> list[Problem]:
    """The summary is in the programme's language, people-aware, and says only what was said: each
    learning, next step and follow-up comes from a shared answer in its slot."""
    from companion.generation.summary_checks import untraceable_lines

    lines = untraceable_lines(draft, ctx)
    faithful = (
        [
            _p(
                "unfaithful",
                f"{len(lines)} line(s) not found in the reflections' matching answers",
                ctx.language,
                "Diese Zeilen stehen so in keiner passenden Antwort der Reflexionen: "
                + "; ".join(f"{field} „{line}“" for field, line in lines[:4])
                + ". Übernimm Lernpunkte, nächste Schritte und Themen für später nur aus den Antworten im "
                "passenden Feld, als ganze Sätze (zitiert oder eng umschrieben); lass weg, was niemand gesagt hat.",
                "These lines appear in no matching answer of the reflections: "
                + "; ".join(f"{field} “{line}”" for field, line in lines[:4])
                + ". Take learnings, next steps and later topics only from the answers in the matching slot, "
                "as whole sentences (quoted or closely paraphrased); leave out what nobody said.",
            )
        ]
        if lines
        else []
    )
    return _language(draft, ctx) + _people(draft, ctx) + faithful


CHECKS: dict[str, Callable[[Any, GenerationContext, KnowledgeBase], list[Problem]]] = {
    "agenda": check_agenda,
    "preparation": check_preparation,
    "reflection-prompts": check_reflection_prompts,
    "summary": check_summary,
}


def summarise(problems: Iterable[Problem]) -> str:
    """A short English reason for logs and ``generated_by``."""
    return "; ".join(p.summary for p in problems)
