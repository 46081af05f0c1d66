"""The check-in and the final retrospective, shaped by the pair's goals (see
:mod:`~companion.generation.frame_sessions` for the first session and the shared helpers).

- **check-in**: the mood (with the main goal as a reference point), progress goal by goal (each checked
  the way its outcome kind asks), the main goal's activity, the senior side's view of the main goal,
  and per goal what changes for the second half, with a card activity proposed for it;
- **final retrospective**: looking back with the goals from the start next to the timeline, one review
  block per goal that fits, both sides' view of the main goal, and goal by goal what is finished, what
  continues and who takes care of it.
"""

from __future__ import annotations

import re

from companion.generation.agenda_plan import Draft, Plan
from companion.generation.frame_phrases import F, frame
from companion.generation.frame_sessions import (
    about,
    each,
    goal_list,
    ideas,
    labelled,
    step_prompt,
)
from companion.generation.goals import Goal
from companion.generation.guidance_phrases import gq, pick, say
from companion.generation.guidance_review import R, review
from companion.generation.people import fill
from companion.generation.phrases import phrase

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
    view = say(lang, "s_view_p", plural, p.seed, **p.side_names())
    if main:  # what the senior side's area shows of the main goal so far
        view = frame(lang, f"smid_p_{main.kind}", plural, **p.side_names())
    title = say(lang, "s_view_t", S=people.names("senior"))
    if main:
        title = frame(lang, f"smid_t_{main.kind}", **p.side_names())
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
        closing.prompts.insert(0, about(p, "plan_q", main, len(p.goals) > 1))
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
            parts.append(frame(lang, f"mid_p_{goal.kind}", p.people.plural("senior"), **p.side_names()))
    if len(goals) > 3:
        parts.append(goal_list(p, goals[3:]))
    title = frame(lang, f"mid_t_{goals[0].kind}") if not many else say(lang, "progress_t")
    prompts = each(p, "mid_q", goals[:3])
    return Draft(title, weight, "both", " ".join(parts), prompts, p.all_contributors())


# --- final retrospective --------------------------------------------------------------------------


# Goals about the time after the programme ("Empfehlungen für HR formulieren", "Keep meeting after the
# programme", "Das Gelernte in mein Team tragen"): the last session works on them instead of looking
# back on them. Checked in this order.
_FORWARD = [
    ("produce", re.compile(r"empfehl\w*|recommend\w*|leitfaden|tipps? für|tips for", re.IGNORECASE)),
    (
        "connect",
        re.compile(
            r"nach dem programm|after the program\w*|fortsetz\w*|fortführ\w*|weiterführ\w*|keep meeting|"
            r"keep in touch|stay in touch|in kontakt bleiben",
            re.IGNORECASE,
        ),
    ),
    (
        "pass",
        re.compile(
            r"in (?:mein|unser)\w* team\w* tragen|weitergeb\w*|\bpass\b.*\bon\b|to my team", re.IGNORECASE
        ),
    ),
]


def forward_kind(goal: Goal) -> str | None:
    """``produce``/``connect``/``pass`` for a goal about the time after the programme, else None."""
    return next((kind for kind, pattern in _FORWARD if pattern.search(goal.text)), None)


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
        say(lang, "s_view_p", plural, p.seed, **p.side_names()),
        [step_prompt(p, 2, 0), step_prompt(p, 2, 1)],
        p.contributors("senior"),
    )
    # Goals the session looks back on; one about the time after the programme is worked on instead.
    behind = [g for g in p.goals if forward_kind(g) is None]
    if main:  # the goals from the start lie next to the timeline
        quoted = "; ".join(gq(lang, g.text) for g in p.goals)
        back.purpose = f"{back.purpose} {F[lang]['back_goals' if many else 'back_goals_one']}: {quoted}."
    if behind:  # both sides' views look at the first goal the session looks back on
        first = behind[0]
        back.prompts[-1] = labelled(p, first, frame(lang, "back_q"))
        junior.prompts.insert(1, frame(lang, f"jfin_q_{first.kind}"))
        if not people.plural("junior"):
            junior.purpose = frame(lang, f"jfin_p_{first.kind}", **p.side_names())
        senior.purpose = frame(lang, f"sfin_p_{first.kind}", plural, **p.side_names())
        senior.title = frame(lang, f"sfin_t_{first.kind}", **p.side_names())
    drafts = [back, *(reviews(p) or [p.progress(weight=20)]), junior, senior]
    seed = " ".join(p.ctx.goals) or people.names("senior")
    prompts = [say(lang, "retro_q_go_on"), *each(p, "cont_q", behind[:2])]
    prompts.append(pick([say(lang, "retro_q_rec"), step_prompt(p, 3, 0)], seed))
    purpose = say(lang, "retro_close_p", seed=p.seed) + p.later_line()
    title = say(lang, "retro_close_t")
    if behind:  # goal by goal: what is finished, what continues, and who takes care of it
        kinds = dict.fromkeys(g.kind for g in behind[:2])
        steps = " ".join(frame(lang, f"cont_p_{k}", people.plural("junior"), **p.side_names()) for k in kinds)
        purpose = " ".join([frame(lang, "cont_p" if len(behind) > 1 else "cont_p_one"), steps, purpose])
        title = frame(lang, f"cont_t_{behind[0].kind}")
    drafts.append(Draft(title, 15, "both", purpose, prompts, p.all_contributors()))
    return drafts


def reviews(p: Plan) -> list[Draft]:
    """One review block per goal in a final session, shaped by what the goal wanted (a decision is
    looked at differently from a habit or a contact); as many as the time allows, the last block
    names the goals beyond that."""
    lang = p.lang
    fit = max(1, (p.ctx.duration_minutes - 40) // 10)
    blocks = []
    for goal in p.goals[:fit]:
        weight = 20 if len(p.goals) == 1 else 12
        if ahead := forward_kind(goal):  # worked on now: the pair writes, agrees or plans it
            purpose = frame(lang, f"fwd_p_{ahead}", p.people.plural("senior"), **p.side_names())
            names = p.side_names()
            prompts = [fill(lang, q, names) for q in F[lang][f"fwd_q_{ahead}"].split("|")]
            title = frame(lang, f"fwd_t_{ahead}")
            weight += 5  # work to do, not only a look back
        else:
            purpose = review(lang, f"rev_p_{goal.kind}", **p.side_names())
            prompts = R[lang][f"rev_q_{goal.kind}"].split("|")
            title = review(lang, f"rev_t_{goal.kind}")
        blocks.append(
            Draft(title, weight, "both", f"{p.goal_line(goal)} {purpose}", prompts, p.all_contributors())
        )
    if blocks and len(p.goals) > fit:
        blocks[-1].purpose += " " + " ".join(p.goal_line(g) for g in p.goals[fit:])
    return blocks
