"""Prompts for the LLM composer: static instructions from files, dynamic context in the user message.

The instructions (``companion/prompts/<task>.<lang>.md``) never contain user text. The user message
has three clearly delimited blocks: ``<session>`` (facts the service decided: language, pattern,
topic card), ``<knowledge>`` (retrieved passages with card ids) and ``<pair_data>`` (goals, names,
reflections: data, JSON-encoded and escaped so it cannot close its block).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from companion.generation.safety import escape_data
from companion.generation.schemas import GenerationContext
from companion.retrieval.knowledge import KnowledgeBase
from companion.retrieval.types import Passage

Task = Literal["agenda", "preparation", "reflection-prompts", "summary"]
TASKS: tuple[Task, ...] = ("agenda", "preparation", "reflection-prompts", "summary")
LANGUAGES = ("de", "en")
PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
PASSAGE_CHARS = 520  # per passage; keeps the agenda prompt under ~3,000 tokens
MAX_PROMPT_PASSAGES = {"agenda": 8, "preparation": 8, "reflection-prompts": 4, "summary": 4}


class PromptError(RuntimeError):
    """A prompt file is missing or empty (raised at start-up)."""


@dataclass(frozen=True)
class PromptLibrary:
    """The instructions per (task, language), read once."""

    texts: dict[tuple[str, str], str]

    @classmethod
    def load(cls, directory: Path = PROMPTS_DIR) -> PromptLibrary:
        """Read every ``<task>.<lang>.md``; raises :class:`PromptError` naming all missing files."""
        texts: dict[tuple[str, str], str] = {}
        missing = []
        for task in TASKS:
            for lang in LANGUAGES:
                path = directory / f"{task}.{lang}.md"
                text = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
                if not text:
                    missing.append(str(path))
                texts[(task, lang)] = text
        if missing:
            raise PromptError(f"prompt files missing or empty: {', '.join(missing)}")
        return cls(texts)

    def get(self, task: str, lang: str) -> str:
        """The instructions for ``task`` in ``lang``."""
        return self.texts[(task, lang)]


_SENTENCE_END = re.compile(r"[.!?…]+[\"“”»)’]*\s+")
# Words before a full stop that do not end a sentence: "z. B.", "u. a.", "ca. 20", "e.g.", "am 3. Mai".
_ABBREVIATIONS = {
    "bzw",
    "ca",
    "etc",
    "usw",
    "vgl",
    "ggf",
    "inkl",
    "evtl",
    "dr",
    "nr",
    "bspw",
    "e.g",
    "i.e",
    "vs",
}


def sentences(line: str) -> list[str]:
    """``line`` split into whole sentences; abbreviations and ordinals do not end a sentence."""
    parts, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        before = line[start : m.start()].rsplit(" ", 1)[-1].casefold().rstrip(".")
        if m.group(0).lstrip().startswith(".") and (
            len(before) <= 1 or before.isdigit() or before in _ABBREVIATIONS
        ):
            continue
        parts.append(line[start : m.end()].strip())
        start = m.end()
    rest = line[start:].strip()
    return [*parts, rest] if rest else parts


def whole_text(text: str, limit: int) -> str:
    """``text`` (one card section) as it goes to the model: all of it when it fits ``limit``, else its
    leading lines and sentences up to the limit — never a sentence cut in half. The first sentence is
    kept even when it alone is longer than the limit."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if sum(len(line) + 1 for line in lines) <= limit:
        return "\n".join(lines)
    kept: list[str] = []
    used = 0
    for line in lines:
        units = [line] if line.startswith(("-", "*")) else sentences(line)
        taken: list[str] = []
        for unit in units:
            if (kept or taken) and used + len(unit) + 1 > limit:
                break
            taken.append(unit)
            used += len(unit) + 1
        else:
            kept.append(" ".join(taken))
            continue
        if taken:
            kept.append(" ".join(taken))
        break
    return "\n".join(kept)


def _passage_block(passages: list[Passage]) -> str:
    parts = []
    for p in passages:
        text = escape_data(whole_text(p.text, PASSAGE_CHARS))
        parts.append(f"[{p.card_id} · {escape_data(p.heading)}]\n{text}")
    return "\n\n".join(parts)


def _pattern_lines(ctx: GenerationContext, knowledge: KnowledgeBase) -> list[str]:
    pattern = knowledge.get(ctx.pattern_id, ctx.language) if ctx.pattern_id else None
    if pattern is None:
        return []
    lines = [f"pattern: {pattern.id} ({escape_data(pattern.title)})", "pattern_steps:"]
    for step in pattern.steps:
        lines.append(
            f"- {step.share}% lead={step.lead}: {escape_data(step.title)} — {escape_data(step.purpose)}"
        )
    return lines


def _count(n: int, role: str) -> str:
    if n == 0:
        return f"{role} side (no names given)"
    return f"{n} {role}" + ("s (use the plural)" if n > 1 else "")


def build_user_message(task: str, ctx: GenerationContext, knowledge: KnowledgeBase) -> str:
    """The user message for ``task``: session facts, knowledge passages and pair data, each delimited."""
    lang = ctx.language
    topic = knowledge.get(ctx.topic_id, lang) if ctx.topic_id else None
    session = [
        f"task: {task}",
        f"language: {lang}",
        f"format: {ctx.format}",
        f"duration_minutes: {ctx.duration_minutes}",
        f"session_number: {ctx.session_number}" + (f" of {ctx.total_sessions}" if ctx.total_sessions else ""),
        f"people: {_count(len(ctx.juniors), 'junior')}, {_count(len(ctx.seniors), 'senior')}"
        + ("" if ctx.juniors or ctx.seniors else " (names unknown: use neutral forms)"),
    ]
    if topic is not None:
        session.append(f"topic_card: {topic.id} ({escape_data(topic.title)}; category {topic.category})")
    else:
        session.append("topic_card: none (use the topic in <pair_data>)")
    if task == "agenda":
        session += _pattern_lines(ctx, knowledge)
    else:
        session.append(f"pattern: {ctx.pattern_id}")
    if task == "summary":
        session.append("topic_taxonomy:")
        session += [f"- {c.id}: {escape_data(c.title)}" for c in knowledge.by_kind("topic", lang)]
    data: dict[str, object] = {"topic": ctx.topic, "goals": ctx.goals}
    if ctx.juniors:
        data["juniors"] = [p.model_dump(exclude_none=True) for p in ctx.juniors]
    if ctx.seniors:
        data["seniors"] = [p.model_dump(exclude_none=True) for p in ctx.seniors]
    if ctx.previous_topics:
        data["previous_topics"] = ctx.previous_topics
    if task == "summary":
        from companion.generation.summarise import prompt_reflections  # only what the partner may see

        data["reflections"] = prompt_reflections(ctx)
        # what the answer keys mean: learnings come from learned/surprised, next_steps only from
        # next_step, follow_up_topics only from for_later; ticked_themes are the participants' choice
        data["answer_slots"] = (
            "learned, surprised, contributed, next_step, for_later, about_the_session, general"
        )
    passages = ctx.passages[: MAX_PROMPT_PASSAGES.get(task, 8)]
    return "\n".join(
        [
            "<session>",
            *session,
            "</session>",
            "<knowledge>",
            _passage_block(passages),
            "</knowledge>",
            "<pair_data>",
            escape_data(json.dumps(data, ensure_ascii=False, indent=1)),
            "</pair_data>",
        ]
    )
