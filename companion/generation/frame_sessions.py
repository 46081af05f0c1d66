"""The frame sessions of a programme, shaped by the pair's goals: first session, mid-programme check-in
and final retrospective.

These sessions follow the programme's rhythm (getting to know each other, half-time, looking back),
but a facilitator still runs them for *this* pair:

- **first session**: getting to know each other (including why the main goal matters), the ground
  rules, then the goals made concrete (what each looks like when reached, what the senior side can
  contribute), a first activity for the main goal, and a roadmap (which goal comes first, which topics
  go into which session); 30 minutes fold the goals into getting to know each other;
- **check-in**: the mood, then progress goal by goal (by what each goal wanted: a decision is checked
  differently from a habit), the senior side's view asked about the main goal, and what changes per
  goal for the second half;
- **final retrospective**: looking back with the goals from the start next to it, one review block per
  goal that fits, both sides' view, and goal by goal what is finished and what continues.

Goals appear as labelled lines or as the label of a question ("„…“: Wie sähe …?"), never in a slot.
"""

from __future__ import annotations

from typing import TypedDict

from companion.generation.agenda_plan import Draft, Plan
from companion.generation.frame_phrases import F, frame
from companion.generation.goals import Goal
from companion.generation.guidance_phrases import G, gq, pick, say
from companion.generation.guidance_review import R, review
from companion.generation.phrases import phrase
from companion.generation.stemming import stems


def step_prompt(p: Plan, step: int, index: int) -> str:
    """A prompt of the session pattern's step (the card's own questions, addressed with du/you)."""
    steps = p.g.pattern.steps
    if step < len(steps) and index < len(steps[step].prompts):
        return steps[step].prompts[index]
    return ""


class Names(TypedDict):
    J: str
    S: str


def _names(p: Plan) -> Names:
    return {"J": p.people.names("junior"), "S": p.people.names("senior")}


def labelled(p: Plan, goal: Goal, question: str) -> str:
    """A question about one goal, the goal quoted as its label: "„…“: Wie sähe …?"."""
    return f"{gq(p.lang, goal.text)}: {question}"


def goal_list(p: Plan, goals: list[Goal]) -> str:
    """ "Ziel: „…“." for one goal, "Eure Ziele: „…“; „…“." for several (foreign ones marked)."""
    if len(goals) == 1:
        return p.goal_line(goals[0])
    own = G[p.lang]["own_words"]
    quoted = "; ".join(gq(p.lang, g.text) + (f" ({own})" if g.foreign else "") for g in goals)
    return f"{F[p.lang]['goals_label']}: {quoted}."


def _about(p: Plan, key: str, goal: Goal, many: bool) -> str:
    """The question ``key_<kind>`` for ``goal``, labelled with the goal when there are several."""
    question = frame(p.lang, f"{key}_{goal.kind}", seed=goal.text, **_names(p))
    return labelled(p, goal, question) if many else question


def _each(p: Plan, key: str, goals: list[Goal]) -> list[str]:
    """:func:`_about` for several goals; two goals of one kind get different questions where the
    kind has more than one."""
    asked: set[str] = set()
    prompts = []
    for goal in goals:
        question = frame(p.lang, f"{key}_{goal.kind}", seed=goal.text, **_names(p))
        if question in asked:
            options = [frame(p.lang, f"{key}_{goal.kind}", seed=str(i), **_names(p)) for i in range(8)]
            question = next((q for q in options if q not in asked), question)
        asked.add(question)
        prompts.append(labelled(p, goal, question) if len(p.goals) > 1 else question)
    return prompts


def ideas(p: Plan, key: str, n: int) -> list[str]:
    """Up to ``n`` further activities for the goals, as proposals for the next sessions (from the
    cards, chosen by meaning); their cards count as sources once proposed."""
    many = len(p.goals) > 1
    lines = []
    for goal, act in p.next_acts[:n]:
        text = p.people.fill_roles(act.text).rstrip(".")
        title = p.people.fill_roles(act.title)
        if many and key == "idea_next":
            quoted = gq(p.lang, goal.text)
            lines.append(frame(p.lang, "idea_next_goal", goal=quoted, title=title, text=f"{text}."))
        else:
            lines.append(frame(p.lang, key, title=title, text=f"{text}."))
    p.next_shown = p.next_shown or bool(lines)
    return lines


# --- first session ----------------------------------------------------------------------------------


def first(p: Plan) -> list[Draft]:
    lang, people = p.lang, p.people
    plural = people.plural("junior") or people.plural("senior")
    main = p.goals[0] if p.goals else None
    short = p.ctx.duration_minutes <= 30
    # The main goal is part of getting to know each other: why it matters to this pair (in a short
    # session also what it looks like when reached, as there is no block of its own for that).
    goal_q = review(lang, f"meet_q_{main.kind}", main.text) if main else ""
    if main and short:
        goal_q = _about(p, "reach_q", main, len(p.goals) > 1)
    meet_prompts = [step_prompt(p, 0, 0), goal_q or step_prompt(p, 0, 1)]
    # Something personal about the topic: the card's question that fits the main goal, if there is one.
    personal = p.question("junior", stems(main.about, lang)) if main else []
    if personal or p.g.label:
        meet_prompts[1:1] = personal or [say(lang, "first_meet_q_topic", topic=p.g.quoted_label() or "")]
    compact = p.ctx.duration_minutes <= 45  # the goals need their time: shorter introductions
    meet = Draft(
        say(lang, "first_meet_t"),
        15 if compact and main else 20,
        "both",
        say(lang, "first_meet_p", plural, p.seed, **_names(p)),
        meet_prompts,
        p.all_contributors(),
    )
    if main and short:
        meet.title = frame(lang, "goals_t_short")
        tail = frame(lang, "goals_p_short" if len(p.goals) > 1 else "goals_p_short_one")
        meet.purpose = f"{meet.purpose} {goal_list(p, p.goals)} {tail}"
    rules = Draft(
        say(lang, "first_rules_t"),
        10 if compact and main else 15,
        "both",
        say(lang, "first_rules_p", seed=p.seed),
        [
            say(lang, "first_rules_q1"),
            review(lang, f"rules_q_{main.kind}") if main else step_prompt(p, 1, 0),
            say(lang, "first_rules_q2"),
        ],
        p.all_contributors(),
    )
    drafts = [meet, rules]
    if main and not short:
        drafts.append(concrete_goals(p))
    elif not short:
        drafts.append(p.senior_context(weight=15))
    drafts += p.goal_items(weights=(25,))
    long = p.ctx.duration_minutes > 45 or not p.goal_activities
    topics = roadmap(p, long)
    if long:
        drafts.append(topics)
    closing = p.closing(first=True)
    if not long:  # short first session: the roadmap moves into the closing item
        closing.purpose = f"{topics.purpose} {closing.purpose}"
        closing.prompts = [*closing.prompts[:1], *topics.prompts[:1], *closing.prompts[1:]][:2]
        closing.prompts += ideas(p, "idea_next", 1)
    drafts.append(closing)
    return drafts


def concrete_goals(p: Plan) -> Draft:
    """The pair's goals made concrete: what each looks like when reached, what the senior side can
    contribute from their area."""
    lang, goals = p.lang, p.goals
    many = len(goals) > 1
    prompts = _each(p, "reach_q", goals[:2])
    # What the senior side can contribute: the topic card's question that fits the main goal's
    # subject best (a goal about figures gets the question about figures), else one for its kind.
    fits = p.question("senior", stems(goals[0].about, lang) or p.wanted)
    prompts += fits or [frame(lang, f"give_q_{goals[0].kind}", seed=goals[0].text, **_names(p))]
    if not many:
        prompts.append(frame(lang, f"give_q_{goals[0].kind}", seed=goals[0].text, **_names(p)))
    purpose = " ".join(
        [
            goal_list(p, goals),
            frame(lang, "goals_p" if many else "goals_p_one"),
            frame(lang, "give_p", p.people.plural("senior"), **_names(p)),
        ]
    )
    title = frame(lang, "goals_t" if many else f"goals_t_{goals[0].kind}", **_names(p))
    # Led by the senior side: its goals, its area, what it can contribute (the junior side asks).
    return Draft(title, 15, "senior", purpose, prompts, p.contributors("senior"))


def roadmap(p: Plan, own_item: bool = True) -> Draft:
    """Which goal comes first and which topics go into the next sessions (the junior side proposes,
    with activities from the cards that fit the goals); without goals, the session pattern's topic
    collection. ``own_item`` False: only its purpose and first question are used (in the closing)."""
    lang, people = p.lang, p.people
    if not p.goals:
        return Draft(
            say(lang, "first_topics_t"),
            15,
            "junior",
            say(lang, "first_topics_p", people.plural("junior"), p.seed, J=people.names("junior")),
            [step_prompt(p, 3, 0), step_prompt(p, 3, 1)],
            p.contributors("junior"),
        )
    one = "" if len(p.goals) > 1 else "_one"
    return Draft(
        frame(lang, f"road_t{one}"),
        15,
        "junior",
        frame(lang, f"road_p{one}", people.plural("junior"), **_names(p)),
        [frame(lang, f"road_q{one}", seed=p.seed), *(_road_more(p) if own_item else [])],
        p.contributors("junior"),
    )


def _road_more(p: Plan) -> list[str]:
    return ideas(p, "idea_next", 2) or [step_prompt(p, 3, 0)]


# --- mid-programme check-in -----------------------------------------------------------------------


def checkin(p: Plan) -> list[Draft]:
    lang, people = p.lang, p.people
    steps = p.g.pattern.steps
    main = p.goals[0] if p.goals else None
    mood = Draft(
        steps[0].title,
        10,
        "both",
        say(lang, "mood_p", seed=p.seed),
        [step_prompt(p, 0, 0), labelled(p, main, frame(lang, "mood_q")) if main else step_prompt(p, 0, 1)],
        p.all_contributors(),
    )
    progress = midway(p) if p.goals else p.progress()
    if p.ctx.duration_minutes <= 30:  # fewer, longer blocks: the mood check opens the goal review
        progress.title, progress.purpose = steps[0].title, f"{mood.purpose} {progress.purpose}"
        drafts = [progress]
    else:
        drafts = [mood, progress] if p.goals else [mood]
    if p.goal_activities or p.g.label:
        drafts += p.goal_items(weights=(30,))
    else:
        drafts.append(p.junior_view(checkin=True))
    senior_q = frame(lang, f"smid_q_{main.kind}") if main else step_prompt(p, 3, 1)
    plural = people.plural("senior")
    view = say(lang, "s_view_p", plural, p.seed, **_names(p))
    if main:  # what the senior side's area shows of the main goal so far
        view = frame(lang, f"smid_p_{main.kind}", plural, **_names(p))
    title = say(lang, "s_view_t", S=people.names("senior"))
    if main:
        title = frame(lang, f"smid_t_{main.kind}", **_names(p))
    drafts.append(
        Draft(
            title,
            15,
            "senior",
            view,
            [senior_q, step_prompt(p, 3, 0), step_prompt(p, 3, 1)],
            p.contributors("senior"),
        )
    )
    if p.category == "technology" and p.g.label:
        drafts.append(p.nontech(weight=10))
    closing = p.closing()
    closing.title = steps[-1].title
    closing.purpose = " ".join([say(lang, "plan_p", seed=p.seed), closing.purpose, *ideas(p, "idea_half", 1)])
    if main:
        closing.prompts.insert(0, _about(p, "plan_q", main, len(p.goals) > 1))
    if p.g.label:
        closing.prompts.insert(0, phrase(lang, "topic_next", topic=p.g.quoted_label() or ""))
    drafts.append(closing)
    return drafts


def midway(p: Plan, weight: float = 15) -> Draft:
    """Progress goal by goal, each checked the way its outcome kind asks."""
    lang, goals = p.lang, p.goals
    many = len(goals) > 1
    parts, kinds = [frame(lang, "mid_p")] if many else [], set()
    for goal in goals[:3]:
        parts.append(p.goal_line(goal))
        if goal.kind not in kinds:
            kinds.add(goal.kind)
            parts.append(frame(lang, f"mid_p_{goal.kind}", p.people.plural("senior"), **_names(p)))
    if len(goals) > 3:
        parts.append(goal_list(p, goals[3:]))
    title = frame(lang, f"mid_t_{goals[0].kind}") if not many else say(lang, "progress_t")
    prompts = _each(p, "mid_q", goals[:3])
    return Draft(title, weight, "both", " ".join(parts), prompts, p.all_contributors())


# --- final retrospective --------------------------------------------------------------------------


def final(p: Plan) -> list[Draft]:
    lang, people = p.lang, p.people
    main = p.goals[0] if p.goals else None
    many = len(p.goals) > 1
    back = p.looking_back()
    junior = p.junior_view(checkin=False)
    plural = people.plural("senior")
    senior = Draft(
        say(lang, "s_view_t", S=people.names("senior")),
        20,
        "senior",
        say(lang, "s_view_p", plural, p.seed, **_names(p)),
        [step_prompt(p, 2, 0), step_prompt(p, 2, 1)],
        p.contributors("senior"),
    )
    if main:  # the goals from the start lie next to the timeline; both views look at the main goal
        quoted = "; ".join(gq(lang, g.text) for g in p.goals)
        back.purpose = f"{back.purpose} {F[lang]['back_goals' if many else 'back_goals_one']}: {quoted}."
        back.prompts[-1] = labelled(p, main, frame(lang, "back_q"))
        junior.prompts.insert(1, frame(lang, f"jfin_q_{main.kind}"))
        if not people.plural("junior"):
            junior.purpose = frame(lang, f"jfin_p_{main.kind}", **_names(p))
        senior.purpose = frame(lang, f"sfin_p_{main.kind}", plural, **_names(p))
        senior.title = frame(lang, f"sfin_t_{main.kind}", **_names(p))
        senior.prompts[0] = say(lang, f"retro_q_{main.kind}")
    drafts = [back, *(reviews(p) or [p.progress(weight=20)]), junior, senior]
    seed = " ".join(p.ctx.goals) or people.names("senior")
    prompts = [say(lang, "retro_q_go_on"), *_each(p, "cont_q", p.goals[:2])]
    prompts.append(pick([say(lang, "retro_q_rec"), step_prompt(p, 3, 0)], seed))
    purpose = say(lang, "retro_close_p", seed=p.seed) + p.later_line()
    if main:  # goal by goal: what is finished, what continues, and who takes care of it
        kinds = dict.fromkeys(g.kind for g in p.goals[:2])
        steps = " ".join(frame(lang, f"cont_p_{k}", people.plural("junior"), **_names(p)) for k in kinds)
        purpose = f"{frame(lang, 'cont_p' if many else 'cont_p_one')} {steps} {purpose}"
    title = frame(lang, f"cont_t_{main.kind}") if main else say(lang, "retro_close_t")
    drafts.append(Draft(title, 15, "both", purpose, prompts, p.all_contributors()))
    return drafts


def reviews(p: Plan) -> list[Draft]:
    """One review block per goal in a final session, shaped by what the goal wanted (a decision is
    looked at differently from a habit or a contact); as many as the time allows, the last block
    names the goals beyond that."""
    lang = p.lang
    fit = max(1, (p.ctx.duration_minutes - 40) // 10)
    blocks = [
        Draft(
            review(lang, f"rev_t_{goal.kind}"),
            20 if len(p.goals) == 1 else 12,
            "both",
            f"{p.goal_line(goal)} {review(lang, f'rev_p_{goal.kind}', **_names(p))}",
            R[lang][f"rev_q_{goal.kind}"].split("|"),
            p.all_contributors(),
        )
        for goal in p.goals[:fit]
    ]
    if blocks and len(p.goals) > fit:
        blocks[-1].purpose += " " + " ".join(p.goal_line(g) for g in p.goals[fit:])
    return blocks
