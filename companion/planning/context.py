"""What a plan composer gets: the pair (names, goals, expertise, interests), the slots of the frame,
and the topic cards ranked by how well they answer the pair's wishes — each with the wish it answers.

Ranking: every wish (a goal, a senior's interest, a junior's expertise or interest, a senior's
expertise) votes for topic cards — a card its words name outright (``TopicResolver``) gets a strong
vote, the best search hits weaker ones — weighted by the kind of wish (goals first). Cards nobody
asked for keep the order of the seeds' example plan, so a pair without goals still gets a sensible mix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from companion.generation.topics import TopicResolver
from companion.planning.shape import Slot
from companion.retrieval.knowledge import KnowledgeBase
from companion.retrieval.types import Retriever

WISH_WEIGHT = {
    "goal": 1.0,
    "senior_interest": 0.8,
    "junior_expertise": 0.6,
    "junior_interest": 0.4,
    "senior_expertise": 0.3,
}
# The seeds' example plan: developer experience / the work day, new tools, team culture from the
# junior's view, onboarding feedback, career expectations.
SEED_ORDER = (
    "topic-developer-experience",
    "topic-new-tools",
    "topic-team-culture",
    "topic-onboarding",
    "topic-career-expectations",
    "topic-feedback-culture",
    "topic-generational-differences",
    "topic-ai-automation",
)


@dataclass(frozen=True)
class Brief:
    name: str
    expertise: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicOption:
    """A topic card, how strongly the pair's wishes point at it, and the wish that points hardest."""

    id: str
    title: str
    category: str
    summary: str
    score: float
    wish: str | None = None
    wish_kind: str | None = None
    wisher: str | None = None


@dataclass
class PlanContext:
    language: str
    goals: list[str]
    juniors: list[Brief]
    seniors: list[Brief]
    slots: list[Slot]
    options: list[TopicOption]
    group_dates: list[date] = field(default_factory=list)


def wishes(goals: list[str], juniors: list[Brief], seniors: list[Brief]) -> list[tuple[str, str, str | None]]:
    """(text, kind, whose) for everything the pair wants or offers."""
    out: list[tuple[str, str, str | None]] = [(g, "goal", None) for g in goals]
    out += [(t, "senior_interest", s.name) for s in seniors for t in s.interests]
    out += [(t, "junior_expertise", j.name) for j in juniors for t in j.expertise]
    out += [(t, "junior_interest", j.name) for j in juniors for t in j.interests]
    out += [(t, "senior_expertise", s.name) for s in seniors for t in s.expertise]
    return out


def rank_topics(
    knowledge: KnowledgeBase,
    retriever: Retriever,
    resolver: TopicResolver,
    lang: str,
    goals: list[str],
    juniors: list[Brief],
    seniors: list[Brief],
) -> list[TopicOption]:
    """Every topic card in ``lang``, best first."""
    cards = {c.id: c for c in knowledge.by_kind("topic", lang)}
    score = {cid: 0.0 for cid in cards}
    best: dict[str, tuple[float, str, str, str | None]] = {}
    for text, kind, whose in wishes(goals, juniors, seniors):
        weight = WISH_WEIGHT[kind]
        votes: dict[str, float] = {}
        # A goal is a sentence: search may name its card. A tag is a word or two: only a card whose
        # id, title or tags it names counts, since search on one word guesses.
        named = resolver.resolve(text, lang) if kind == "goal" else resolver.by_terms(text, lang)
        if named is not None:
            votes[named.id] = 2.0 * weight
        hits = [p.card_id for p in retriever.search(text, lang=lang, kinds=["topic"], k=8)]
        ranked_hits = list(dict.fromkeys(hits))[:3]
        for rank, cid in enumerate(ranked_hits):
            votes[cid] = votes.get(cid, 0.0) + weight / (rank + 2)
        # A wish explains a card only when it names it or finds it first; weaker hits still count
        # for the ranking, but a reason built on them would claim a link the pair would not see.
        explains = {named.id} if named is not None else set(ranked_hits[:1]) if kind == "goal" else set()
        for cid, vote in votes.items():
            if cid not in score:
                continue
            score[cid] += vote
            if cid in explains and (cid not in best or vote > best[cid][0]):
                best[cid] = (vote, text, kind, whose)
    for rank, cid in enumerate(SEED_ORDER):
        if cid in score:
            score[cid] += 0.01 * (len(SEED_ORDER) - rank)
    ranked = sorted(cards.values(), key=lambda c: (-score[c.id], c.id))
    return [
        TopicOption(
            id=c.id,
            title=c.title,
            category=c.category or "work",
            summary=c.summary,
            score=round(score[c.id], 4),
            wish=best[c.id][1] if c.id in best else None,
            wish_kind=best[c.id][2] if c.id in best else None,
            wisher=best[c.id][3] if c.id in best else None,
        )
        for c in ranked
    ]
