"""Plan composers: one interface, an offline implementation grounded in the topic cards, and (in
:mod:`companion.planning.llm`) a pydantic-ai one. Both return a :class:`SessionPlanDraft` assembled by
:func:`companion.planning.shape.assemble`, so the shape and the topic mix are checked the same way."""

from __future__ import annotations

from abc import ABC, abstractmethod

from companion.planning.context import PlanContext, TopicOption
from companion.planning.reasons import final_reason, topic_reason
from companion.planning.schemas import PlanProposal, ProposedSession, SessionPlanDraft
from companion.planning.shape import assemble, max_technology
from companion.retrieval.knowledge import KnowledgeBase


class PlanComposer(ABC):
    """Proposes a pair's topic plan for the slots of its programme's frame."""

    name = "plan-composer"

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge

    @abstractmethod
    async def compose(self, ctx: PlanContext) -> SessionPlanDraft:
        """A complete plan: every slot dated, topics mixed, one reason per session."""


def choose_topics(options: list[TopicOption], count: int) -> list[TopicOption]:
    """``count`` topics, best first, that mix the families (see ``companion.planning.shape``)."""
    chosen: list[TopicOption] = []
    if count >= 3:
        for family in ("work", "culture", "technology"):
            best = next((o for o in options if o.category == family), None)
            if best is not None:
                chosen.append(best)
    elif count >= 1:
        best = next((o for o in options if o.category != "technology"), None)
        if best is not None:
            chosen.append(best)
    cap = max_technology(count)
    for option in options:
        if len(chosen) >= count:
            break
        techs = sum(1 for c in chosen if c.category == "technology")
        if option in chosen or (option.category == "technology" and techs >= cap):
            continue
        chosen.append(option)
    return order_topics(chosen[:count])


def order_topics(chosen: list[TopicOption]) -> list[TopicOption]:
    """Start with the strongest non-technology topic (people before tools), then avoid two topics of
    the same family in a row, stronger ones earlier."""
    rest = sorted(chosen, key=lambda o: -o.score)
    start = next((o for o in rest if o.category == "work"), None) or next(
        (o for o in rest if o.category != "technology"), rest[0] if rest else None
    )
    if start is None:
        return []
    ordered = [start]
    rest.remove(start)
    while rest:
        nxt = next((o for o in rest if o.category != ordered[-1].category), rest[0])
        ordered.append(nxt)
        rest.remove(nxt)
    return ordered


class OfflinePlanComposer(PlanComposer):
    """Picks topic cards by the pair's wishes under the mix rule; no model involved."""

    name = "offline"

    def propose(self, ctx: PlanContext) -> PlanProposal:
        """The choices and reasons, before dates and titles are attached."""
        topic_slots = [s for s in ctx.slots if s.kind != "final"]
        topics = choose_topics(ctx.options, len(topic_slots))
        sessions = [
            ProposedSession(number=slot.number, topic_id=option.id, reason=topic_reason(option, ctx, turn))
            for turn, (slot, option) in enumerate(zip(topic_slots, topics, strict=False))
        ]
        final = ctx.slots[-1]
        sessions.append(ProposedSession(number=final.number, topic_id=None, reason=final_reason(ctx)))
        return PlanProposal(sessions=sessions)

    async def compose(self, ctx: PlanContext) -> SessionPlanDraft:
        return assemble(
            self.propose(ctx),
            ctx.slots,
            self.knowledge,
            ctx.language,
            generated_by=self.name,
            group_dates=ctx.group_dates,
        )
