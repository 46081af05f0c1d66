"""Checks for reflection summaries: learnings for both sides, themes from consent, nothing invented,
every quote a whole sentence from the right slot, nothing indiscreet.

"Nothing invented" is measured with content words: every learning, next step and follow-up topic must
be anchored in what the reflections (or the session's topic and goals) say, and the summary paragraph
may add only meta words ("the junior side highlights ..."). A number the reflections never mention is
an invented fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.generation.discretion import fold, is_confidential
from companion.generation.filing import filed_reflections
from companion.generation.reflection_slots import to_slots
from companion.generation.schemas import ReflectionSummary
from companion.generation.sentences import is_whole, split_sentences
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
    """Learnings for each side that shared what it learned (or what surprised it), and none made up
    for a side that did not."""

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if not isinstance(out, ReflectionSummary):
            return None
        wrote = {
            f.role
            for f in filed_reflections(unit.context)
            if f.slots.get("learned") or f.slots.get("surprised")
        }
        problems = []
        for side in ("junior", "senior"):
            learnings = getattr(out, f"{side}_learnings")
            if side in wrote and not learnings:
                problems.append(
                    f"no learnings for the {side} side, although the {side} wrote what they learned"
                )
            if side not in wrote and learnings:
                problems.append(f"{len(learnings)} learning(s) for the {side} side, who wrote no reflection")
        return problems


@dataclass(repr=False)
class SummaryThemes(PrincipleEvaluator):
    """Themes are topic ids of the taxonomy, each the session's topic card or ticked by a participant
    (never guessed from words), and include an expected theme."""

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
        ticked = {t for r in unit.context.reflections for t in r.themes}
        topic = self.topic_card(unit)
        for theme in out.themes:
            if theme not in taxonomy or (topic is not None and theme == topic.id):
                continue
            if theme not in ticked:
                problems.append(f"theme {theme} was not ticked by a participant (only ticked themes count)")
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
        # The pair's own names say who, not what ("Lea nimmt mit: …"): never an invented fact.
        extra += [p.name for p in [*ctx.juniors, *ctx.seniors]]
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


_QUOTE = re.compile(r"[„“\"]([^„“”\"]{3,})[“”\"]")


def _stem_set(text: str) -> set[str]:
    return {stem(w) for w in _content(text)}


def _traceable(line: str, sources: list[str]) -> bool:
    """``line`` is one of ``sources`` or a close paraphrase of one of them (content stems)."""
    if line in sources:
        return True
    wanted = _stem_set(line)
    return bool(wanted) and any(len(wanted & _stem_set(s)) / len(wanted) >= 0.6 for s in sources)


@dataclass(repr=False)
class SummaryWholeSentences(PrincipleEvaluator):
    """Faithful by slot: every learning comes from a learned/surprised answer of its side, every next
    step from a next-step answer, every follow-up from a for-later answer, and every quote in the
    summary paragraph is a whole sentence someone wrote (no "Frau Dr." or "bis zum 3." cut off)."""

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if not isinstance(out, ReflectionSummary):
            return None
        filed = filed_reflections(unit.context)

        def slot_sentences(slots: tuple[str, ...], side: str | None = None) -> list[str]:
            return [
                s for f in filed if side in (None, f.role) for slot in slots for s in f.slots.get(slot, [])
            ]

        problems = []
        checks = [
            ("junior learning", out.junior_learnings, slot_sentences(("learned", "surprised"), "junior")),
            ("senior learning", out.senior_learnings, slot_sentences(("learned", "surprised"), "senior")),
            ("next step", out.next_steps, slot_sentences(("next_step",))),
            ("follow-up topic", out.follow_up_topics, slot_sentences(("for_later",))),
        ]
        for label, lines, sources in checks:
            for line in lines:
                if not is_whole(line):
                    problems.append(f"{label} {line[:60]!r} is a cut sentence")
                elif not _traceable(line, sources):
                    problems.append(f"{label} {line[:60]!r} does not come from an answer in that slot")
        everything = slot_sentences(
            ("learned", "surprised", "contributed", "next_step", "for_later", "about_the_session", "general")
        )
        for quoted in _QUOTE.findall(out.summary):
            quoted = quoted.strip()
            topic = self.topic_card(unit)
            if topic is not None and quoted == topic.title:
                continue
            if not is_whole(quoted) or quoted not in everything:
                problems.append(f"summary quotes {quoted[:60]!r}, which is not a whole sentence of an answer")
        return problems


@dataclass(repr=False)
class SummaryDiscreet(PrincipleEvaluator):
    """Nothing indiscreet: no sentence its author marked confidential, nothing of the private note, no
    name of a person outside the pair (the case lists them; confidential sentences are also found in
    the answers by their markers)."""

    def check(self, unit: Unit) -> list[str] | None:
        out = unit.output
        if not isinstance(out, ReflectionSummary):
            return None
        lines = [
            out.summary,
            *out.junior_learnings,
            *out.senior_learnings,
            *out.next_steps,
            *out.follow_up_topics,
        ]
        lines += [s for sec in out.sections for s in sec.sentences]
        text = fold(" ".join(lines))
        problems = []
        secret: list[str] = []
        for r in unit.context.reflections:
            slots = to_slots(dict(r.answers))
            secret += split_sentences(slots.get("private_note", ""), unit.lang)
            for slot, answer in slots.items():
                if slot != "private_note":
                    secret += [s for s in split_sentences(answer, unit.lang) if is_confidential(s)]
        for sentence in secret:
            stems = _stem_set(sentence)
            for line in lines:
                if stems and len(stems & _stem_set(line)) / len(stems) >= 0.6:
                    problems.append(
                        f"confidential or private sentence reached the summary: {sentence[:60]!r}"
                    )
                    break
        for fragment in unit.meta.confidential:
            if fold(fragment) in text:
                problems.append(f"confidential remark {fragment!r} reached the summary")
        for name in unit.meta.third_parties:
            for part in name.split():
                if len(part) >= 3 and re.search(rf"(?<!\w){re.escape(fold(part))}", text):
                    problems.append(f"{part!r}, a person outside the pair, is named")
        return problems
