"""Run-time faithfulness of an LLM summary: every learning, next step and follow-up must come from a
shared sentence in the matching slot of the reflections (quoted or closely paraphrased), so the model
cannot invent a step nobody agreed to or file a "how was it?" answer as a next step. The evals'
``SummaryWholeSentences`` judges the same rule after the fact; this check sends a failing draft back
to the model with the lines it has to fix."""

from __future__ import annotations

from companion.generation.drafts import SummaryDraft
from companion.generation.filing import filed_reflections
from companion.generation.schemas import GenerationContext
from companion.retrieval.lexical import stems

# Share of a line's content stems that must appear in one source sentence: a paraphrase that keeps
# the substance ("Ich bereite … vor" → "Lea bereitet … vor") passes, an invented step does not.
TRACE_SHARE = 0.6


def _attribution(ctx: GenerationContext) -> set[str]:
    """Stems that say who, not what ("Die Senior-Seite", "Lea"): a summary adds them to a quote."""
    people = " ".join(p.name for p in ctx.juniors + ctx.seniors)
    return set(stems(f"{people} Junior Senior Seite Junior-Seite Senior-Seite side", ctx.language))


def _traceable(line: str, sources: list[str], lang: str, who: set[str]) -> bool:
    wanted = set(stems(line, lang)) - who
    if not wanted:
        return True  # nothing to judge (a bare name or a single stop word)
    return any(len(wanted & set(stems(s, lang))) / len(wanted) >= TRACE_SHARE for s in sources)


def untraceable_lines(draft: SummaryDraft, ctx: GenerationContext) -> list[tuple[str, str]]:
    """``(field, line)`` for every line of ``draft`` that no shared answer in its slot supports."""
    filed = filed_reflections(ctx)
    who = _attribution(ctx)

    def sentences(slots: tuple[str, ...], side: str | None = None) -> list[str]:
        return [s for f in filed if side in (None, f.role) for slot in slots for s in f.slots.get(slot, [])]

    checks = (
        ("junior_learnings", draft.junior_learnings, sentences(("learned", "surprised"), "junior")),
        ("senior_learnings", draft.senior_learnings, sentences(("learned", "surprised"), "senior")),
        ("next_steps", draft.next_steps, sentences(("next_step",))),
        ("follow_up_topics", draft.follow_up_topics, sentences(("for_later",))),
    )
    return [
        (name, line)
        for name, lines, sources in checks
        for line in lines
        if not _traceable(line, sources, ctx.language, who)
    ]
