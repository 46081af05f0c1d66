"""Text helpers for the evaluators: pull the strings out of an output, separate the composer's own
words from quoted user text, detect the language and compare content words."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import Stemmer
from pydantic import BaseModel

from companion.generation.schemas import (
    Agenda,
    GenerationContext,
    Preparation,
    ReflectionPrompts,
    ReflectionSummary,
)
from evals.lexicon import INJECTION, STOP_DE, STOP_EN, TOP_DOWN

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Quoted spans in either language's quotation marks: the composers quote user text this way.
_QUOTED = re.compile(r"„[^“”\"]*[“”\"]|“[^”“]*[”“]|\"[^\"]*\"|«[^»]*»|»[^«]*«|‚[^‘’]*[‘’]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|\s+[–-]\s+")
_NEGATED = re.compile(
    r"\b(?:statt|anstatt|nicht|niemals|nie|kein\w*|vermeid\w*|instead\s+of|rather\s+than|not|never|avoid\w*|"
    r"don't|do\s+not)\b(?:\W+\w+){0,4}\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    """One string of an output and where it came from (``items[2].purpose``, ``junior_questions[0]`` ...)."""

    field: str
    text: str


def output_lines(output: BaseModel) -> list[Line]:
    """Every user-facing string of a generated output, with its field path (sources and names excluded)."""
    lines: list[Line] = []
    if isinstance(output, Agenda):
        lines.append(Line("title", output.title))
        for i, item in enumerate(output.items):
            lines += [Line(f"items[{i}].title", item.title), Line(f"items[{i}].purpose", item.purpose)]
            lines += [Line(f"items[{i}].prompts[{j}]", p) for j, p in enumerate(item.prompts)]
    elif isinstance(output, Preparation):
        lines.append(Line("title", output.title))
        for name in ("junior_questions", "senior_questions", "junior_to_bring", "senior_to_bring"):
            lines += [Line(f"{name}[{j}]", t) for j, t in enumerate(getattr(output, name))]
    elif isinstance(output, ReflectionPrompts):
        lines += [Line(f"junior_prompts[{j}]", t) for j, t in enumerate(output.junior_prompts)]
        lines += [Line(f"senior_prompts[{j}]", t) for j, t in enumerate(output.senior_prompts)]
    elif isinstance(output, ReflectionSummary):
        lines += [Line("summary", s) for s in sentences(output.summary)]
        for name in ("junior_learnings", "senior_learnings", "next_steps", "follow_up_topics"):
            lines += [Line(f"{name}[{j}]", t) for j, t in enumerate(getattr(output, name))]
    else:  # pragma: no cover - the task only produces the four models
        raise TypeError(f"cannot read {type(output).__name__}")
    return lines


def all_strings(output: BaseModel) -> str:
    """Every string anywhere in the output (including titles of sources and contributor names)."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    walk(output)
    return "\n".join(found)


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph (also splits at line breaks and dash-separated clauses)."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def user_texts(ctx: GenerationContext) -> list[str]:
    """What participants wrote: goals, topic, earlier topics, names, roles and reflection answers."""
    texts = [*ctx.goals, *(ctx.previous_topics or [])]
    if ctx.topic:
        texts.append(ctx.topic)
    for person in [*ctx.juniors, *ctx.seniors]:
        texts += [t for t in (person.name, person.expertise, person.role, person.department) if t]
    for reflection in ctx.reflections:
        for question, answer in reflection.answers.items():
            texts += [question, answer]
    return [t for t in texts if t and t.strip()]


def _squash(text: str) -> str:
    return " ".join(text.casefold().replace("…", " ").split())


def own_words(text: str, user: Iterable[str]) -> str:
    """``text`` without quoted spans and without anything the participants wrote themselves.

    The composers may quote goals and reflections verbatim (and should not translate a quotation);
    the language and lexicon checks judge what the composer wrote around them.
    """
    user = [u for u in user if u.strip()]
    users = [_squash(u) for u in user]

    def unquote(m: re.Match[str]) -> str:
        inner = _squash(m.group(0)[1:-1]).strip(" .,:;!?–-")
        # Quoted user text goes; quoted knowledge (a card's bullet) is the composer's own material and stays.
        if inner and any(inner in u or u in inner for u in users):
            return " "
        return m.group(0)[1:-1]

    squashed = _squash(_QUOTED.sub(unquote, text))
    pieces = sorted(
        {_squash(s) for u in user for s in [u, *sentences(u)] if len(s.split()) >= 3}, key=len, reverse=True
    )
    for piece in pieces:
        if piece and piece in squashed:
            squashed = squashed.replace(piece, " ")
    core = squashed.strip(" .,:;!?–-")
    if core and any(core in u for u in users):  # a clipped quotation ("… ") of user text
        return ""
    return " ".join(squashed.split())


def words(text: str) -> list[str]:
    """Lower-cased words (letters, inner hyphens/apostrophes)."""
    return [w.casefold() for w in _WORD.findall(text)]


def numbers(text: str) -> set[str]:
    """Numbers written with digits."""
    return {n.replace(",", ".") for n in _NUMBER.findall(text)}


def language_hits(text: str) -> tuple[int, int]:
    """How many German and English stop words ``text`` contains."""
    ws = words(text)
    return sum(w in STOP_DE for w in ws), sum(w in STOP_EN for w in ws)


def top_down_hits(text: str) -> list[str]:
    """Commanding or condescending phrases in ``text``; a phrase that is explicitly rejected
    ("statt „Erklär mir mal …“", "never say 'explain ... to me'") does not count."""
    hits = []
    for m in TOP_DOWN.finditer(text):
        before = _QUOTED_OPEN.sub("", text[max(0, m.start() - 40) : m.start()])
        if not _NEGATED.search(before):
            hits.append(m.group(0))
    return hits


_QUOTED_OPEN = re.compile(r"[„“”\"'‚‘’«»]")


def injection_hits(text: str) -> list[str]:
    """Phrases that address a model rather than a person."""
    return [m.group(0) for m in INJECTION.finditer(text)]


@functools.cache
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german" if lang == "de" else "english")


@functools.lru_cache(maxsize=65536)
def stem(word: str, lang: str | None = None) -> str:
    """The Snowball stem of ``word`` (PyStemmer, the stemmer the retrieval layer uses too).

    With ``lang`` the stemmer of that language; without, the German and then the English stemmer, so
    that inflected forms meet whichever language a text is in (both sides of a comparison must be
    stemmed the same way)."""
    folded = word.casefold()
    if lang in ("de", "en"):
        return str(_stemmer(lang).stemWord(folded))
    return str(_stemmer("en").stemWord(_stemmer("de").stemWord(folded)))
