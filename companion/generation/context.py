"""Prepare a :class:`GenerationContext`: resolve the topic, pick the session pattern, retrieve passages.

Both composers call :meth:`ContextBuilder.prepare` on a context that is not prepared yet, so services
can pass the raw context (pair data + topic) and evals can pass a fully prepared one.
"""

from __future__ import annotations

import math

from companion.generation.safety import safe_goals, strip_instructions
from companion.generation.schemas import GenerationContext
from companion.generation.topics import TopicResolver, norm
from companion.retrieval.inline import inline_or_thread
from companion.retrieval.knowledge import Card, KnowledgeBase
from companion.retrieval.passages import QUESTION
from companion.retrieval.types import Passage, Retriever

# Topic-card sections the composers always want in front of them, in this order.
TOPIC_SECTIONS = ("junior_questions", "senior_questions", "non_technical", "session_ideas")
# Kinds worth retrieving for a session beyond the topic card itself. Other topic cards are retrieved
# only for a free-text topic without a card (as background; composers cite only the resolved topic).
SUPPORT_KINDS = ("principle", "pitfall", "challenge", "role-tip")
MAX_PASSAGES = 10
__all__ = [
    "MAX_PASSAGES",
    "SUPPORT_KINDS",
    "TOPIC_SECTIONS",
    "ContextBuilder",
    "card_passage",
    "norm",
    "pick_pattern",
]


def pick_pattern(ctx: GenerationContext) -> str:
    """The session-pattern card id for this session (first, final, group, project, mid-programme, regular)."""
    total = ctx.total_sessions
    if ctx.session_number == 1:
        return "pattern-first-session"
    if total is not None and ctx.session_number >= total:
        return "pattern-final-retrospective"
    if ctx.format == "group":
        return "pattern-group-session"
    if ctx.format == "project":
        return "pattern-project-session"
    if total is not None and total >= 3 and ctx.session_number == math.ceil(total / 2):
        return "pattern-mid-checkin"
    return "pattern-regular-session"


def card_passage(card: Card, section: str, score: float = 1.0) -> Passage:
    """A passage for one section of a card (or its summary)."""
    text = card.summary if section == "summary" else card.sections[section]
    heading = "Summary" if section == "summary" else card.section_heading(section)
    return Passage(
        card_id=card.id,
        lang=card.lang,
        kind=card.kind,
        title=card.title,
        section=section,
        heading=heading,
        text=text,
        score=score,
        category=card.category,
    )


class ContextBuilder:
    """Resolves topics and gathers grounding passages from the knowledge base and the retriever."""

    def __init__(self, knowledge: KnowledgeBase, retriever: Retriever, k: int = 6) -> None:
        self.knowledge = knowledge
        self.retriever = retriever
        self.k = k
        self.topics = TopicResolver(knowledge, retriever)

    def resolve_topic(self, topic: str | None, lang: str, goals: list[str] | None = None) -> Card | None:
        """The topic card for ``topic`` (see :class:`~companion.generation.topics.TopicResolver`)."""
        return self.topics.resolve(topic, lang, goals)

    def query(self, ctx: GenerationContext, pattern_id: str, topic_card: Card | None) -> str:
        """What to search for: the topic and goals in words, else the session pattern's title and
        summary (never its id: "pattern-first-session" would find the "mobile first" card)."""
        topic = strip_instructions(ctx.topic) if ctx.topic else ""
        words = " ".join(filter(None, [topic_card.title if topic_card else topic, *safe_goals(ctx.goals)]))
        if words:
            return words
        pattern = self.knowledge.get(pattern_id, ctx.language)
        return f"{pattern.title} {pattern.summary}" if pattern is not None else pattern_id

    def _groundable(self, hit: Passage, lang: str) -> Passage:
        """A retrieved passage fit to ground text: a "typical questions" hit says the card matches,
        but its questions are people's wording, not knowledge, so the card's summary stands in."""
        if hit.section != QUESTION:
            return hit
        card = self.knowledge.get(hit.card_id, lang)
        return card_passage(card, "summary", hit.score) if card is not None else hit

    def prepare(self, ctx: GenerationContext) -> GenerationContext:
        """A copy of ``ctx`` with ``topic_id``, ``pattern_id`` and ``passages`` filled in."""
        if ctx.is_prepared:
            return ctx
        lang = ctx.language
        topic_card = self.knowledge.get(ctx.topic_id, lang) if ctx.topic_id else None
        if topic_card is None:
            topic_card = self.resolve_topic(ctx.topic, lang, ctx.goals)
        pattern_id = pick_pattern(ctx)
        passages: list[Passage] = []
        if topic_card is not None:
            passages += [card_passage(topic_card, s) for s in TOPIC_SECTIONS if s in topic_card.sections]
        # With the topic card in hand, retrieve what surrounds it (principles, pitfalls, role tips);
        # at most two passages per card keep the context varied.
        free_text = topic_card is None and bool(ctx.topic and strip_instructions(ctx.topic))
        kinds = [*SUPPORT_KINDS, "topic"] if free_text else list(SUPPORT_KINDS)
        per_card: dict[str, int] = {}
        for hit in self.retriever.search(
            self.query(ctx, pattern_id, topic_card), lang=lang, kinds=kinds, k=self.k * 2
        ):
            if per_card.get(hit.card_id, 0) >= 2 or len(per_card) >= self.k:
                continue
            per_card[hit.card_id] = per_card.get(hit.card_id, 0) + 1
            passages.append(self._groundable(hit, lang))
        seen: set[tuple[str, str]] = set()
        unique = []
        for p in passages:
            if (p.card_id, p.section) not in seen and self.knowledge.get(p.card_id, lang) is not None:
                seen.add((p.card_id, p.section))
                unique.append(p)
        return ctx.model_copy(
            update={
                "topic_id": topic_card.id if topic_card else None,
                "pattern_id": pattern_id,
                "passages": unique[:MAX_PASSAGES],
            }
        )

    async def aprepare(self, ctx: GenerationContext) -> GenerationContext:
        """:meth:`prepare` without blocking the event loop: inline when the query vectors are cached,
        in a worker thread when a model has to embed (see :mod:`companion.retrieval.inline`)."""
        if ctx.is_prepared:
            return ctx
        return await inline_or_thread(self.prepare, ctx)
