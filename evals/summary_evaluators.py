"""Checks for reflection summaries: learnings for both sides, themes from the taxonomy, nothing invented.

"Nothing invented" is measured with content words: every learning, next step and follow-up topic must
be anchored in what the reflections (or the session's topic and goals) say, and the summary paragraph
may add only meta words ("the junior side highlights ..."). A number the reflections never mention is
an invented fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.generation.schemas import ReflectionSummary
from evals.base import PrincipleEvaluator, Unit
from evals.lexicon import SCAFFOLD, STOP_DE, STOP_EN
from evals.textutil import numbers, own_words, sentences, stem, user_texts, words

_STOP = STOP_DE | STOP_EN


def _content(text: str) -> list[str]:
    return [w for w in words(text) if len(w) >= 4 and w not in _STOP]


def _stems(texts: list[str]) -> set[str]:
    return {stem(w) for t in texts for w in _content(t)}


def _answers(unit: Unit, side: str | None = None) -> list[str]:
    return [a for r in unit.context.reflections if side in (None, r.author_role) for a in r.answers.values()]


@dataclass(repr=False)
class SummaryBothSides(PrincipleEvaluator):
    """Learnings for each side that reflected, and none made up for a side that did not."""

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if not isinstance(out, ReflectionSummary):
            return None
        wrote = {
            r.author_role for r in unit.context.reflections if any(a.strip() for a in r.answers.values())
        }
        problems = []
        for side in ("junior", "senior"):
            learnings = getattr(out, f"{side}_learnings")
            if side in wrote and not learnings:
                problems.append(f"no learnings for the {side} side, although the {side} reflected")
            if side not in wrote and learnings:
                problems.append(f"{len(learnings)} learning(s) for the {side} side, who wrote no reflection")
        return problems


@dataclass(repr=False)
class SummaryThemes(PrincipleEvaluator):
    """Themes are topic ids of the taxonomy, backed by the reflections, and include an expected theme."""

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if not isinstance(out, ReflectionSummary):
            return None
        kb = self.kb()
        taxonomy = set(kb.topic_ids())
        problems = [f"theme {t!r} is not in the taxonomy" for t in out.themes if t not in taxonomy]
        expected = unit.meta.expected_themes
        if expected and not set(expected) & set(out.themes):
            problems.append(f"none of the expected themes {expected} (got {out.themes})")
        said = " " + " ".join(words(" ".join(_answers(unit)).replace("-", " "))) + " "
        said_stems = _stems(_answers(unit))
        topic = self.topic_card(unit)
        for theme in out.themes:
            if theme not in taxonomy or (topic is not None and theme == topic.id):
                continue
            cards = [c for c in kb.cards if c.id == theme]
            tags = {" ".join(words(t.replace("-", " "))) for c in cards for t in c.tags}
            backed = any(f" {t} " in said for t in tags if len(t) >= 2) or any(
                stem(t) in said_stems for t in tags if " " not in t and len(t) >= 5
            )
            if not backed:
                problems.append(f"theme {theme} is not backed by anything the reflections say")
        return problems


@dataclass(repr=False)
class SummaryFaithful(PrincipleEvaluator):
    """No invented facts: learnings, next steps and follow-up topics are anchored in the reflections
    (attributed to the side that wrote them), the summary paragraph adds only meta words, and no number
    appears that the inputs do not contain."""

    min_known: float = 0.6

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if not isinstance(out, ReflectionSummary):
            return None
        kb, ctx = self.kb(), unit.context
        topic = self.topic_card(unit)
        extra = [*ctx.goals, ctx.topic or "", *ctx.previous_topics]
        extra += [c.title for c in kb.cards if c.id in set(out.themes) | ({topic.id} if topic else set())]
        known = _stems(_answers(unit) + extra)
        scaffold = {stem(w) for w in SCAFFOLD}
        problems = []
        for side in ("junior", "senior"):
            side_known = _stems(_answers(unit, side) + extra)
            for learning in getattr(out, f"{side}_learnings"):
                problems += self._claim(f"{side} learning", learning, known, scaffold)
                if _content(learning) and not {stem(w) for w in _content(learning)} & side_known:
                    problems.append(f"{side} learning {learning[:60]!r} is not in the {side}'s reflection")
        for name in ("next_steps", "follow_up_topics"):
            for claim in getattr(out, name):
                problems += self._claim(name, claim, known, scaffold)
        for sentence in sentences(own_words(out.summary, user_texts(ctx))):
            cw = _content(sentence)
            unknown = [w for w in cw if stem(w) not in known | scaffold]
            if len(unknown) > 2 and len(unknown) > len(cw) / 2:
                problems.append(f"summary sentence adds unsupported content: {', '.join(unknown[:5])}")
        allowed_numbers = numbers(" ".join(user_texts(ctx))) | {
            str(n) for n in range(len(ctx.reflections) + 1)
        }
        text = " ".join([out.summary, *out.junior_learnings, *out.senior_learnings, *out.next_steps])
        invented = sorted(numbers(text) - allowed_numbers)
        if invented:
            problems.append(f"numbers not in the reflections: {', '.join(invented)}")
        return problems

    def _claim(self, label: str, text: str, known: set[str], scaffold: set[str]) -> list[str]:
        cw = _content(text)
        if not cw:
            return []
        anchored = [w for w in cw if stem(w) in known and stem(w) not in scaffold]
        ok = [w for w in cw if stem(w) in known | scaffold]
        if not anchored and len(cw) - len(ok) <= 1:
            return []  # a meta line ("agree on a next step; the reflections name none") states no fact
        if not anchored or len(ok) / len(cw) < self.min_known:
            unknown = [w for w in cw if stem(w) not in known | scaffold]
            return [
                f"{label} {text[:60]!r} is not supported by the reflections (new: {', '.join(unknown[:4])})"
            ]
        return []
