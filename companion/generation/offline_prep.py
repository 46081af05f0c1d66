"""Offline preparation questions and reflection prompts.

Preparation takes the topic card's questions for each side (rotated by session number, so a second
session on a topic gets other questions), the pattern's own questions for first, mid-programme and final
sessions, the pair's goals, expertise and roles (quoted as data), and the role-tip cards for what to
bring. Reflection prompts differ for first, regular and final sessions.
"""

from __future__ import annotations

from companion.generation.grounding import Grounding, dedupe, rotate
from companion.generation.phrases import phrase, phrase_list, quote
from companion.generation.safety import clip, safe_phrase
from companion.generation.schemas import GenerationContext, Preparation, ReflectionPrompts
from companion.generation.topics import TopicResolver
from companion.retrieval.knowledge import KnowledgeBase


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
    knowledge: KnowledgeBase, ctx: GenerationContext, generated_by: str, topics: TopicResolver | None = None
) -> Preparation:
    """Preparation for both sides of a prepared context."""
    g = Grounding(knowledge, ctx, topics)
    lang, q_label = g.lang, g.quoted_label()
    junior_q, senior_q = _questions(g)
    for goal in g.goals[:2]:
        junior_q.append(phrase(lang, "prep_j_goal", goal=quote(lang, goal)))
        senior_q.append(phrase(lang, "prep_s_goal", goal=quote(lang, goal)))
    expertise = next((e for e in (safe_phrase(p.expertise, 80) for p in ctx.juniors) if e), None)
    role = next((r for r in (safe_phrase(p.role, 80) for p in ctx.seniors) if r), None)
    if expertise:
        junior_q.append(phrase(lang, "prep_j_expertise", expertise=expertise))
    if role and g.topical:
        senior_q.append(phrase(lang, "prep_s_role", role=role))
    if g.focus and (previous := g.previous(1)):
        senior_q.insert(0, phrase(lang, "prep_s_previous", prev=previous[0]))
    if g.is_technical():
        junior_q.append(phrase(lang, "prep_j_nontech"))
        senior_q.append(phrase(lang, "prep_s_nontech"))
    junior_tip, senior_tip = g.card("role-junior-mentor"), g.card("role-senior-mentee")
    junior_bring = junior_tip.bullets("preparation")[:3] if junior_tip else []
    senior_bring = senior_tip.bullets("preparation")[:3] if senior_tip else []
    if q_label and g.topical:
        junior_bring.append(phrase(lang, "bring_j_example", topic=q_label))
        senior_bring.append(phrase(lang, "bring_s_situation", topic=q_label))
    if g.topical and (ideas := g.ideas()):
        junior_bring.append(phrase(lang, "idea", idea=ideas[0]))
    topic_id = g.topic.id if g.topic else None
    return Preparation(
        title=g.title("prep_title"),
        language=lang,
        junior_questions=[clip(q, 400) for q in dedupe(junior_q, 10)],
        senior_questions=[clip(q, 400) for q in dedupe(senior_q, 10)],
        junior_to_bring=[clip(b, 400) for b in dedupe(junior_bring, 8)],
        senior_to_bring=[clip(b, 400) for b in dedupe(senior_bring, 8)],
        sources=g.refs([topic_id, g.pattern.id, "role-junior-mentor", "role-senior-mentee"]),
        generated_by=generated_by,
    )


def compose_reflection_prompts(
    knowledge: KnowledgeBase, ctx: GenerationContext, generated_by: str, topics: TopicResolver | None = None
) -> ReflectionPrompts:
    """Reflection prompts for both sides of a prepared context."""
    g = Grounding(knowledge, ctx, topics)
    lang = g.lang
    if g.pattern.id == "pattern-first-session":
        junior, senior = phrase_list(lang, "refl_first_j"), phrase_list(lang, "refl_first_s")
    elif g.pattern.id == "pattern-final-retrospective":
        junior, senior = phrase_list(lang, "refl_final_j"), phrase_list(lang, "refl_final_s")
    else:
        junior, senior = phrase_list(lang, "refl_j"), phrase_list(lang, "refl_s")
        if q_label := g.quoted_label():
            junior[0] = phrase(lang, "refl_topic_j", topic=q_label)
            senior[0] = phrase(lang, "refl_topic_s", topic=q_label)
        if g.is_technical():
            senior.insert(2, phrase(lang, "refl_nontech_s"))
    return ReflectionPrompts(
        language=lang,
        junior_prompts=dedupe(junior, 8),
        senior_prompts=dedupe(senior, 8),
        sources=g.refs([g.pattern.id, "principle-dialogue", "principle-eye-level"]),
        generated_by=generated_by,
    )
