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
This module builds the first session and holds the shared helpers; the check-in and the retrospective
are built in :mod:`~companion.generation.frame_reviews`.
"""

from __future__ import annotations

from companion.generation.agenda_plan import Draft, Plan
from companion.generation.frame_phrases import F, frame
from companion.generation.goals import Goal
from companion.generation.guidance_phrases import gq, gq_goals, say
from companion.generation.guidance_review import review
from companion.generation.stemming import stems


def step_prompt(p: Plan, step: int, index: int) -> str:
    """A prompt of the session pattern's step (the card's own questions, addressed with du/you)."""
    steps = p.g.pattern.steps
    if step < len(steps) and index < len(steps[step].prompts):
        return steps[step].prompts[index]
    return ""


def labelled(p: Plan, goal: Goal, question: str) -> str:
    """A question about one goal, the goal quoted as its label: "„…“: Wie sähe …?"."""
    return f"{gq(p.lang, goal.text)}: {question}"


def goal_list(p: Plan, goals: list[Goal]) -> str:
    """ "Ziel: „…“." for one goal, "Eure Ziele: „…“; „…“." for several (foreign ones marked)."""
    if len(goals) == 1:
        return p.goal_line(goals[0])
    return f"{F[p.lang]['goals_label']}: {gq_goals(p.lang, goals)}."


def about(p: Plan, key: str, goal: Goal, many: bool) -> str:
    """The question ``key_<kind>`` for ``goal``, labelled with the goal when there are several."""
    question = frame(p.lang, f"{key}_{goal.kind}", seed=goal.text, **p.side_names())
    return labelled(p, goal, question) if many else question


def each(p: Plan, key: str, goals: list[Goal]) -> list[str]:
    """:func:`about` for several goals; two goals of one kind get different questions where the
    kind has more than one."""
    asked: set[str] = set()
    prompts = []
    for goal in goals:
        question = frame(p.lang, f"{key}_{goal.kind}", seed=goal.text, **p.side_names())
        if question in asked:
            options = [frame(p.lang, f"{key}_{goal.kind}", seed=str(i), **p.side_names()) for i in range(8)]
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
        text = text if text.endswith(("?", "!")) else f"{text}."
        title = p.people.fill_roles(act.title)
        if many and key == "idea_next":
            quoted = gq(p.lang, goal.text)
            lines.append(frame(p.lang, "idea_next_goal", goal=quoted, title=title, text=text))
        else:
            lines.append(frame(p.lang, key, title=title, text=text))
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
        goal_q = about(p, "reach_q", main, len(p.goals) > 1)
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
        say(lang, "first_meet_p", plural, p.seed, **p.side_names()),
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
    prompts = each(p, "reach_q", goals[:2])
    # What the senior side can contribute: the topic card's question that fits the main goal's
    # subject best (a goal about figures gets the question about figures), else one for its kind.
    fits = p.question("senior", stems(goals[0].about, lang) or p.wanted)
    give = frame(lang, f"give_q_{goals[0].kind}", seed=goals[0].text, **p.side_names())
    prompts += fits or [give]
    if not many and give not in prompts:
        prompts.append(give)
    purpose = " ".join(
        [
            goal_list(p, goals),
            frame(lang, "goals_p" if many else "goals_p_one"),
            frame(lang, "give_p", p.people.plural("senior"), **p.side_names()),
        ]
    )
    title = frame(lang, "goals_t" if many else f"goals_t_{goals[0].kind}", **p.side_names())
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
        frame(lang, f"road_p{one}", people.plural("junior"), **p.side_names()),
        [frame(lang, f"road_q{one}", seed=p.seed), *(_road_more(p) if own_item else [])],
        p.contributors("junior"),
    )


def _road_more(p: Plan) -> list[str]:
    return ideas(p, "idea_next", 2) or [step_prompt(p, 3, 0)]
