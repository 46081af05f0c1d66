"""The shape every plan must have, in one place for both composers, the pair's edits and the evals.

A plan of ``n`` sessions: session 1 gets to know each other (``pattern-first-session``), session
``ceil(n/2)`` is the mid-point check-in (``pattern-mid-checkin``), session ``n`` the retrospective
(``pattern-final-retrospective``, no topic); sessions 1 … n-1 carry a topic card. The topics mix the
three families: never technology only, technology never the majority, and all three families once there
are three or more topics. No topic twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from companion.planning.schemas import PlanItem, PlanProposal, SessionPlanDraft
from companion.retrieval.knowledge import KnowledgeBase

PATTERNS = {
    "first": "pattern-first-session",
    "mid": "pattern-mid-checkin",
    "final": "pattern-final-retrospective",
}
PREFIX = {
    "de": {"first": "Kennenlernen", "mid": "Zwischen-Check-in"},
    "en": {"first": "Getting to know each other", "mid": "Mid-point check-in"},
}


@dataclass(frozen=True)
class Slot:
    number: int
    kind: str
    date: date
    duration_minutes: int


def slots(dates: list[date], minutes: int) -> list[Slot]:
    """The kind of each session of a schedule."""
    n = len(dates)
    mid = -(-n // 2)
    out = []
    for i, day in enumerate(dates, start=1):
        kind = "first" if i == 1 else "final" if i == n else "mid" if i == mid else "topic"
        out.append(Slot(i, kind, day, minutes))
    return out


def max_technology(topics: int) -> int:
    """How many technology topics a plan with ``topics`` topic sessions may have."""
    return max(0, topics // 2)


def mix_problems(categories: list[str | None]) -> list[str]:
    """What is wrong with the topic mix (empty when it is fine)."""
    cats = [c for c in categories if c]
    counts = Counter(cats)
    problems = []
    if cats and counts["technology"] == len(cats):
        problems.append("only technology topics")
    elif counts["technology"] > max_technology(len(cats)):
        problems.append(
            f"{counts['technology']} of {len(cats)} topics are technology (at most {max_technology(len(cats))})"
        )
    if len(cats) >= 3:
        missing = [f for f in ("technology", "work", "culture") if not counts[f]]
        if missing:
            problems.append("no " + " and no ".join(missing) + " topic")
    return problems


def shape_problems(items: list[PlanItem]) -> list[str]:
    """What is wrong with the order and the framing sessions (empty when it is fine)."""
    if not items:
        return ["the plan has no sessions"]
    problems = []
    n = len(items)
    expected = slots([i.date for i in items], 60)
    for item, slot in zip(items, expected, strict=True):
        if item.number != slot.number:
            problems.append(f"session {slot.number} is numbered {item.number}")
        if item.kind != slot.kind:
            problems.append(f"session {slot.number} should be '{slot.kind}', is '{item.kind}'")
        want_pattern = PATTERNS.get(slot.kind)
        if want_pattern and item.pattern_id != want_pattern:
            problems.append(f"session {slot.number} should follow {want_pattern}")
    if n < 3:
        problems.append("a plan needs a first session, a mid-point check-in and a retrospective")
    if items[-1].topic_id is not None:
        problems.append("the retrospective carries no topic")
    topics = [i.topic_id for i in items if i.topic_id]
    if len(topics) != len(set(topics)):
        problems.append("a topic appears twice")
    if any(i.topic_id is None and i.kind != "final" for i in items):
        problems.append("a session before the retrospective has no topic")
    dates = [i.date for i in items]
    if dates != sorted(dates):
        problems.append("the sessions are not in date order")
    return problems


def plan_problems(items: list[PlanItem]) -> list[str]:
    """Shape and mix problems together."""
    return shape_problems(items) + mix_problems([i.category for i in items])


def assemble(
    proposal: PlanProposal,
    plan_slots: list[Slot],
    knowledge: KnowledgeBase,
    lang: str,
    *,
    generated_by: str,
    group_dates: list[date],
) -> SessionPlanDraft:
    """Turn a composer's choices into dated, titled plan items; raises ``ValueError`` naming what does
    not fit (unknown topic card, wrong number of sessions, broken shape or mix)."""
    chosen = {s.number: s for s in proposal.sessions}
    if sorted(chosen) != [s.number for s in plan_slots]:
        raise ValueError(f"expected sessions {[s.number for s in plan_slots]}, got {sorted(chosen)}")
    items = []
    for slot in plan_slots:
        choice = chosen[slot.number]
        pattern_id = PATTERNS.get(slot.kind)
        card = None
        if choice.topic_id:
            card = knowledge.get(choice.topic_id, lang)
            if card is None or card.kind != "topic":
                raise ValueError(f"session {slot.number}: {choice.topic_id!r} is not a topic card")
        if slot.kind == "final":
            pattern = knowledge.get(pattern_id or "", lang)
            title = pattern.title if pattern else "Retrospektive"
        elif card is not None:
            prefix = PREFIX[lang].get(slot.kind)
            title = f"{prefix}: {card.title}" if prefix else card.title
        else:
            raise ValueError(f"session {slot.number} needs a topic card")
        sources = [c for c in (choice.topic_id if slot.kind != "final" else None, pattern_id) if c]
        items.append(
            PlanItem(
                number=slot.number,
                kind=slot.kind,
                date=slot.date,
                duration_minutes=slot.duration_minutes,
                topic_id=card.id if card is not None and slot.kind != "final" else None,
                pattern_id=pattern_id,
                title=title,
                category=card.category if card is not None and slot.kind != "final" else None,
                reason=choice.reason,
                sources=sources,
            )
        )
    problems = plan_problems(items)
    if problems:
        raise ValueError("; ".join(problems))
    return SessionPlanDraft(language=lang, items=items, group_dates=group_dates, generated_by=generated_by)
