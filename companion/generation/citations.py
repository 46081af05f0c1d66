"""Which of the cards the model cited does its text really use.

A model cites generously: every card it was shown, or ids it made up. A result credits a card only
when (1) the model cited it, (2) it was in front of the model (a retrieved passage, the session
pattern or the topic card), (3) it may be cited at all (a topic card only when it is the session's
topic), and (4) the text shares enough of the card's distinctive words. No usable citation means no
sources — never "every card that was shown".
"""

from __future__ import annotations

from collections.abc import Iterable

from companion.generation.safety import clean_text
from companion.generation.schemas import GenerationContext, SourceRef
from companion.retrieval.knowledge import Card, KnowledgeBase
from companion.retrieval.lexical import stems

# Share of a card's distinctive words the text must contain, and the least number of them: enough that
# a text on another subject does not pass by sharing "Team" and "Feedback".
MIN_SHARE = 0.12
MIN_WORDS = 3
# A text that shares this many distinctive words uses the card however long the passages shown were
# (cards with session activities give long passages, and the share alone then under-credits them).
ENOUGH_WORDS = 6
# Words of the programme itself; every card and every text has them, so they prove nothing.
_COMMON = {
    "de": "junior senior session tandem mentoring reverse programm beid seit frag ide thema ziel",
    "en": "junior senior session pair mentoring reverse programme both side question idea topic goal",
}


def card_text(card: Card, ctx: GenerationContext) -> str:
    """What the model saw of ``card``: its passages in the context, else its title, summary and steps."""
    shown = [p.text for p in ctx.passages if p.card_id == card.id]
    if shown:
        return " ".join([card.title, *shown])
    steps = [f"{s.title} {s.purpose}" for s in card.steps]
    return " ".join([card.title, card.summary, *steps])


def uses(card: Card, ctx: GenerationContext, text_stems: set[str]) -> bool:
    """True when the text (as stems) shares the card's title words or enough of its distinctive words."""
    lang = ctx.language
    common = set(stems(_COMMON[lang], lang))
    title = {s for s in stems(card.title, lang) if s not in common and len(s) >= 4}
    if title and len(title & text_stems) >= max(1, (len(title) + 1) // 2):
        return True
    words = {s for s in stems(card_text(card, ctx), lang) if s not in common and len(s) >= 4}
    if not words:
        return False
    overlap = len(words & text_stems)
    return overlap >= ENOUGH_WORDS or (overlap >= MIN_WORDS and overlap >= MIN_SHARE * len(words))


def shown_ids(ctx: GenerationContext) -> set[str]:
    """The cards in front of the model: passages, session pattern, topic card."""
    return {p.card_id for p in ctx.passages} | {i for i in (ctx.pattern_id, ctx.topic_id) if i}


def cited_sources(
    ids: Iterable[str], texts: Iterable[str], ctx: GenerationContext, knowledge: KnowledgeBase
) -> list[SourceRef]:
    """Source references for the cited ``ids`` the ``texts`` really use, in citation order."""
    lang = ctx.language
    text_stems = set(stems(" ".join(texts), lang))
    shown = shown_ids(ctx)
    refs = []
    for card_id in dict.fromkeys(i.strip() for i in ids):
        card = knowledge.get(card_id, lang)
        if card is None or card.id not in shown:
            continue
        if card.kind == "topic" and card.id != ctx.topic_id:
            continue  # another topic card was background at most
        if uses(card, ctx, text_stems):
            refs.append(SourceRef(card_id=card.id, title=clean_text(card.title, 200)))
    return refs
