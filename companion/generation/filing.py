"""Reflections filed for a summary: per slot, only what the partner may see, whole sentences, no
injection attempts (see :mod:`companion.generation.summarise` for how the summary uses them)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from companion.generation.discretion import People, SharedSentence, shared_view
from companion.generation.reflection_slots import COMPOSER_CHARS_PER_REFLECTION, MAX_QUOTE_CHARS, to_slots
from companion.generation.safety import clean_text, is_shout, looks_like_instruction, targets_output
from companion.generation.schemas import GenerationContext, ReflectionInput
from companion.generation.sentences import split_sentences


def _injected(sentence: str) -> bool:
    return looks_like_instruction(sentence) or targets_output(sentence)


def sentences(text: str, lang: str = "de") -> list[str]:
    """Cleaned whole sentences of an answer; an answer with an injection attempt keeps only the
    sentences before the attempt (without marker tokens), an answer that is one keeps nothing."""
    parts = [clean_text(p, MAX_QUOTE_CHARS) for p in split_sentences(text, lang)]
    parts = [p for p in parts if len(p) >= 3]
    start = next((i for i, p in enumerate(parts) if _injected(p)), None)
    if start is None:
        return [] if looks_like_instruction(text) else parts
    return [p for p in parts[:start] if not is_shout(p)]


@dataclass
class Filed:
    """One reflection after discretion and injection filtering: shared sentences per slot."""

    role: str
    author: str | None = None
    slots: dict[str, list[str]] = field(default_factory=dict)
    ticked: list[str] = field(default_factory=list)
    truncated: bool = False


# A short sentence that points back ("Das war mir neu.", "That surprised me.") only means something
# after the sentence before it: in a list it stays with that sentence instead of standing alone.
_POINTS_BACK = re.compile(
    r"^(das|dies(es|e)?|daran|darüber|damit|dabei|deshalb|deswegen|dadurch|that|this|which)\b", re.IGNORECASE
)


def _clean_slot(view: list[SharedSentence]) -> list[str]:
    """Visible sentences of one slot, cut off at an injection attempt (like :func:`sentences`); a
    short sentence that points back joins the visible sentence right before it."""
    texts: list[str] = []
    previous: int | None = None  # index of the last sentence kept, if it was visible
    for s in view:
        text = clean_text(s.text, MAX_QUOTE_CHARS)
        if s.hidden is not None or len(text) < 3:
            previous = None
            continue
        joined = f"{texts[-1]} {text}" if texts else text
        if (
            previous == s.index - 1
            and _POINTS_BACK.match(text)
            and len(text.split()) <= 12
            and len(joined) <= MAX_QUOTE_CHARS
            and not _injected(text)
        ):
            texts[-1] = joined
        else:
            texts.append(text)
        previous = s.index
    start = next((i for i, t in enumerate(texts) if _injected(t)), None)
    return texts if start is None else [t for t in texts[:start] if not is_shout(t)]


def file_reflection(reflection: ReflectionInput, lang: str, people: People) -> Filed:
    """What of ``reflection`` may be shared, per slot, within the composers' length budget."""
    answers = {q: a for q, a in reflection.answers.items() if not _injected(q)}
    view = shared_view(to_slots(answers), lang, people)
    filed = Filed(
        reflection.author_role,
        author=reflection.author,
        ticked=list(reflection.themes),
        truncated=reflection.truncated,
    )
    used = 0
    for slot in dict.fromkeys(s.slot for s in view):
        kept = []
        for text in _clean_slot([s for s in view if s.slot == slot]):
            if used + len(text) > COMPOSER_CHARS_PER_REFLECTION:
                filed.truncated = True
                continue
            used += len(text) + 1
            kept.append(text)
        if kept:
            filed.slots[slot] = kept
    return filed


def filed_reflections(ctx: GenerationContext) -> list[Filed]:
    """Every reflection of ``ctx`` filed by slot (the pair's members may be named, nobody else)."""
    people = People(members=tuple(p.name for p in [*ctx.juniors, *ctx.seniors]))
    return [file_reflection(r, ctx.language, people) for r in ctx.reflections]
