"""Offline agendas: the session pattern's steps, woven with the topic card and the pair's goals.

The principles hold by construction: the junior leads the topic part (with the topic card's questions
for the junior and a session idea), the senior leads a context part (with the questions for the
senior), a technology topic gets a non-technical item, the opening and closing quote the pair's goals,
and the closing item asks for one concrete next step. Minutes follow the steps' shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from companion.generation.grounding import Grounding, dedupe, rotate
from companion.generation.phrases import phrase, quote
from companion.generation.safety import clip, safe_phrase
from companion.generation.schemas import Agenda, AgendaItem, GenerationContext, Lead
from companion.generation.timing import allocate_minutes, max_items, merge_plan
from companion.generation.topics import TopicResolver
from companion.retrieval.knowledge import Card, KnowledgeBase

_NEXT = re.compile(r"nächst|next|vorhaben|vereinbar|agree|commit|bis wann|by when", re.IGNORECASE)
_NONTECH = re.compile(r"nicht-technisch|non-technical|kultur|culture", re.IGNORECASE)
_REVIEW_PATTERNS = {"pattern-mid-checkin", "pattern-final-retrospective"}
# (opening, closing) goal phrases per pattern; focus sessions use the defaults.
_GOAL_KEYS = {
    "pattern-first-session": ("goal_first", "goal_close"),
    "pattern-mid-checkin": ("goal_review", "goal_close"),
    "pattern-final-retrospective": ("goal_final_open", "goal_final_close"),
}


@dataclass
class _Draft:
    title: str
    weight: float
    lead: Lead
    purpose: str
    prompts: list[str]
    role: str  # open | close | junior | senior | both | nontech | topic (a check-in's topic block)
    contributors: list[str] = field(default_factory=list)


def _talking_point(lang: str, bullet: str) -> str:
    """A prompt from a non-technical bullet: a question about its short head ("Vertrauen statt
    Kontrolle: ...") when it has one, else the bullet's first sentence as a talking point."""
    head, colon, _ = bullet.partition(": ")
    if colon and len(head) <= 60:
        return phrase(lang, "nontech_q", head=quote(lang, head.strip()))
    return clip(re.split(r"(?<=[.!?])\s", bullet, maxsplit=1)[0], 300)


def principle_ids(g: Grounding) -> list[str]:
    """The principle cards an offline agenda applies by construction."""
    ids = ["principle-eye-level", "principle-dialogue", "principle-structure"]
    if g.pattern.id == "pattern-first-session":
        ids += ["principle-voluntariness", "principle-confidentiality"]
    elif g.pattern.id == "pattern-final-retrospective":
        ids.append("principle-both-win")
    elif g.ctx.format == "group":
        ids.append("principle-confidentiality")
    if g.is_technical():
        ids.append("principle-no-hierarchy-in-learning")
    return ids


def compose_agenda(
    knowledge: KnowledgeBase, ctx: GenerationContext, generated_by: str, topics: TopicResolver | None = None
) -> Agenda:
    """The agenda for a prepared context."""
    g = Grounding(knowledge, ctx, topics)
    drafts = _skeleton(g)
    # Decided on the pattern's own items, before any topic text (a title like "… chat culture") is added.
    pattern_nontech = any(_NONTECH.search(f"{d.title} {d.purpose}") for d in drafts)
    if g.checkin_topic:
        _add_topic_block(g, drafts)
    if g.topical:
        _weave_topic(g, drafts, pattern_nontech)
    elif g.label and g.pattern.id == "pattern-first-session":
        for d in drafts:
            if d.role == "junior":
                d.purpose = f"{d.purpose} {phrase(g.lang, 'topic_in_purpose', topic=quote(g.lang, g.label))}"
    _weave_goals(g, drafts)
    _ensure_eye_level(g, drafts)
    _add_contributors(g, drafts)
    drafts = _fit(drafts, ctx.duration_minutes)
    minutes = allocate_minutes([d.weight for d in drafts], ctx.duration_minutes)
    items = [
        AgendaItem(
            title=clip(d.title, 160),
            minutes=m,
            lead=d.lead,
            purpose=clip(d.purpose, 600),
            prompts=[clip(p, 400) for p in dedupe(d.prompts, 3)],
            contributors=d.contributors,
        )
        for d, m in zip(drafts, minutes, strict=True)
    ]
    principles = principle_ids(g)
    return Agenda(
        title=g.title("title"),
        language=g.lang,
        duration_minutes=ctx.duration_minutes,
        items=items,
        principles=g.refs(list(principles)),
        sources=g.refs([g.pattern.id, g.topic.id if g.topic else None, *principles]),
        generated_by=generated_by,
    )


def _skeleton(g: Grounding) -> list[_Draft]:
    steps = g.pattern.steps
    last = len(steps) - 1
    return [
        _Draft(
            s.title,
            s.share,
            s.lead,
            s.purpose,
            list(s.prompts),
            "open" if i == 0 else "close" if i == last else s.lead,
        )
        for i, s in enumerate(steps)
    ]


def _add_topic_block(g: Grounding, drafts: list[_Draft]) -> None:
    """A check-in with a topic: a junior-led topic item before the senior's item (so the senior can put
    what was shown into context there), the check-in's own steps keep their order."""
    lang = g.lang
    title = phrase(lang, "junior_item_title", topic=g.quoted_label() or "…")
    prompts = [phrase(lang, "prep_j_generic_1", topic=g.quoted_label() or "…")]
    item = _Draft(title, 40, "junior", phrase(lang, "junior_item_purpose"), prompts, "topic")
    at = next((i for i, d in enumerate(drafts) if d.role == "senior"), len(drafts) - 1)
    drafts.insert(max(at, 1), item)


def _weave_topic(g: Grounding, drafts: list[_Draft], pattern_nontech: bool) -> None:
    lang, topic = g.lang, g.topic
    # In a check-in only the topic block carries the topic; the check-in's own items stay as they are.
    topic_roles = ("topic",) if g.checkin_topic else ("junior",)
    junior = [d for d in drafts if d.role in topic_roles]
    senior = [d for d in drafts if d.role == "senior"]
    both = [d for d in drafts if d.role == "both"]
    if g.label and junior and not g.checkin_topic:  # the check-in's topic block names it in its title
        junior[0].purpose += " " + phrase(lang, "topic_in_purpose", topic=quote(lang, g.label))
    nontech: list[str] = []
    if topic is not None:
        _weave_questions(g, topic, junior, senior)
        nontech = [_talking_point(lang, b) for b in topic.bullets("non_technical")[:2]]
    # A technology topic (with or without a card) always gets its own non-technical item.
    if g.is_technical() and not pattern_nontech:
        prompts = [*nontech, phrase(lang, "nontech_generic"), phrase(lang, "prep_j_nontech")][:3]
        item = _Draft(
            phrase(lang, "nontech_title"), 15, "both", phrase(lang, "nontech_purpose"), prompts, "nontech"
        )
        drafts.insert(len(drafts) - 1, item)
    elif both and nontech:
        both[0].prompts = nontech[:1] + both[0].prompts


def _weave_questions(g: Grounding, topic: Card, junior: list[_Draft], senior: list[_Draft]) -> None:
    """The topic card's questions for each side and one session idea, in the items each side leads."""
    jq = rotate(topic.bullets("junior_questions"), g.offset)
    sq = rotate(topic.bullets("senior_questions"), g.offset)
    ideas = g.ideas()
    main = max(junior, key=lambda d: d.weight) if junior else None
    for i, d in enumerate(junior):
        extra = [jq[i % len(jq)]] if jq else []
        if d is main and ideas:
            extra.append(phrase(g.lang, "idea", idea=ideas[0]))
        d.prompts = extra + d.prompts
    for i, d in enumerate(senior):
        question = [sq[i % len(sq)]] if sq else []
        # A check-in's senior item keeps its own questions first; the topic question comes after.
        d.prompts = d.prompts[:2] + question if g.checkin_topic else question + d.prompts


def _weave_goals(g: Grounding, drafts: list[_Draft]) -> None:
    lang, pattern_id = g.lang, g.pattern.id
    opening, closing = drafts[0], drafts[-1]
    open_key, close_key = _GOAL_KEYS.get(pattern_id, ("goal_open", "goal_close"))
    extra: list[str] = []
    if g.focus and (prev := g.previous(1)):
        extra.append(phrase(lang, "previous_open", prev=prev[0]))
    elif pattern_id in _REVIEW_PATTERNS and (prev := g.previous(3)):
        extra.append(phrase(lang, "previous_review", prev=", ".join(prev)))
    if g.goals:
        extra.insert(0, phrase(lang, open_key, goal=quote(lang, g.goals[0])))
        closing_goal = g.goals[1] if len(g.goals) > 1 else g.goals[0]
        closing.prompts = [phrase(lang, close_key, goal=quote(lang, closing_goal)), *closing.prompts]
    opening.prompts = [*opening.prompts[:1], *extra, *opening.prompts[1:]]
    if pattern_id == "pattern-mid-checkin" and g.label:
        closing.prompts.insert(1, phrase(lang, "topic_next", topic=quote(lang, g.label)))
    if not any(_NEXT.search(p) for p in closing.prompts[:3]):
        closing.prompts = [phrase(lang, "next_step"), *closing.prompts]
    if not _NEXT.search(closing.purpose):
        closing.purpose = f"{closing.purpose} {phrase(lang, 'next_step_purpose')}"


def _ensure_eye_level(g: Grounding, drafts: list[_Draft]) -> None:
    """Patterns carry a junior-led and a senior part; a hand-written pattern may not, so add them."""
    lang = g.lang
    if not any(d.lead == "junior" for d in drafts):
        title = phrase(lang, "junior_item_title", topic=g.quoted_label() or "…")
        drafts.insert(1, _Draft(title, 30, "junior", phrase(lang, "junior_item_purpose"), [], "junior"))
    if not any(d.lead in ("senior", "both") and d.role not in ("open", "close") for d in drafts):
        prompts = [phrase(lang, "senior_item_q")]
        item = _Draft(
            phrase(lang, "senior_item_title"),
            20,
            "senior",
            phrase(lang, "senior_item_purpose"),
            prompts,
            "senior",
        )
        drafts.insert(len(drafts) - 1, item)
    for d in drafts:
        if not d.prompts:
            d.prompts = [phrase(lang, "senior_item_q") if d.lead == "senior" else phrase(lang, "next_step")]


def _add_contributors(g: Grounding, drafts: list[_Draft]) -> None:
    if g.ctx.format != "group":
        return
    juniors = [n for n in (safe_phrase(p.name, 80) for p in g.ctx.juniors) if n]
    seniors = [n for n in (safe_phrase(p.name, 80) for p in g.ctx.seniors) if n]
    for d in drafts:
        d.contributors = (
            juniors if d.lead == "junior" else seniors if d.lead == "senior" else juniors + seniors
        )


def _fit(drafts: list[_Draft], duration: int) -> list[_Draft]:
    """Merge items until each can get five minutes; opening, closing, the main junior part, the first
    senior part and the non-technical item are kept apart."""
    limit = min(max_items(duration), 12)
    if len(drafts) <= limit:
        return drafts
    junior = [i for i, d in enumerate(drafts) if d.lead == "junior"]
    senior = [i for i, d in enumerate(drafts) if d.lead == "senior"]
    protected = {0, len(drafts) - 1, *senior[:1], *(i for i, d in enumerate(drafts) if d.role == "nontech")}
    if junior:
        protected.add(max(junior, key=lambda i: drafts[i].weight))
    merged = []
    for group in merge_plan([d.weight for d in drafts], limit, protected):
        parts = [drafts[i] for i in group]
        if len(parts) == 1:
            merged.append(parts[0])
            continue
        keep = next(
            (p for p in parts if p.role in ("open", "close", "nontech")), max(parts, key=lambda p: p.weight)
        )
        merged.append(
            _Draft(
                " / ".join(p.title for p in parts),
                sum(p.weight for p in parts),
                parts[0].lead if len({p.lead for p in parts}) == 1 else "both",
                " ".join(p.purpose for p in parts),
                [q for p in parts for q in p.prompts[:1]],
                keep.role,
                list(dict.fromkeys(c for p in parts for c in p.contributors)),
            )
        )
    return merged
