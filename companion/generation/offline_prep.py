"""Offline preparation questions and reflection prompts.

Preparation takes the topic card's questions for each side (rotated by session number, so a second
session on a topic gets other questions), the pattern's own questions for first, mid-programme and final
sessions, the pair's goals, expertise and roles (quoted as data), and the role-tip cards for what to
bring. Reflection prompts differ for first, regular and final sessions.
"""

from __future__ import annotations

import re

from companion.generation.activities import Activity
from companion.generation.agenda_plan import Plan
from companion.generation.goals import Goal, understand
from companion.generation.grounding import Grounding, dedupe, rotate
from companion.generation.guidance_phrases import G, gq, gq_goals, say
from companion.generation.guidance_review import review
from companion.generation.people import People, oblique
from companion.generation.phrases import phrase, phrase_list
from companion.generation.prep_activity import COVERS, mode_for, prepare
from companion.generation.pronouns import Possessives
from companion.generation.safety import clip
from companion.generation.schemas import GenerationContext, Preparation, ReflectionPrompts
from companion.generation.topics import TopicResolver
from companion.retrieval.knowledge import KnowledgeBase


def _goal_label(lang: str, goals: list[Goal]) -> str:
    """ "Ziel: „…“" or "Ziele: „…“; „…“" (the pair's own words marked as such)."""
    label = G[lang]["goal_label"] if len(goals) == 1 else _GOALS[lang]
    return f"{label}: {gq_goals(lang, goals)}"


_GOALS = {"de": "Ziele", "en": "Goals"}


def _questions(g: Grounding) -> tuple[list[str], list[str]]:
    lang, topic, q_label = g.lang, g.topic, g.quoted_label()
    if g.focus and topic is not None:
        return rotate(topic.bullets("junior_questions"), g.offset)[:4], rotate(
            topic.bullets("senior_questions"), g.offset
        )[:4]
    if g.focus and q_label:
        junior = [phrase(lang, f"prep_j_generic_{i}", topic=q_label) for i in (1, 2, 3)]
        return junior, [phrase(lang, f"prep_s_generic_{i}", topic=q_label) for i in (1, 2, 3)]
    # First session, mid-programme check-in, retrospective: the pattern's own questions, shared ones split.
    steps = g.pattern.steps
    shared = [p for s in steps if s.lead == "both" for p in s.prompts]
    junior = [p for s in steps if s.lead == "junior" for p in s.prompts] + shared[0::2]
    senior = [p for s in steps if s.lead == "senior" for p in s.prompts] + shared[1::2]
    if not g.checkin_topic:
        return junior[:4], senior[:4]
    # A check-in with a topic prepares both: two questions on the check-in, two on the topic.
    if topic is not None:
        topic_j = rotate(topic.bullets("junior_questions"), g.offset)[:2]
        topic_s = rotate(topic.bullets("senior_questions"), g.offset)[:2]
    else:
        topic_j = [phrase(lang, f"prep_j_generic_{i}", topic=q_label or "…") for i in (1, 2)]
        topic_s = [phrase(lang, f"prep_s_generic_{i}", topic=q_label or "…") for i in (1, 2)]
    return junior[:2] + topic_j, senior[:2] + topic_s


def compose_preparation(
    knowledge: KnowledgeBase,
    ctx: GenerationContext,
    generated_by: str,
    topics: TopicResolver | None = None,
    plan: Plan | None = None,
) -> Preparation:
    """Preparation for both sides of a prepared context: the topic card's questions, and for each
    activity the agenda will hold, what each side thinks about and brings (with names, never a
    default masculine)."""
    p = plan or Plan.build(knowledge, ctx, topics)
    g, lang, people = p.g, p.lang, p.people
    junior_q, senior_q = _questions(g)
    junior_q = [people.fill_roles(q) for q in junior_q]
    senior_q = [people.fill_roles(q) for q in senior_q]
    junior_bring: list[str] = []
    senior_bring: list[str] = []
    jn, sn = people.names("junior"), people.names("senior")
    # The activities the agenda will hold decide what each side prepares for them (a rehearsal needs a
    # situation, a demonstration a device); a decision always needs what is known about it.
    shown: list[tuple[str, Activity | None, str]] = []
    for goal, act in p.goal_activities[:2]:
        if goal.kind == "decide" and act is None:
            senior_q.insert(0, say(lang, "prep_s_decide"))
            senior_bring.append(say(lang, "bring_s_decide"))
            continue
        title = people.fill_roles(act.title) if act is not None else say(lang, f"gen_{goal.kind}_t")
        shown.append((title, act, goal.kind))
    if shown:
        lines = prepare(lang, shown, {"J": jn, "S": sn})
        junior_q[:0], senior_q[:0] = lines.junior_questions, lines.senior_questions
        junior_bring += lines.junior_bring
        senior_bring += lines.senior_bring
    if any(goal.kind == "decide" and act is not None for goal, act in p.goal_activities[:2]):
        senior_bring.append(say(lang, "bring_s_decide"))
    # What each side thinks about and brings follows what the goals want (a decision needs other
    # material than a new habit); the general role tips only fill in when there are no goals.
    names = {"J": jn, "S": sn}
    # One question and one thing to bring per side for each kind of goal, labelled with the goals it
    # serves: two goals of one kind share the line instead of repeating it with another label.
    covered = {
        goal.text
        for goal, act in p.goal_activities[:2]
        if (mode_for(act, goal.kind, lang), goal.kind) in COVERS
    }
    by_kind: dict[str, list[Goal]] = {}
    for goal in p.goals[:3]:
        if goal.text not in covered:
            by_kind.setdefault(goal.kind, []).append(goal)
    for kind, goals in by_kind.items():
        on = f" ({_goal_label(lang, goals)})"
        for key, target in (
            (f"prep_j_{kind}", junior_q),
            (f"prep_s_{kind}", senior_q),
            (f"bring_j_{kind}", junior_bring),
            (f"bring_s_{kind}", senior_bring),
        ):
            if line := review(lang, key, goals[0].text, **names):
                target.append(line + on)
    junior_q, senior_q = [q for q in junior_q if q], [q for q in senior_q if q]
    junior_bring, senior_bring = [b for b in junior_bring if b], [b for b in senior_bring if b]
    expertise = people.expertise("junior")
    role = people.role_of("senior")
    if expertise:
        junior_q.append(phrase(lang, "prep_j_expertise", expertise=expertise))
    if role and g.topical:
        senior_q.append(phrase(lang, "prep_s_role", role=role))
    if g.focus and (previous := g.previous(1)):
        senior_q.insert(0, phrase(lang, "prep_s_previous", prev=previous[0]))
    if p.category == "technology":
        junior_q.append(phrase(lang, "prep_j_nontech"))
        senior_q.append(phrase(lang, "prep_s_nontech"))
    # The role tips' general advice fills up, without lines about a length the session does not have.
    hour = re.compile(r"stunde|hour", re.IGNORECASE)
    for side, bring in (("role-junior-mentor", junior_bring), ("role-senior-mentee", senior_bring)):
        tip = g.card(side)
        tips = [people.fill_roles(b) for b in (tip.bullets("preparation") if tip else [])]
        if not bring:
            bring += [b for b in tips if ctx.duration_minutes == 60 or not hour.search(b)][:2]
    own = Possessives(people)  # "her area" for someone who gave she/her, not "their area"
    return Preparation(
        title=g.title("prep_title"),
        language=lang,
        junior_questions=[clip(own(q), 400) for q in dedupe(junior_q, 10)],
        senior_questions=[clip(own(q), 400) for q in dedupe(senior_q, 10)],
        junior_to_bring=[clip(own(b), 400) for b in dedupe(junior_bring, 8)],
        senior_to_bring=[clip(own(b), 400) for b in dedupe(senior_bring, 8)],
        sources=g.refs([*p.used_cards(), g.pattern.id, "role-junior-mentor", "role-senior-mentee"]),
        generated_by=generated_by,
    )


def _of(people: People, role: str, ctx: GenerationContext, lang: str) -> str:
    """Whose view a reflection prompt asks about. German: "von Petra", "von Aylin und Ben", else
    "deines Gegenübers" (one-to-one) or "der Senior-Seite" (several people) — never "des Seniors".
    English: "Ruth's", "Aylin and Ben's", "your counterpart's" or "the senior side's"."""
    if lang == "en":
        return f"{_who(people, role, ctx, lang)}'s"
    if people.side(role):
        return f"von {oblique(people.names(role))}"
    if ctx.format in ("group", "project"):
        return f"der {role.capitalize()}-Seite"
    return "deines Gegenübers"


def _who(people: People, role: str, ctx: GenerationContext, lang: str) -> str:
    """The other side as the subject or object of a prompt: names, else a neutral form."""
    if people.side(role):
        return people.names(role)
    if ctx.format in ("group", "project"):
        return f"die {role.capitalize()}-Seite" if lang == "de" else f"the {role} side"
    return "dein Gegenüber" if lang == "de" else "your counterpart"


def compose_reflection_prompts(
    knowledge: KnowledgeBase, ctx: GenerationContext, generated_by: str, topics: TopicResolver | None = None
) -> ReflectionPrompts:
    """Reflection prompts for both sides of a prepared context."""
    g = Grounding(knowledge, ctx, topics)
    lang = g.lang
    people = People(ctx)
    who = {
        "S_of": _of(people, "senior", ctx, lang),
        "J_of": _of(people, "junior", ctx, lang),
        "S_who": _who(people, "senior", ctx, lang),
        "J_who": _who(people, "junior", ctx, lang),
    }
    if g.pattern.id == "pattern-first-session":
        junior, senior = phrase_list(lang, "refl_first_j", **who), phrase_list(lang, "refl_first_s")
    elif g.pattern.id == "pattern-final-retrospective":
        junior, senior = phrase_list(lang, "refl_final_j"), phrase_list(lang, "refl_final_s", **who)
    else:
        junior, senior = phrase_list(lang, "refl_j", **who), phrase_list(lang, "refl_s")
        if q_label := g.quoted_label():
            junior[0] = phrase(lang, "refl_topic_j", topic=q_label, **who)
            senior[0] = phrase(lang, "refl_topic_s", topic=q_label)
        if g.is_technical():
            senior.insert(2, phrase(lang, "refl_nontech_s"))
    if g.pattern.id != "pattern-first-session":
        # One question per goal (after the opening one), by what the goal wants, labelled with it.
        names = {"J": people.names("junior"), "S": people.names("senior")}
        for index, goal in enumerate(understand(text, lang) for text in g.goals[:2]):
            label = f" ({G[lang]['goal_label']}: {gq(lang, goal.text)})"
            # The last session looks back on the goal instead of at today's step towards it.
            kind = "final" if g.pattern.id == "pattern-final-retrospective" else goal.kind
            junior.insert(1 + index, review(lang, f"refl_j_{kind}", **names) + label)
            senior.insert(1 + index, review(lang, f"refl_s_{kind}", **names) + label)
    return ReflectionPrompts(
        language=lang,
        junior_prompts=dedupe(junior, 8),
        senior_prompts=dedupe(senior, 8),
        sources=g.refs([g.pattern.id, "principle-dialogue", "principle-eye-level"]),
        generated_by=generated_by,
    )
