"""The plan behind an offline agenda: goals understood, activities chosen, people named, time budgeted.

:class:`Plan` holds everything one agenda needs (state and wording in
:mod:`~companion.generation.plan_base`, item builders in :mod:`~companion.generation.plan_items`);
:meth:`Plan.build` understands the goals and chooses their activities. The session's shape is decided
in :mod:`~companion.generation.offline_agenda`.
"""

from __future__ import annotations

from companion.generation.activities import ActivityChooser
from companion.generation.goals import understand
from companion.generation.grounding import Grounding
from companion.generation.plan_base import Draft
from companion.generation.plan_items import PlanItems
from companion.generation.schemas import GenerationContext
from companion.generation.topics import TopicResolver
from companion.retrieval.knowledge import KnowledgeBase

__all__ = ["MAX_GOALS", "Draft", "Plan", "goal_slots", "principle_ids"]

MAX_GOALS = 5


def goal_slots(ctx: GenerationContext, pattern_id: str) -> int:
    """How many goals get an activity of their own in this session."""
    if pattern_id == "pattern-final-retrospective":
        return 0
    if pattern_id in ("pattern-first-session", "pattern-mid-checkin"):
        return 1
    d = ctx.duration_minutes
    return 1 if d <= 30 else 2 if d <= 60 else 3 if d <= 90 else 4


def principle_ids(p: Plan) -> list[str]:
    """The principle cards the agenda applies by construction."""
    ids = ["principle-eye-level", "principle-dialogue", "principle-structure"]
    if p.g.pattern.id == "pattern-first-session":
        ids += ["principle-voluntariness", "principle-confidentiality"]
    elif p.g.pattern.id == "pattern-final-retrospective":
        ids.append("principle-both-win")
    elif p.ctx.format == "group":
        ids.append("principle-confidentiality")
    if p.category == "technology":
        ids.append("principle-no-hierarchy-in-learning")
    return ids


class Plan(PlanItems):
    """Goals, activities and people of one agenda, and the builders of its items."""

    @classmethod
    def build(
        cls,
        knowledge: KnowledgeBase,
        ctx: GenerationContext,
        topics: TopicResolver | None = None,
        chooser: ActivityChooser | None = None,
    ) -> Plan:
        """Understand the goals and choose an activity for each goal that fits into the session."""
        g = Grounding(knowledge, ctx, topics)
        goals = [understand(t, g.lang) for t in g.goals[:MAX_GOALS]]
        slots = goal_slots(ctx, g.pattern.id)
        chooser = chooser or ActivityChooser(knowledge, topics.retriever if topics else None)
        topic_id = g.topic.id if g.topic else None
        targets = goals[:slots]
        if slots and not goals and g.label:  # a topic but no goals: the topic's best activity
            targets = [understand(g.label, g.lang)]
        acts = chooser.choose(targets, g.lang, topic_id, g.label or "") if targets else []
        later = goals[slots:] if g.pattern.id in ("pattern-first-session",) or g.focus else []
        plan = cls(g, goals, list(zip(targets, acts, strict=True)), later)
        ahead = {"pattern-first-session": 3, "pattern-mid-checkin": 1}.get(g.pattern.id, 0)
        if ahead and goals:  # what the pair could take on next, by meaning, never an activity twice
            used = {a.key for a in acts if a is not None}
            nxt = chooser.choose(goals[:ahead], g.lang, topic_id, g.label or "", used)
            plan.next_acts = [(x, a) for x, a in zip(goals[:ahead], nxt, strict=True) if a is not None]
        return plan
