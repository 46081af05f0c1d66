"""Plan composers: one interface, an offline implementation grounded in the topic cards, and (in
:mod:`companion.planning.llm`) a pydantic-ai one. Both return a :class:`SessionPlanDraft` assembled by
:func:`companion.planning.shape.assemble`, so the shape and the topic mix are checked the same way."""

from __future__ import annotations

from abc import ABC, abstractmethod

from companion.planning.context import PlanContext, TopicOption
from companion.planning.schemas import PlanProposal, ProposedSession, SessionPlanDraft
from companion.planning.shape import assemble, max_technology
from companion.retrieval.knowledge import KnowledgeBase

FAMILY = {
    "de": {"technology": "die Technik", "work": "die Arbeitsweise", "culture": "die Kultur im Unternehmen"},
    "en": {"technology": "technology", "work": "ways of working", "culture": "company culture"},
}


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


def topic_reason(option: TopicOption, ctx: PlanContext, turn: int = 0) -> str:
    """One sentence tying a topic to the pair's goals, interests or expertise, in the plan's language."""
    de = ctx.language == "de"
    junior = ctx.juniors[0].name if ctx.juniors else ("dein Gegenüber" if de else "your partner")
    senior = ctx.seniors[0].name if ctx.seniors else ("dein Gegenüber" if de else "your partner")
    wish, who, title = option.wish, option.wisher, option.title
    if option.wish_kind == "goal":
        return f"Greift euer Ziel „{wish}“ auf: {title}." if de else f"Takes up your goal “{wish}”: {title}."
    if option.wish_kind == "senior_interest":
        return (
            f"{who} möchte mehr über {wish} lernen, und {junior} zeigt, wie Jüngere damit umgehen."
            if de
            else f"{who} wants to learn about {wish}, and {junior} shows how younger colleagues approach it."
        )
    if option.wish_kind == "junior_expertise":
        return (
            f"{who} kennt sich mit {wish} aus und kann {senior} dazu aus erster Hand berichten."
            if de
            else f"{who} knows {wish} well and can show {senior} first-hand."
        )
    if option.wish_kind == "junior_interest":
        return (
            f"{who} interessiert sich für {wish}, und {senior} bringt dazu Erfahrung aus dem Unternehmen mit."
            if de
            else f"{who} is interested in {wish}, and {senior} brings experience from the company."
        )
    if option.wish_kind == "senior_expertise":
        return (
            f"{who} bringt Erfahrung mit {wish} mit, hier lernen beide Seiten voneinander."
            if de
            else f"{who} brings experience in {wish}, so both sides learn from each other."
        )
    family = FAMILY[ctx.language][option.category]
    if ctx.goals:
        goal = ctx.goals[turn % len(ctx.goals)]  # topics added for the mix take up the goals in turn
        return (
            f"Ergänzt euer Ziel „{goal}“ um den Blick auf {family}: {title}."
            if de
            else f"Adds a look at {family} to your goal “{goal}”: {title}."
        )
    return (
        f"Für eine Mischung aus Technik, Arbeit und Kultur bringen {junior} und {senior} hier {family} ins Gespräch: {title}."
        if de
        else f"To mix technology, work and culture, {junior} and {senior} bring {family} into the conversation: {title}."
    )


def final_reason(ctx: PlanContext) -> str:
    """The retrospective's reason: looking back on the pair's own goal."""
    if ctx.goals:
        goal = ctx.goals[0]
        return (
            f"Ihr zieht Bilanz zu eurem Ziel „{goal}“, sammelt, was beide Seiten gelernt haben, und vereinbart, wie es weitergeht."
            if ctx.language == "de"
            else f"You take stock of your goal “{goal}”, collect what both sides learned and agree how to go on."
        )
    names = [p.name for p in [*ctx.juniors, *ctx.seniors]]
    if ctx.language == "de":
        if not names:
            return "Ihr zieht gemeinsam Bilanz, sammelt, was beide Seiten gelernt haben, und vereinbart, wie es weitergeht."
        who = ", ".join(names[:-1]) + " und " + names[-1] if len(names) > 1 else names[0]
        verb = "ziehen" if len(names) > 1 else "zieht"
        return f"{who} {verb} gemeinsam Bilanz, sammeln, was beide Seiten gelernt haben, und vereinbaren, wie es weitergeht."
    if not names:
        return "You take stock together, collect what both sides learned and agree how to go on."
    who = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return f"{who} take stock together, collect what both sides learned and agree how to go on."


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
