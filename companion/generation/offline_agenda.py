"""Offline agendas built from the pair's goals: each goal becomes an activity with an owner and an outcome.

The plan (:mod:`~companion.generation.agenda_plan`) understands the goals, chooses activities from the
topic cards by meaning, and decides what fits into the time; this module gives the session its shape:

- **regular sessions** differ by topic category: technology (hands-on, then a non-technical item),
  work (the senior's starting point first, then the junior's view and a joint result) and culture (two
  stories, then the junior's perspective);
- **formats**: peer sessions add a block in which the senior teaches (both teach), group sessions name
  every junior and let them contribute in turn, project sessions start from the work in progress;
- **duration**: 30 minutes get fewer, longer blocks; the junior-led core never gets under a third;
- **first session**, **check-in** and **final retrospective** follow the programme's rhythm but are
  shaped by the goals too (:mod:`~companion.generation.frame_sessions`): the first session makes the
  goals concrete, the check-in reviews them one by one, the retrospective decides what continues.

Goals that do not fit are named "for a later session" in the closing item, never dropped.
"""

from __future__ import annotations

from companion.generation import frame_reviews, frame_sessions
from companion.generation.agenda_plan import Draft, Plan, principle_ids
from companion.generation.pronouns import Possessives
from companion.generation.safety import clip
from companion.generation.schemas import Agenda, AgendaItem, GenerationContext
from companion.generation.timing import allocate_minutes, max_items
from companion.generation.topics import TopicResolver
from companion.retrieval.knowledge import KnowledgeBase

__all__ = ["compose_agenda", "principle_ids"]


def compose_agenda(
    knowledge: KnowledgeBase,
    ctx: GenerationContext,
    generated_by: str,
    topics: TopicResolver | None = None,
    plan: Plan | None = None,
) -> Agenda:
    """The agenda for a prepared context."""
    p = plan or Plan.build(knowledge, ctx, topics)
    pattern = p.g.pattern.id
    if pattern == "pattern-first-session":
        drafts = frame_sessions.first(p)
    elif pattern == "pattern-final-retrospective":
        drafts = frame_reviews.final(p)
    elif pattern == "pattern-mid-checkin":
        drafts = frame_reviews.checkin(p)
    else:
        drafts = _focus(p)
    if ctx.format == "peer" and not any(
        d.lead == "senior" and d.title == p.peer_block().title for d in drafts
    ):
        drafts.insert(len(drafts) - 1, p.peer_block())  # both teach, in every kind of peer session
    drafts = drafts[: max_items(ctx.duration_minutes)]
    minutes = _minutes(drafts, ctx.duration_minutes)
    own = Possessives(p.people)  # "her area" for someone who gave she/her, not "their area"
    items = [
        AgendaItem(
            title=clip(own(d.title), 160),
            minutes=m,
            lead=d.lead,
            purpose=clip(own(d.purpose), 600),
            # Pattern and card prompts speak of "die Junior-Seite"/"the junior": names where known.
            prompts=[
                clip(own(p.people.fill_roles(q)), 400)
                for q in list(dict.fromkeys(q for q in d.prompts if q))[:3]
            ],
            contributors=d.contributors,
        )
        for d, m in zip(drafts, minutes, strict=True)
    ]
    principles = principle_ids(p)
    return Agenda(
        title=p.g.title("title"),
        language=p.lang,
        duration_minutes=ctx.duration_minutes,
        items=items,
        principles=p.g.refs(list(principles)),
        sources=p.g.refs([p.g.pattern.id, *p.used_cards(), *principles]),
        generated_by=generated_by,
    )


def _minutes(drafts: list[Draft], duration: int) -> list[int]:
    """Minutes by weight; then the junior-led part is raised to a third of the session if it fell
    short, taking five-minute steps from the longest other item."""
    minutes = allocate_minutes([d.weight for d in drafts], duration)
    junior = [i for i, d in enumerate(drafts) if d.lead == "junior"]
    if not junior:
        return minutes
    main = max(junior, key=lambda i: drafts[i].weight)
    while sum(minutes[i] for i in junior) * 3 < duration:
        donors = [i for i in range(len(drafts)) if i not in junior and minutes[i] >= 10]
        if not donors:
            break
        donor = max(donors, key=lambda i: minutes[i])
        minutes[donor] -= 5
        minutes[main] += 5
    return minutes


# --- regular, group and project sessions ---------------------------------------------------------


def _focus(p: Plan) -> list[Draft]:
    short = p.ctx.duration_minutes <= 30
    drafts = [p.opening(with_context=short)]
    if p.ctx.format == "project":
        drafts.append(p.project_status())
    elif p.category == "culture" and not short:
        drafts.append(p.stories())
    elif not short:
        drafts.append(p.senior_context())
    drafts += p.goal_items()
    if p.ctx.format == "project":
        drafts.append(p.project_context())
    if p.category == "technology":
        drafts.append(p.nontech(weight=10 if short else 15))
    drafts.append(p.closing())
    return drafts
