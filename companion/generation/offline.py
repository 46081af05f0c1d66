"""The offline composer: agendas, preparation and reflection prompts built from the knowledge cards.

Deterministic and grounded: the session pattern's steps give the skeleton, the topic card gives the
questions, its non-technical angle and session ideas, the role-tip cards say what to bring, and the pair's
goals are quoted as data. The principles hold by construction: the junior leads the topic part, the
senior leads a context part, a technology topic gets a non-technical item, and the session closes with
a concrete next step. Summaries of reflections live in :mod:`companion.generation.summarise`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from companion.generation.composer import Composer
from companion.generation.context import ContextBuilder, norm
from companion.generation.phrases import phrase, phrase_list, quote
from companion.generation.safety import clip, safe_goals, safe_phrase
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
from companion.generation.summarise import summarise
from companion.generation.timing import allocate_minutes, max_items, merge_plan
from companion.retrieval.knowledge import Card, KnowledgeBase

FOCUS_PATTERNS = {"pattern-regular-session", "pattern-group-session", "pattern-project-session"}
_NEXT = re.compile(r"nächst|next|vorhaben|vereinbar|agree|commit|bis wann|by when", re.IGNORECASE)
_REVIEW_PATTERNS = {"pattern-mid-checkin", "pattern-final-retrospective"}
_GOAL_KEYS = {
    "pattern-first-session": ("goal_first", "goal_close"),
    "pattern-mid-checkin": ("goal_review", "goal_close"),
    "pattern-final-retrospective": ("goal_final_open", "goal_final_close"),
}
_NONTECH = re.compile(r"nicht-technisch|non-technical|kultur|culture", re.IGNORECASE)


@dataclass
class _Draft:
    title: str
    weight: float
    lead: Lead
    purpose: str
    prompts: list[str]
    role: str  # open | close | junior | senior | both | nontech
    contributors: list[str] = field(default_factory=list)


def _dedupe(items: list[str], limit: int) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))[:limit]


def _rotate(items: list[str], offset: int) -> list[str]:
    return items[offset % len(items):] + items[: offset % len(items)] if items else []


def _talking_point(lang: str, bullet: str) -> str:
    """A prompt from a non-technical bullet: a question about its short head ("Vertrauen statt
    Kontrolle: ...") when it has one, else the bullet's first sentence as a talking point."""
    head, colon, _ = bullet.partition(": ")
    if colon and len(head) <= 60:
        return phrase(lang, "nontech_q", head=quote(lang, head.strip()))
    return clip(re.split(r"(?<=[.!?])\s", bullet, maxsplit=1)[0], 300)


class OfflineComposer(Composer):
    """Composes every output from the knowledge cards without a language model."""

    name = "offline"

    def __init__(self, knowledge: KnowledgeBase, builder: ContextBuilder, generated_by: str = "offline") -> None:
        super().__init__(knowledge, builder)
        self.generated_by = generated_by

    # --- shared lookups -------------------------------------------------------------------------
    def _card(self, card_id: str | None, lang: str) -> Card | None:
        return self.knowledge.get(card_id, lang) if card_id else None

    def _pattern(self, ctx: GenerationContext) -> Card:
        for card_id in (ctx.pattern_id, "pattern-regular-session"):
            card = self._card(card_id, ctx.language)
            if card is not None and card.steps:
                return card
        raise LookupError(f"session pattern {ctx.pattern_id!r} is missing from the knowledge base")

    def _topic_label(self, ctx: GenerationContext, topic: Card | None) -> str | None:
        """The user's wording when it is safe and not just a card id/title, else the card title."""
        user = safe_phrase(ctx.topic, 120)
        if topic is None:
            return user
        names = {norm(topic.id), *(norm(c.title) for c in self.knowledge.cards if c.id == topic.id)}
        if user is None or norm(ctx.topic or "") in names:
            return topic.title
        return user

    def _refs(self, lang: str, ids: list[str | None]) -> list[SourceRef]:
        refs = []
        for card_id in dict.fromkeys(i for i in ids if i):
            card = self._card(card_id, lang)
            if card is not None:
                refs.append(SourceRef(card_id=card.id, title=clip(card.title, 200)))
        return refs

    def _session_label(self, ctx: GenerationContext) -> str:
        if ctx.total_sessions:
            return phrase(ctx.language, "session_of", n=ctx.session_number, total=ctx.total_sessions)
        return phrase(ctx.language, "session", n=ctx.session_number)

    # --- agenda ---------------------------------------------------------------------------------
    async def agenda(self, ctx: GenerationContext) -> Agenda:
        ctx = await self.prepare(ctx)
        return self.compose_agenda(ctx)

    def compose_agenda(self, ctx: GenerationContext) -> Agenda:
        """The agenda for a prepared context (synchronous; used by benchmarks and the LLM fallback)."""
        lang = ctx.language
        pattern = self._pattern(ctx)
        topic = self._card(ctx.topic_id, lang)
        label = self._topic_label(ctx, topic)
        goals = safe_goals(ctx.goals)
        drafts = self._skeleton(pattern)
        if pattern.id in FOCUS_PATTERNS:
            self._weave_topic(ctx, drafts, topic, label)
        elif label and pattern.id == "pattern-first-session":
            for d in drafts:
                if d.role == "junior":
                    d.purpose = clip(f"{d.purpose} {phrase(lang, 'topic_in_purpose', topic=quote(lang, label))}", 600)
        self._weave_goals(ctx, drafts, goals, pattern.id, label)
        self._ensure_eye_level(lang, drafts, label)
        self._add_contributors(ctx, drafts)
        drafts = self._fit(drafts, ctx.duration_minutes)
        minutes = allocate_minutes([d.weight for d in drafts], ctx.duration_minutes)
        items = [
            AgendaItem(
                title=clip(d.title, 160),
                minutes=m,
                lead=d.lead,
                purpose=clip(d.purpose, 600),
                prompts=[clip(p, 400) for p in _dedupe(d.prompts, 3)],
                contributors=d.contributors,
            )
            for d, m in zip(drafts, minutes, strict=True)
        ]
        focus = label if label and pattern.id in FOCUS_PATTERNS else pattern.title
        title = phrase(lang, "title", session=self._session_label(ctx), topic=focus)
        principle_ids = self._principles(ctx, topic)
        return Agenda(
            title=clip(title, 200),
            language=lang,
            duration_minutes=ctx.duration_minutes,
            items=items,
            principles=self._refs(lang, list(principle_ids)),
            sources=self._refs(lang, [pattern.id, topic.id if topic else None, *principle_ids]),
            generated_by=self.generated_by,
        )

    def _skeleton(self, pattern: Card) -> list[_Draft]:
        drafts = []
        last = len(pattern.steps) - 1
        for i, step in enumerate(pattern.steps):
            role = "open" if i == 0 else "close" if i == last else step.lead
            drafts.append(_Draft(step.title, step.share, step.lead, step.purpose, list(step.prompts), role))
        return drafts

    def _weave_topic(self, ctx: GenerationContext, drafts: list[_Draft], topic: Card | None, label: str | None) -> None:
        lang, offset = ctx.language, ctx.session_number - 1
        junior = [d for d in drafts if d.role == "junior"]
        senior = [d for d in drafts if d.role == "senior"]
        both = [d for d in drafts if d.role == "both"]
        if label and junior:
            junior[0].purpose = f"{junior[0].purpose} {phrase(lang, 'topic_in_purpose', topic=quote(lang, label))}"
        if topic is None:
            return
        jq = _rotate(topic.bullets("junior_questions"), offset)
        sq = _rotate(topic.bullets("senior_questions"), offset)
        ideas = _rotate(topic.bullets("session_ideas"), offset)
        nontech = topic.bullets("non_technical")
        main = max(junior, key=lambda d: d.weight) if junior else None
        for i, d in enumerate(junior):
            extra = [jq[i % len(jq)]] if jq else []
            if d is main and ideas:
                extra.append(phrase(lang, "idea", idea=ideas[0]))
            d.prompts = extra + d.prompts
        for i, d in enumerate(senior):
            d.prompts = ([sq[i % len(sq)]] if sq else []) + d.prompts
        nontech_prompts = [_talking_point(lang, b) for b in nontech[:2]]
        has_nontech = any(_NONTECH.search(f"{d.title} {d.purpose}") for d in drafts)
        if topic.category == "technology" and not has_nontech:
            item = _Draft(
                phrase(lang, "nontech_title"),
                15,
                "both",
                phrase(lang, "nontech_purpose"),
                [*nontech_prompts, phrase(lang, "nontech_generic")],
                "nontech",
            )
            drafts.insert(len(drafts) - 1, item)
        elif both and nontech_prompts:
            both[0].prompts = nontech_prompts[:1] + both[0].prompts

    def _previous(self, ctx: GenerationContext, n: int) -> list[str]:
        """The last ``n`` previous topics as readable labels (card ids become titles)."""
        labels = []
        for prev in ctx.previous_topics[-n:]:
            card = self._card(prev.strip(), ctx.language)
            label = card.title if card is not None and card.kind == "topic" else safe_phrase(prev, 120)
            if label:
                labels.append(quote(ctx.language, label))
        return labels

    def _weave_goals(self, ctx: GenerationContext, drafts: list[_Draft], goals: list[str],
                     pattern_id: str, label: str | None) -> None:
        lang = ctx.language
        opening, closing = drafts[0], drafts[-1]
        open_key, close_key = _GOAL_KEYS.get(pattern_id, ("goal_open", "goal_close"))
        opening_extra: list[str] = []
        if pattern_id in FOCUS_PATTERNS and (prev := self._previous(ctx, 1)):
            opening_extra.append(phrase(lang, "previous_open", prev=prev[0]))
        elif pattern_id in _REVIEW_PATTERNS and (prev := self._previous(ctx, 3)):
            opening_extra.append(phrase(lang, "previous_review", prev=", ".join(prev)))
        if goals:
            opening_extra.insert(0, phrase(lang, open_key, goal=quote(lang, goals[0])))
            closing_goal = goals[1] if len(goals) > 1 else goals[0]
            closing.prompts = [phrase(lang, close_key, goal=quote(lang, closing_goal)), *closing.prompts]
        opening.prompts = [*opening.prompts[:1], *opening_extra, *opening.prompts[1:]]
        if pattern_id == "pattern-mid-checkin" and label:
            closing.prompts.insert(1, phrase(lang, "topic_next", topic=quote(lang, label)))
        if not any(_NEXT.search(p) for p in closing.prompts[:3]):
            closing.prompts = [phrase(lang, "next_step"), *closing.prompts]
        if not _NEXT.search(closing.purpose):
            closing.purpose = f"{closing.purpose} {phrase(lang, 'next_step_purpose')}"

    def _ensure_eye_level(self, lang: str, drafts: list[_Draft], label: str | None) -> None:
        """Patterns carry a junior-led and a senior part; a hand-written pattern may not, so add them."""
        if not any(d.lead == "junior" for d in drafts):
            topic = quote(lang, label) if label else "…"
            drafts.insert(1, _Draft(phrase(lang, "junior_item_title", topic=topic), 30, "junior",
                                    phrase(lang, "junior_item_purpose"), [], "junior"))
        if not any(d.lead in ("senior", "both") and d.role not in ("open", "close") for d in drafts):
            drafts.insert(len(drafts) - 1, _Draft(phrase(lang, "senior_item_title"), 20, "senior",
                                                  phrase(lang, "senior_item_purpose"),
                                                  [phrase(lang, "senior_item_q")], "senior"))
        for d in drafts:
            if not d.prompts:
                d.prompts = [phrase(lang, "senior_item_q") if d.lead == "senior" else phrase(lang, "next_step")]

    def _add_contributors(self, ctx: GenerationContext, drafts: list[_Draft]) -> None:
        if ctx.format != "group":
            return
        juniors = [n for n in (safe_phrase(p.name, 80) for p in ctx.juniors) if n]
        seniors = [n for n in (safe_phrase(p.name, 80) for p in ctx.seniors) if n]
        for d in drafts:
            d.contributors = juniors if d.lead == "junior" else seniors if d.lead == "senior" else juniors + seniors

    def _fit(self, drafts: list[_Draft], duration: int) -> list[_Draft]:
        limit = min(max_items(duration), 12)
        if len(drafts) <= limit:
            return drafts
        junior = [i for i, d in enumerate(drafts) if d.lead == "junior"]
        main_junior = max(junior, key=lambda i: drafts[i].weight) if junior else 0
        senior = [i for i, d in enumerate(drafts) if d.lead == "senior"]
        protected = {0, len(drafts) - 1, main_junior, *senior[:1]}
        protected |= {i for i, d in enumerate(drafts) if d.role == "nontech"}
        merged = []
        for group in merge_plan([d.weight for d in drafts], limit, protected):
            parts = [drafts[i] for i in group]
            if len(parts) == 1:
                merged.append(parts[0])
                continue
            leads = {p.lead for p in parts}
            keep = next((p for p in parts if p.role in ("open", "close", "nontech")), max(parts, key=lambda p: p.weight))
            merged.append(_Draft(
                " / ".join(p.title for p in parts),
                sum(p.weight for p in parts),
                parts[0].lead if len(leads) == 1 else "both",
                " ".join(p.purpose for p in parts),
                [q for pair in zip(*[p.prompts + [""] * 3 for p in parts], strict=False) for q in pair if q],
                keep.role,
                list(dict.fromkeys(c for p in parts for c in p.contributors)),
            ))
        return merged

    def _principles(self, ctx: GenerationContext, topic: Card | None) -> list[str]:
        ids = ["principle-eye-level", "principle-dialogue", "principle-structure"]
        if ctx.pattern_id == "pattern-first-session":
            ids += ["principle-voluntariness", "principle-confidentiality"]
        elif ctx.pattern_id == "pattern-final-retrospective":
            ids.append("principle-both-win")
        elif ctx.format == "group":
            ids.append("principle-confidentiality")
        if topic is not None and topic.category == "technology":
            ids.append("principle-no-hierarchy-in-learning")
        return ids

    # --- preparation ----------------------------------------------------------------------------
    async def preparation(self, ctx: GenerationContext) -> Preparation:
        ctx = await self.prepare(ctx)
        return self.compose_preparation(ctx)

    def compose_preparation(self, ctx: GenerationContext) -> Preparation:
        """Preparation for a prepared context."""
        lang, offset = ctx.language, ctx.session_number - 1
        pattern = self._pattern(ctx)
        topic = self._card(ctx.topic_id, lang)
        label = self._topic_label(ctx, topic)
        q_label = quote(lang, label) if label else None
        goals = safe_goals(ctx.goals)
        junior_q: list[str] = []
        senior_q: list[str] = []
        if pattern.id in FOCUS_PATTERNS and topic is not None:
            junior_q += _rotate(topic.bullets("junior_questions"), offset)[:4]
            senior_q += _rotate(topic.bullets("senior_questions"), offset)[:4]
        elif pattern.id in FOCUS_PATTERNS and q_label:
            junior_q += [phrase(lang, f"prep_j_generic_{i}", topic=q_label) for i in (1, 2, 3)]
            senior_q += [phrase(lang, f"prep_s_generic_{i}", topic=q_label) for i in (1, 2, 3)]
        else:  # first session, mid-programme check-in, retrospective: the pattern's own questions
            shared = [p for s in pattern.steps if s.lead == "both" for p in s.prompts]
            junior_q += ([p for s in pattern.steps if s.lead == "junior" for p in s.prompts] + shared[0::2])[:4]
            senior_q += ([p for s in pattern.steps if s.lead == "senior" for p in s.prompts] + shared[1::2])[:4]
        for goal in goals[:2]:
            junior_q.append(phrase(lang, "prep_j_goal", goal=quote(lang, goal)))
            senior_q.append(phrase(lang, "prep_s_goal", goal=quote(lang, goal)))
        expertise = next((e for e in (safe_phrase(p.expertise, 80) for p in ctx.juniors) if e), None)
        role = next((r for r in (safe_phrase(p.role, 80) for p in ctx.seniors) if r), None)
        if expertise:
            junior_q.append(phrase(lang, "prep_j_expertise", expertise=expertise))
        if role and pattern.id in FOCUS_PATTERNS:
            senior_q.append(phrase(lang, "prep_s_role", role=role))
        previous = self._previous(ctx, 1)
        if previous and pattern.id in FOCUS_PATTERNS:
            senior_q.insert(0, phrase(lang, "prep_s_previous", prev=previous[0]))
        if topic is not None and topic.category == "technology":
            junior_q.append(phrase(lang, "prep_j_nontech"))
            senior_q.append(phrase(lang, "prep_s_nontech"))
        junior_tip = self._card("role-junior-mentor", lang)
        senior_tip = self._card("role-senior-mentee", lang)
        junior_bring = junior_tip.bullets("preparation")[:3] if junior_tip else []
        senior_bring = senior_tip.bullets("preparation")[:3] if senior_tip else []
        if q_label and pattern.id in FOCUS_PATTERNS:
            junior_bring.append(phrase(lang, "bring_j_example", topic=q_label))
            senior_bring.append(phrase(lang, "bring_s_situation", topic=q_label))
        if topic is not None and pattern.id in FOCUS_PATTERNS and topic.bullets("session_ideas"):
            junior_bring.append(phrase(lang, "idea", idea=_rotate(topic.bullets("session_ideas"), offset)[0]))
        focus = label if label and pattern.id in FOCUS_PATTERNS else pattern.title
        title = phrase(lang, "prep_title", session=self._session_label(ctx), topic=focus)
        return Preparation(
            title=clip(title, 200),
            language=lang,
            junior_questions=[clip(q, 400) for q in _dedupe(junior_q, 10)],
            senior_questions=[clip(q, 400) for q in _dedupe(senior_q, 10)],
            junior_to_bring=[clip(b, 400) for b in _dedupe(junior_bring, 8)],
            senior_to_bring=[clip(b, 400) for b in _dedupe(senior_bring, 8)],
            sources=self._refs(lang, [topic.id if topic else None, pattern.id, "role-junior-mentor",
                                      "role-senior-mentee"]),
            generated_by=self.generated_by,
        )

    # --- reflection prompts and summary ---------------------------------------------------------
    async def reflection_prompts(self, ctx: GenerationContext) -> ReflectionPrompts:
        ctx = await self.prepare(ctx)
        return self.compose_reflection_prompts(ctx)

    def compose_reflection_prompts(self, ctx: GenerationContext) -> ReflectionPrompts:
        """Reflection prompts for a prepared context."""
        lang = ctx.language
        topic = self._card(ctx.topic_id, lang)
        label = self._topic_label(ctx, topic)
        if ctx.pattern_id == "pattern-first-session":
            junior, senior = phrase_list(lang, "refl_first_j"), phrase_list(lang, "refl_first_s")
        elif ctx.pattern_id == "pattern-final-retrospective":
            junior, senior = phrase_list(lang, "refl_final_j"), phrase_list(lang, "refl_final_s")
        else:
            junior, senior = phrase_list(lang, "refl_j"), phrase_list(lang, "refl_s")
            if label:
                junior[0] = phrase(lang, "refl_topic_j", topic=quote(lang, label))
                senior[0] = phrase(lang, "refl_topic_s", topic=quote(lang, label))
            if topic is not None and topic.category == "technology":
                senior.insert(2, phrase(lang, "refl_nontech_s"))
        return ReflectionPrompts(
            language=lang,
            junior_prompts=_dedupe(junior, 8),
            senior_prompts=_dedupe(senior, 8),
            sources=self._refs(lang, [ctx.pattern_id, "principle-dialogue", "principle-eye-level"]),
            generated_by=self.generated_by,
        )

    async def summary(self, ctx: GenerationContext) -> ReflectionSummary:
        ctx = await self.prepare(ctx)
        return summarise(ctx, self.knowledge, self.generated_by)
