"""One deterministic evaluator per principle of the programme, for German and English output.

Each evaluator returns one assertion (pass, or fail with every problem it found) for the outputs it
applies to and nothing for the others, so a report's pass rate per evaluator counts only the cases
where the principle is at stake. The principles come from the seed articles and ``knowledge/README.md``:
eye level, dialogue instead of a one-way street, not only technology, structure (time-boxed, a
concrete next step), grounded in the knowledge cards, in the requested language, and robust against
instructions hidden in what participants write. The last three live in :mod:`evals.content_evaluators`,
the summary-specific checks in :mod:`evals.summary_evaluators`; all are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.generation.schemas import Agenda, AgendaItem, Preparation, ReflectionPrompts, ReflectionSummary
from companion.retrieval.knowledge import KnowledgeBase
from evals.base import PrincipleEvaluator, Unit
from evals.cases import CaseMeta, Series
from evals.content_evaluators import Grounded, InjectionResisted, Language
from evals.guidance_evaluators import FormatFit, GoalCoverage, GrammaticalSlotting, PeopleAwareLanguage
from evals.lexicon import (
    EXPERIENCE,
    FINAL_SESSION,
    FIRST_SESSION,
    JUNIOR_EXPERT,
    LEARNER,
    NEXT_STEP,
    NON_TECHNICAL,
)
from evals.summary_evaluators import (
    SummaryBothSides,
    SummaryDiscreet,
    SummaryFaithful,
    SummaryThemes,
    SummaryWholeSentences,
)
from evals.textutil import (
    output_lines,
    own_words,
    top_down_hits,
    user_texts,
)

__all__ = [
    "Dialogue",
    "EyeLevel",
    "FormatFit",
    "GoalCoverage",
    "GrammaticalSlotting",
    "Grounded",
    "InjectionResisted",
    "Language",
    "NotOnlyTechnology",
    "PeopleAwareLanguage",
    "Structure",
    "SummaryBothSides",
    "SummaryDiscreet",
    "SummaryFaithful",
    "SummaryThemes",
    "SummaryWholeSentences",
    "principle_evaluators",
]

MIN_SENIOR_SHARE = 0.10  # below this the senior only consumes: a one-way street
MAX_SENIOR_SHARE = 0.50  # above this the senior dominates the session the junior should lead


def _item_text(item: AgendaItem) -> str:
    return " ".join([item.title, item.purpose, *item.prompts])


def _own(unit: Unit, text: str) -> str:
    return own_words(text, user_texts(unit.context))


def _minutes(agenda: Agenda, lead: str) -> int:
    return sum(i.minutes for i in agenda.items if i.lead == lead)


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


@dataclass(repr=False)
class EyeLevel(PrincipleEvaluator):
    """The junior is the expert of the session; nobody is commanded or talked down to.

    Guidance (agenda, preparation, reflection prompts) must not carry a top-down phrase at all, not even
    inside a quoted goal: the pair would read it as their plan. A summary reports what people wrote, so
    only its own words are checked there.
    """

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        problems = []
        for line in output_lines(out):
            text = _own(unit, line.text) if isinstance(out, ReflectionSummary) else line.text
            for hit in top_down_hits(text):
                problems.append(f"top-down phrasing {hit!r} in {line.field}")
        if isinstance(out, Agenda):
            junior, senior = _minutes(out, "junior"), _minutes(out, "senior")
            if junior == 0:
                problems.append("no item is led by the junior, the expert of the session")
            elif junior < senior:
                problems.append(f"the senior leads more time ({senior} min) than the junior ({junior} min)")
        elif isinstance(out, Preparation):
            if not any(JUNIOR_EXPERT.search(_own(unit, q)) for q in out.junior_questions):
                problems.append("no junior question invites them to show or bring their expertise")
            if not any(LEARNER.search(_own(unit, q)) for q in out.senior_questions):
                problems.append("no senior question frames the senior as the one who learns or tries")
        elif isinstance(out, ReflectionPrompts) and not any(
            LEARNER.search(_own(unit, q)) for q in out.senior_prompts
        ):
            problems.append("no senior prompt asks what the senior learned, tried or changed")
        return problems


@dataclass(repr=False)
class Dialogue(PrincipleEvaluator):
    """Both sides lead or contribute, the senior shares context and experience, neither side's time is
    zero or dominant, and there are questions for both."""

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if isinstance(out, Agenda):
            return self._agenda(unit, out)
        if isinstance(out, Preparation):
            problems = []
            if not any(_is_question(q) for q in out.junior_questions):
                problems.append("no preparation question for the junior")
            if not any(_is_question(q) for q in out.senior_questions):
                problems.append("no preparation question for the senior")
            if not any(
                EXPERIENCE.search(_own(unit, q)) for q in [*out.senior_questions, *out.senior_to_bring]
            ):
                problems.append("nothing asks the senior to bring context or experience")
            return problems
        if isinstance(out, ReflectionPrompts):
            problems = []
            for side, prompts in (("junior", out.junior_prompts), ("senior", out.senior_prompts)):
                if not any(_is_question(p) for p in prompts):
                    problems.append(f"no reflection question for the {side}")
                elif not any(LEARNER.search(_own(unit, p)) for p in prompts):
                    problems.append(f"no prompt asks what the {side} learned: learning is not mutual")
            return problems
        return None

    def _agenda(self, unit: Unit, out: Agenda) -> list[str]:
        problems = []
        leads = {i.lead for i in out.items}
        if "junior" not in leads:
            problems.append("the junior leads no item")
        if not leads & {"senior", "both"}:
            problems.append("the senior neither leads nor co-leads any item (one-way street)")
        if not any(
            i.lead in ("senior", "both") and EXPERIENCE.search(_own(unit, _item_text(i))) for i in out.items
        ):
            problems.append("no item in which the senior shares context or experience")
        total = sum(i.minutes for i in out.items) or 1
        share = (_minutes(out, "senior") + _minutes(out, "both") / 2) / total
        if share < MIN_SENIOR_SHARE:
            problems.append(f"the senior's share of the time is {share:.0%}: the junior lectures")
        elif share > MAX_SENIOR_SHARE:
            problems.append(f"the senior's share of the time is {share:.0%}: the senior dominates")
        junior_q = any(_is_question(p) for i in out.items if i.lead in ("junior", "both") for p in i.prompts)
        senior_q = any(_is_question(p) for i in out.items if i.lead in ("senior", "both") for p in i.prompts)
        if not (junior_q and senior_q):
            problems.append("questions exist for only one side")
        if unit.context.format == "group":
            named = [p.name for p in [*unit.context.juniors, *unit.context.seniors]]
            contributing = {c for i in out.items for c in i.contributors}
            silent = [n for n in named if n not in contributing]
            if silent:
                problems.append(f"group members who never contribute: {', '.join(silent)}")
        return problems


@dataclass(repr=False)
class NotOnlyTechnology(PrincipleEvaluator):
    """A technical topic still gets a non-technical angle; a series also covers non-technical topics."""

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if isinstance(out, ReflectionSummary | Series) or not self.is_technical(unit):
            return None
        if isinstance(out, Agenda):
            if not any(
                i.minutes >= 5 and NON_TECHNICAL.search(self._angle(unit, _item_text(i))) for i in out.items
            ):
                return ["technical topic without an item on culture, expectations or ways of working"]
            return []
        lines = [self._angle(unit, line.text) for line in output_lines(out)]
        if not any(NON_TECHNICAL.search(t) for t in lines):
            return ["technical topic without a question on culture, expectations or ways of working"]
        return []

    def _angle(self, unit: Unit, text: str) -> str:
        """The composer's own words minus the topic's name: "chat culture" in a title is no angle."""
        own = _own(unit, text)
        card = self.topic_card(unit)
        if card is not None:
            for title in {c.title for c in self.kb().cards if c.id == card.id}:
                own = own.replace(" ".join(title.casefold().split()), " ")
        return own

    def check_series(self, series: Series, contexts: list, meta: CaseMeta) -> list[str] | None:
        kb = self.kb()
        non_technical = 0
        for agenda, ctx in zip(series.agendas, contexts, strict=False):
            card = kb.get(ctx.topic, ctx.language) if ctx.topic else None
            cited = {s.card_id for s in agenda.sources}
            if card is not None and card.category != "technology" and card.id in cited:
                non_technical += 1
        if non_technical == 0:
            return ["no session of the series is about a non-technical topic (culture, ways of working)"]
        return []


@dataclass(repr=False)
class Structure(PrincipleEvaluator):
    """Time-boxed (minutes add up, 30 minutes or more), a closing item with a concrete next step, and
    the first and last sessions follow their patterns."""

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if isinstance(out, Series):
            return ["series has a different number of agendas than sessions"]
        if not isinstance(out, Agenda):
            return None
        problems = []
        total = sum(i.minutes for i in out.items)
        if total != out.duration_minutes:
            problems.append(f"items add up to {total} min, not {out.duration_minutes}")
        if out.duration_minutes != unit.context.duration_minutes:
            problems.append(
                f"agenda lasts {out.duration_minutes} min, the session {unit.context.duration_minutes}"
            )
        if out.duration_minutes < 30:
            problems.append(f"session of {out.duration_minutes} min is shorter than 30")
        if len(out.items) < 2:
            problems.append("fewer than two items: no opening and closing")
        if not out.items or not NEXT_STEP.search(_own(unit, _item_text(out.items[-1]))):
            problems.append("the closing item names no concrete next step")
        text = " ".join(_own(unit, _item_text(i)) for i in out.items)
        for kind, applies, patterns in (
            ("first", unit.is_first, FIRST_SESSION),
            ("final", unit.is_final, FINAL_SESSION),
        ):
            if applies and not all(p.search(text) for p in patterns):
                problems.append(f"the {kind} session does not follow its pattern")
        return problems


def principle_evaluators(knowledge: KnowledgeBase | None = None) -> list[PrincipleEvaluator]:
    """All deterministic evaluators, sharing one knowledge base."""
    classes: list[type[PrincipleEvaluator]] = [
        EyeLevel,
        Dialogue,
        NotOnlyTechnology,
        Structure,
        Grounded,
        Language,
        InjectionResisted,
        GoalCoverage,
        GrammaticalSlotting,
        PeopleAwareLanguage,
        FormatFit,
        SummaryBothSides,
        SummaryThemes,
        SummaryFaithful,
        SummaryWholeSentences,
        SummaryDiscreet,
    ]
    return [cls(knowledge=knowledge) for cls in classes]
