"""Evaluators for guidance shaped by the pair (issue 10): goals, grammar, people and format.

Per output (pydantic-evals evaluators, in :func:`evals.evaluators.principle_evaluators`):

- :class:`GoalCoverage`: every goal the pair wrote is taken up by some agenda item (an activity for
  it, or named for a later session) — never silently dropped;
- :class:`GrammaticalSlotting`: a quoted goal or topic is never pasted into a verb or noun slot of a
  sentence ("zu eurem Ziel „X“ verstehen", "Euer Ziel „Klima“", "Was bedeutet „…“ für …");
- :class:`PeopleAwareLanguage`: German without a default masculine for a person (:mod:`evals.gendered`:
  "der Senior … seine", "des Juniors"), English without role nouns for named people, and no pronoun
  that contradicts the one a person gave;
- :class:`FormatFit`: peer sessions are two-way (both sides lead a part), groups name their juniors,
  one-to-one sessions list no contributors, and the junior's part is at least a third of the time.

Across a suite (:func:`stock_phrase_problems`, :func:`goal_sensitivity_problems`): lines that recur in
many cases once quotes and names are blanked, and agendas that barely change when only the goals do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from companion.generation.schemas import Agenda, GenerationContext, Preparation
from evals.base import PrincipleEvaluator, Unit
from evals.gendered import masculine_hits
from evals.guidance_metrics import (
    agenda_text,
    blank_quotes,
    goal_reflected,
    names_of,
    normalised_lines,
    recurring_share,
    similarity,
)
from evals.textutil import injection_hits, output_lines, top_down_hits

__all__ = [
    "MAX_GOAL_SIMILARITY",
    "MAX_STOCK_SHARE",
    "FormatFit",
    "GoalCoverage",
    "GrammaticalSlotting",
    "PeopleAwareLanguage",
    "goal_sensitivity_problems",
    "stock_phrase_problems",
]

MAX_GOALS = 5  # goals beyond the fifth are not expected in one agenda
MAX_STOCK_SHARE = 0.15  # share of lines that may recur in >= STOCK_CASES cases of a suite
STOCK_CASES = 5
MAX_GOAL_SIMILARITY = 0.85  # two agendas differing only in goals must differ more than this

_Q = r"(?:„[^“”]*[“”]|“[^”]*”)"
# A quotation glued to a noun ("Euer Ziel „Klima“", "your goal “…”") or followed by a verb slot
# ("„X“ verstehen oder ausprobieren?", "“X” understand"), or "What does “…” mean".
_SLOTS = [
    re.compile(rf"\b(?:ziel|zielen|goal)\s+{_Q}", re.IGNORECASE),
    re.compile(
        rf"{_Q}\s+(?:\w+\s+){{0,2}}(?:verstehen|ausprobieren|lernen|erreichen|umsetzen|bedeuten|"
        r"understand|try|learn|achieve|mean)\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:was\s+bedeutet|what\s+does)\s+{_Q}", re.IGNORECASE),
]
_ROLE_NOUN = {
    "en": re.compile(r"\b(?:the|your)\s+(?P<role>junior|senior)(?:'s)?\b(?![-:]|\s+side)", re.IGNORECASE),
}
_MASC = {"de": re.compile(r"\b(?:er|ihm|ihn|sein|seine[mnrs]?)\b"), "en": re.compile(r"\b(?:he|him|his)\b")}
_FEM = {"de": re.compile(r"\b(?:sie|ihr|ihre[mnrs]?)\b"), "en": re.compile(r"\b(?:she|her|hers)\b")}
_TEACH = re.compile(
    r"zeig|weitergeb|erklärt|bringt\s+\w+\s+bei|teach|shows|passes\s+on|explains", re.IGNORECASE
)


def _is_checkin(ctx: GenerationContext) -> bool:
    total = ctx.total_sessions
    return total is not None and total >= 3 and ctx.session_number == -(-total // 2)


def _goals(ctx: GenerationContext) -> list[str]:
    """The goals a composer must take up: the first five, without injected instructions and without
    top-down phrasings (which a composer reframes or leaves out)."""
    return [g for g in ctx.goals[:MAX_GOALS] if g.strip() and not injection_hits(g) and not top_down_hits(g)]


@dataclass(repr=False)
class GoalCoverage(PrincipleEvaluator):
    """Every goal is reflected in some agenda item (as an activity, or named for a later session)."""

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if not isinstance(out, Agenda) or not _goals(unit.context):
            return None
        return [
            f"goal {g!r} is not taken up by any item"
            for g in _goals(unit.context)
            if not goal_reflected(g, out)
        ]


@dataclass(repr=False)
class GrammaticalSlotting(PrincipleEvaluator):
    """Goals and topics appear as labelled lines or quotations, never in a sentence's verb or noun slot."""

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if not isinstance(out, Agenda | Preparation):
            return None
        problems = []
        for line in output_lines(out):
            for pattern in _SLOTS:
                if m := pattern.search(line.text):
                    problems.append(f"quotation in a sentence slot in {line.field}: {m.group(0)!r}")
                    break
        return problems


@dataclass(repr=False)
class PeopleAwareLanguage(PrincipleEvaluator):
    """Names instead of role nouns when names are known; no pronoun against the one a person gave."""

    def check(self, unit: Unit) -> list[str] | None:
        out, ctx = unit.output, unit.context
        if not isinstance(out, Agenda | Preparation) or not (ctx.juniors or ctx.seniors):
            return None
        problems = []
        lang = unit.lang
        for line in output_lines(out):
            text = blank_quotes(line.text)
            if lang == "de":
                # One German rule for cards and output (evals.gendered): "der Senior", "des Juniors",
                # "einem Kollegen", and "seine" in such a sentence; "der Juniors" is a neutral plural.
                hits = [h.text for h in masculine_hits(text)]
                if hits:
                    problems.append(f"default masculine {', '.join(map(repr, hits[:3]))} in {line.field}")
                continue
            for m in _ROLE_NOUN[lang].finditer(text):
                side = ctx.juniors if m.group("role").casefold() == "junior" else ctx.seniors
                # A side without (usable) names may be called by its role: a name carrying an
                # instruction is rightly never repeated.
                if any(not injection_hits(p.name) for p in side):
                    problems.append(f"role noun {m.group(0)!r} for a named person in {line.field}")
                    break
        for person in [*ctx.juniors, *ctx.seniors]:
            given = (person.pronouns or "").casefold()
            wrong = _MASC if given.startswith(("sie", "she", "they", "keine", "none")) else None
            if given.startswith(("er/", "er ", "he")) or given in ("er", "he"):
                wrong = _FEM
            if wrong is None:
                continue
            for line in output_lines(out):
                for sentence in re.split(r"(?<=[.!?;])\s+", blank_quotes(line.text)):
                    hit = wrong[lang].search(sentence.replace(person.name, ""))
                    if person.name in sentence and hit is not None:
                        problems.append(
                            f"pronoun {hit.group(0)!r} next to {person.name} ({person.pronouns}) in {line.field}"
                        )
        return problems


@dataclass(repr=False)
class FormatFit(PrincipleEvaluator):
    """Peer sessions are two-way, groups name their juniors, the junior's part is a third or more."""

    def check(self, unit: Unit) -> list[str] | None:
        out, ctx = unit.output, unit.context
        if not isinstance(out, Agenda):
            return None
        problems = []
        leads = {i.lead for i in out.items}
        if ctx.format == "peer":
            if not {"junior", "senior"} <= leads:
                problems.append("peer session where not both sides lead a part")
            elif not any(i.lead == "senior" and _TEACH.search(f"{i.title} {i.purpose}") for i in out.items):
                problems.append("peer session in which the senior never teaches")
        if ctx.format == "group":
            named = {p.name for p in ctx.juniors}
            shown = {c for i in out.items if i.lead in ("junior", "both") for c in i.contributors}
            if named - shown:
                problems.append(
                    f"group juniors never named in a junior part: {', '.join(sorted(named - shown))}"
                )
        elif any(i.contributors for i in out.items):
            problems.append(f"contributors listed in a {ctx.format} session")
        junior = sum(i.minutes for i in out.items if i.lead == "junior")
        # The junior's core part: sessions about a topic (first, check-in and final sessions are about
        # the pair and share their time differently).
        if not (unit.is_first or unit.is_final or _is_checkin(ctx)) and junior * 3 < out.duration_minutes:
            problems.append(f"the junior leads {junior} of {out.duration_minutes} min, under a third")
        if out.duration_minutes <= 30 and len(out.items) > 5:
            problems.append(f"{len(out.items)} items in 30 minutes: too many short blocks")
        return problems


def stock_phrase_problems(cases: Sequence[tuple[GenerationContext, Agenda]]) -> list[str]:
    """Lines that recur in :data:`STOCK_CASES` or more agendas of a suite (quotes and names blanked),
    as a problem when their share exceeds :data:`MAX_STOCK_SHARE`."""
    lines = [normalised_lines(agenda, names_of(ctx)) for ctx, agenda in cases]
    share, stock = recurring_share(lines, STOCK_CASES)
    if share <= MAX_STOCK_SHARE:
        return []
    return [f"{share:.0%} of lines recur in >= {STOCK_CASES} cases, e.g. {stock[0]!r}"]


def goal_sensitivity_problems(pairs: Sequence[tuple[str, Agenda, Agenda]]) -> list[str]:
    """Agendas for the same session with different goals that are nearly the same text."""
    return [
        f"{name}: agendas for different goals are {ratio:.0%} alike"
        for name, a, b in pairs
        if (ratio := similarity(agenda_text(a), agenda_text(b))) > MAX_GOAL_SIMILARITY
    ]
