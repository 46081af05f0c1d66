"""Offline agendas built from the pair's goals: each goal becomes an activity with an owner and an outcome.

The plan (:mod:`~companion.generation.agenda_plan`) understands the goals, chooses activities from the
topic cards by meaning, and decides what fits into the time; this module gives the session its shape:

- **regular sessions** differ by topic category: technology (hands-on, then a non-technical item),
  work (the senior's starting point first, then the junior's view and a joint result) and culture (two
  stories, then the junior's perspective);
- **formats**: peer sessions add a block in which the senior teaches (both teach), group sessions name
  every junior and let them contribute in turn, project sessions start from the work in progress;
- **duration**: 30 minutes get fewer, longer blocks; the junior-led core never gets under a third;
- **first session**: getting to know each other, what stays confidential, the senior's situation, a
  first activity for the main goal, topics for the next sessions; **check-in** and **final session**
  look at every goal by name.

Goals that do not fit are named "for a later session" in the closing item, never dropped.
"""

from __future__ import annotations

from companion.generation.agenda_plan import Draft, Plan, principle_ids
from companion.generation.guidance_phrases import pick, say
from companion.generation.guidance_review import R, review
from companion.generation.phrases import phrase
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
        drafts = _first(p)
    elif pattern == "pattern-final-retrospective":
        drafts = _final(p)
    elif pattern == "pattern-mid-checkin":
        drafts = _checkin(p)
    else:
        drafts = _focus(p)
    if ctx.format == "peer" and not any(
        d.lead == "senior" and d.title == p.peer_block().title for d in drafts
    ):
        drafts.insert(len(drafts) - 1, p.peer_block())  # both teach, in every kind of peer session
    drafts = drafts[: max_items(ctx.duration_minutes)]
    minutes = _minutes(drafts, ctx.duration_minutes)
    items = [
        AgendaItem(
            title=clip(d.title, 160),
            minutes=m,
            lead=d.lead,
            purpose=clip(d.purpose, 600),
            prompts=[clip(q, 400) for q in list(dict.fromkeys(q for q in d.prompts if q))[:3]],
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


# --- first session, check-in, retrospective -------------------------------------------------------


def _first(p: Plan) -> list[Draft]:
    lang, people = p.lang, p.people
    plural = people.plural("junior") or people.plural("senior")
    main = p.goals[0] if p.goals else None
    # The main goal is part of getting to know each other: why it matters to this pair.
    goal_q = review(lang, f"meet_q_{main.kind}", main.text) if main else ""
    meet_prompts = [step_prompt(p, 0, 0), goal_q or step_prompt(p, 0, 1)]
    if p.g.label:
        meet_prompts.insert(1, say(lang, "first_meet_q_topic", topic=p.g.quoted_label() or ""))
    drafts = [
        Draft(
            say(lang, "first_meet_t"),
            20,
            "both",
            say(lang, "first_meet_p", plural, p.seed, J=people.names("junior"), S=people.names("senior")),
            meet_prompts,
            p.all_contributors(),
        ),
        Draft(
            say(lang, "first_rules_t"),
            15,
            "both",
            say(lang, "first_rules_p", seed=p.seed),
            [
                say(lang, "first_rules_q1"),
                review(lang, f"rules_q_{main.kind}") if main else step_prompt(p, 1, 0),
                say(lang, "first_rules_q2"),
            ],
            p.all_contributors(),
        ),
    ]
    if p.ctx.duration_minutes > 30:
        drafts.append(p.senior_context(weight=15))
    drafts += p.goal_items(weights=(25,))
    topics = Draft(
        say(lang, "first_topics_t"),
        15,
        "junior",
        say(lang, "first_topics_p", people.plural("junior"), p.seed, J=people.names("junior")),
        [step_prompt(p, 3, 0), step_prompt(p, 3, 1)],
        p.contributors("junior"),
    )
    if p.ctx.duration_minutes > 45 or not p.goal_activities:
        drafts.append(topics)
    closing = p.closing(first=True)
    if topics not in drafts:  # short first session: the topic choice moves into the closing item
        closing.purpose = f"{topics.purpose} {closing.purpose}"
    drafts.append(closing)
    return drafts


def step_prompt(p: Plan, step: int, index: int) -> str:
    """A prompt of the session pattern's step (the card's own questions, addressed with du/you)."""
    steps = p.g.pattern.steps
    if step < len(steps) and index < len(steps[step].prompts):
        return steps[step].prompts[index]
    return ""


def _checkin(p: Plan) -> list[Draft]:
    lang, people = p.lang, p.people
    steps = p.g.pattern.steps
    mood = Draft(
        steps[0].title,
        10,
        "both",
        say(lang, "mood_p", seed=p.seed),
        [step_prompt(p, 0, 0), step_prompt(p, 0, 1)],
        p.all_contributors(),
    )
    progress = p.progress()
    if p.ctx.duration_minutes <= 30:  # fewer, longer blocks: the mood check opens the goal review
        progress.title, progress.purpose = steps[0].title, f"{mood.purpose} {progress.purpose}"
        drafts = [progress]
    else:
        drafts = [mood, progress] if p.goals else [mood]
    if p.goal_activities or p.g.label:
        drafts += p.goal_items(weights=(30,))
    else:
        drafts.append(p.junior_view(checkin=True))
    drafts.append(
        Draft(
            say(lang, "s_view_t", S=people.names("senior")),
            15,
            "senior",
            say(
                lang,
                "s_view_p",
                people.plural("senior"),
                p.seed,
                S=people.names("senior"),
                J=people.names("junior"),
            ),
            [step_prompt(p, 3, 0), step_prompt(p, 3, 1)],
            p.contributors("senior"),
        )
    )
    if p.category == "technology" and p.g.label:
        drafts.append(p.nontech(weight=10))
    closing = p.closing()
    closing.title = steps[-1].title
    closing.purpose = f"{say(lang, 'plan_p', seed=p.seed)} {closing.purpose}"
    if p.g.label:
        closing.prompts.insert(0, phrase(lang, "topic_next", topic=p.g.quoted_label() or ""))
    drafts.append(closing)
    return drafts


def _final(p: Plan) -> list[Draft]:
    lang = p.lang
    drafts = [p.looking_back(), *(_reviews(p) or [p.progress(weight=20)]), p.junior_view(checkin=False)]
    drafts.append(
        Draft(
            say(lang, "s_view_t", S=p.people.names("senior")),
            20,
            "senior",
            say(
                lang,
                "s_view_p",
                p.people.plural("senior"),
                p.seed,
                S=p.people.names("senior"),
                J=p.people.names("junior"),
            ),
            [step_prompt(p, 2, 0), step_prompt(p, 2, 1)],
            p.contributors("senior"),
        )
    )
    seed = " ".join(p.ctx.goals) or p.people.names("senior")
    drafts.append(
        Draft(
            say(lang, "retro_close_t"),
            15,
            "both",
            say(lang, "retro_close_p", seed=p.seed) + p.later_line(),
            [say(lang, "retro_q_go_on"), pick([say(lang, "retro_q_rec"), step_prompt(p, 3, 0)], seed)],
            p.all_contributors(),
        )
    )
    return drafts


def _reviews(p: Plan) -> list[Draft]:
    """One review block per goal in a final session, shaped by what the goal wanted (a decision is
    looked at differently from a habit or a contact); as many as the time allows, the last block
    names the goals beyond that."""
    lang, people = p.lang, p.people
    names = {"J": people.names("junior"), "S": people.names("senior")}
    fit = max(1, (p.ctx.duration_minutes - 40) // 10)
    blocks = [
        Draft(
            review(lang, f"rev_t_{goal.kind}"),
            20 if len(p.goals) == 1 else 12,
            "both",
            f"{p.goal_line(goal)} {review(lang, f'rev_p_{goal.kind}', **names)}",
            R[lang][f"rev_q_{goal.kind}"].split("|"),
            p.all_contributors(),
        )
        for goal in p.goals[:fit]
    ]
    if blocks and len(p.goals) > fit:
        blocks[-1].purpose += " " + " ".join(p.goal_line(g) for g in p.goals[fit:])
    return blocks
