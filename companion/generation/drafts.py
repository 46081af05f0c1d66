"""What the LLM is asked to return (drafts) and how a draft becomes a validated result (repair).

Drafts are looser than the final models, so that fixable slips (four prompts instead of three, a
made-up card id, a top-down goal quoted word for word, a topic card that is not the session's, and —
once the model was asked and the budget is spent — minutes that do not add up) are repaired
deterministically instead of costing a retry. The rules a draft must meet before repair are checked
by :mod:`companion.generation.checks`; what repair still cannot use raises :class:`RepairError`,
which the LLM composer treats like schema-invalid output.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from companion.generation.citations import cited_sources
from companion.generation.eyelevel import is_top_down, reframe
from companion.generation.safety import clean_text, looks_like_instruction, targets_output
from companion.generation.schemas import (
    Agenda,
    AgendaItem,
    GenerationContext,
    Lead,
    Preparation,
    ReflectionPrompts,
    ReflectionSummary,
    SourceRef,
)
from companion.generation.timing import allocate_minutes, max_items, merge_plan
from companion.retrieval.knowledge import KnowledgeBase

DEFAULT_PRINCIPLES = ["principle-eye-level", "principle-dialogue"]


class RepairError(ValueError):
    """The model's output cannot be turned into a valid result."""


class ItemDraft(BaseModel):
    title: str
    minutes: int
    lead: Lead
    purpose: str
    prompts: list[str]
    contributors: list[str] = Field(default_factory=list)


class AgendaDraft(BaseModel):
    title: str
    items: list[ItemDraft]
    principle_ids: list[str] = Field(default_factory=list)
    source_ids: list[str] = Field(default_factory=list)


class PreparationDraft(BaseModel):
    title: str
    junior_questions: list[str]
    senior_questions: list[str]
    junior_to_bring: list[str] = Field(default_factory=list)
    senior_to_bring: list[str] = Field(default_factory=list)
    source_ids: list[str] = Field(default_factory=list)


class ReflectionPromptsDraft(BaseModel):
    junior_prompts: list[str]
    senior_prompts: list[str]


class SummaryDraft(BaseModel):
    summary: str
    junior_learnings: list[str] = Field(default_factory=list)
    senior_learnings: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    follow_up_topics: list[str] = Field(default_factory=list)


DRAFTS: dict[str, type[BaseModel]] = {
    "agenda": AgendaDraft,
    "preparation": PreparationDraft,
    "reflection-prompts": ReflectionPromptsDraft,
    "summary": SummaryDraft,
}


def _lines(
    values: list[str], limit: int, ctx: GenerationContext | None = None, *, guidance: bool = True
) -> list[str]:
    """Cleaned, unique lines. With ``ctx``, lines carrying instructions are left out, and in guidance
    (not in a summary, which reports what people wrote) top-down goals are reframed and lines that
    still command one side are left out."""
    if ctx is not None and guidance:
        values = [_eye_level(v, ctx) for v in values]
    cleaned = (clean_text(v, 400) for v in values)
    kept = (v for v in cleaned if v and (ctx is None or not (_injected(v) or (guidance and is_top_down(v)))))
    return list(dict.fromkeys(kept))[:limit]


def _injected(text: str) -> bool:
    return looks_like_instruction(text) or targets_output(text)


def _eye_level(text: str, ctx: GenerationContext) -> str:
    """``text`` with every top-down goal of the pair replaced by its eye-level version."""
    for goal in ctx.goals:
        if is_top_down(goal):
            shared = (reframe(goal, ctx.language) or "").replace("\\", "\\\\")
            pattern = r"\s+".join(re.escape(w) for w in goal.split())
            text = re.sub(pattern, shared, text, flags=re.IGNORECASE)
    return text


def _refs(
    ids: list[str], ctx: GenerationContext, knowledge: KnowledgeBase, kind: str | None = None
) -> list[SourceRef]:
    refs = []
    for card_id in dict.fromkeys(i.strip() for i in ids):
        card = knowledge.get(card_id, ctx.language)
        if card is not None and (kind is None or card.kind == kind):
            refs.append(SourceRef(card_id=card.id, title=clean_text(card.title, 200)))
    return refs


def _sources(
    ids: list[str], texts: list[str], ctx: GenerationContext, knowledge: KnowledgeBase
) -> list[SourceRef]:
    """The cited cards the text really uses (see :mod:`companion.generation.citations`); none if none."""
    return cited_sources(ids, texts, ctx, knowledge)[:6]


def repair_agenda(draft: AgendaDraft, ctx: GenerationContext, knowledge: KnowledgeBase, by: str) -> Agenda:
    """A valid :class:`Agenda` from the model's draft; minutes are rescaled to the duration."""
    items = [i for i in draft.items if clean_text(i.title)]
    if len(items) < 2:
        raise RepairError(f"agenda has {len(items)} usable items")
    if not any(i.lead == "junior" for i in items):
        raise RepairError("no agenda item is led by the junior")
    if not any(i.lead in ("senior", "both") for i in items):
        raise RepairError("no agenda item is led or co-led by the senior")
    limit = min(max_items(ctx.duration_minutes), 12)
    if len(items) > limit:
        groups = merge_plan([max(i.minutes, 1) for i in items], limit, protected={0, len(items) - 1})
        items = [_merge([items[k] for k in g]) for g in groups]
    minutes = allocate_minutes([max(i.minutes, 1) for i in items], ctx.duration_minutes)
    allowed = {p.name for p in ctx.juniors + ctx.seniors}
    result = []
    for item, m in zip(items, minutes, strict=True):
        purpose = clean_text(_eye_level(item.purpose, ctx), 600) or clean_text(item.title, 600)
        result.append(
            AgendaItem(
                title=clean_text(_eye_level(item.title, ctx), 160),
                minutes=m,
                lead=item.lead,
                purpose=purpose,
                prompts=_lines(item.prompts, 3, ctx=ctx) or [clean_text(purpose, 400)],
                # Only people who are actually in the session; never names the model made up.
                contributors=[c for c in item.contributors if c in allowed] if ctx.format == "group" else [],
            )
        )
    principles = _refs(draft.principle_ids, ctx, knowledge, kind="principle")
    principles = principles or _refs(DEFAULT_PRINCIPLES, ctx, knowledge, kind="principle")
    return Agenda(
        title=clean_text(_eye_level(draft.title, ctx), 200) or result[0].title,
        language=ctx.language,
        duration_minutes=ctx.duration_minutes,
        items=result,
        principles=principles,
        sources=_sources(draft.source_ids, [draft.title, *_agenda_texts(result)], ctx, knowledge),
        generated_by=by,
    )


def _agenda_texts(items: list[AgendaItem]) -> list[str]:
    return [t for i in items for t in (i.title, i.purpose, *i.prompts)]


def _merge(parts: list[ItemDraft]) -> ItemDraft:
    leads = {p.lead for p in parts}
    return ItemDraft(
        title=" / ".join(p.title for p in parts),
        minutes=sum(max(p.minutes, 1) for p in parts),
        lead=parts[0].lead if len(leads) == 1 else "both",
        purpose=" ".join(p.purpose for p in parts),
        prompts=[q for p in parts for q in p.prompts[:1]],
        contributors=list(dict.fromkeys(c for p in parts for c in p.contributors)),
    )


def repair_preparation(
    draft: PreparationDraft, ctx: GenerationContext, knowledge: KnowledgeBase, by: str
) -> Preparation:
    """A valid :class:`Preparation` from the model's draft."""
    junior = _lines(draft.junior_questions, 10, ctx=ctx)
    senior = _lines(draft.senior_questions, 10, ctx=ctx)
    if not junior or not senior:
        raise RepairError("preparation needs questions for both sides")
    junior_bring = _lines(draft.junior_to_bring, 8, ctx=ctx)
    senior_bring = _lines(draft.senior_to_bring, 8, ctx=ctx)
    texts = [draft.title, *junior, *senior, *junior_bring, *senior_bring]
    return Preparation(
        title=clean_text(_eye_level(draft.title, ctx), 200) or "…",
        language=ctx.language,
        junior_questions=junior,
        senior_questions=senior,
        junior_to_bring=junior_bring,
        senior_to_bring=senior_bring,
        sources=_sources(draft.source_ids, texts, ctx, knowledge),
        generated_by=by,
    )


def repair_reflection_prompts(
    draft: ReflectionPromptsDraft, ctx: GenerationContext, knowledge: KnowledgeBase, by: str
) -> ReflectionPrompts:
    """A valid :class:`ReflectionPrompts` from the model's draft."""
    junior, senior = _lines(draft.junior_prompts, 8, ctx=ctx), _lines(draft.senior_prompts, 8, ctx=ctx)
    if not junior or not senior:
        raise RepairError("reflection prompts need questions for both sides")
    return ReflectionPrompts(
        language=ctx.language,
        junior_prompts=junior,
        senior_prompts=senior,
        sources=_sources([ctx.pattern_id or "", ctx.topic_id or ""], junior + senior, ctx, knowledge)[:3],
        generated_by=by,
    )


def repair_summary(
    draft: SummaryDraft, ctx: GenerationContext, knowledge: KnowledgeBase, by: str
) -> ReflectionSummary:
    """A valid :class:`ReflectionSummary`; themes outside the topic taxonomy are dropped."""
    summary = clean_text(draft.summary, 1500)
    if not summary:
        raise RepairError("empty summary")
    taxonomy = set(knowledge.topic_ids())
    return ReflectionSummary(
        language=ctx.language,
        summary=summary,
        junior_learnings=_lines(draft.junior_learnings, 10, ctx, guidance=False),
        senior_learnings=_lines(draft.senior_learnings, 10, ctx, guidance=False),
        themes=[t for t in dict.fromkeys(t.strip() for t in draft.themes) if t in taxonomy][:8],
        next_steps=_lines(draft.next_steps, 8, ctx, guidance=False),
        follow_up_topics=_lines(draft.follow_up_topics, 6, ctx, guidance=False),
        generated_by=by,
    )


REPAIRS = {
    "agenda": repair_agenda,
    "preparation": repair_preparation,
    "reflection-prompts": repair_reflection_prompts,
    "summary": repair_summary,
}
