"""What the offline builders look up for one prepared context: pattern, topic card, labels, sources."""

from __future__ import annotations

import re

from companion.generation.context import norm
from companion.generation.eyelevel import eye_level_goals, is_top_down, reframe
from companion.generation.phrases import phrase, quote
from companion.generation.safety import clip, safe_goals, safe_phrase
from companion.generation.schemas import GenerationContext, SourceRef
from companion.generation.topics import TopicResolver
from companion.retrieval.knowledge import Card, KnowledgeBase

# Patterns whose sessions are about one topic; the others (first, mid-programme, final) are about
# the pair and the programme, so the topic only frames them.
FOCUS_PATTERNS = {"pattern-regular-session", "pattern-group-session", "pattern-project-session"}
# A mid-programme check-in that has a topic still gives the topic its own block (junior-led, with its
# non-technical angle): the pair planned it for this session.
CHECKIN = "pattern-mid-checkin"
_MINUTES_PAREN = re.compile(r"\d+\s*(?:[–-]\s*\d+\s*)?(?:min\b\.?|min\.|minuten|minutes)", re.IGNORECASE)
_IN_MINUTES = {
    "de": re.compile(r"\b(?:in|innerhalb von)\s+\d+\s+minuten\b,?\s*", re.IGNORECASE),
    "en": re.compile(r"\b(?:in|within)\s+\d+\s+minutes\b,?\s*", re.IGNORECASE),
}
_BRIEFLY = {"de": "kurz ", "en": "briefly "}


def dedupe(items: list[str], limit: int) -> list[str]:
    """Non-empty items in order, without repeats, at most ``limit``."""
    return list(dict.fromkeys(i for i in items if i))[:limit]


def idea_text(idea: str, lang: str) -> str:
    """A session idea without its own duration ("Prompt-Werkstatt (30 Min.): …" -> "Prompt-Werkstatt:
    …"), so that quoting it inside a shorter or longer agenda item never contradicts the item's minutes.
    Other durations ("two weeks") stay; "In 15 Minuten klären" reads "Kurz klären"."""

    def paren(m: re.Match[str]) -> str:
        parts = [p for p in m.group(1).split(",") if not _MINUTES_PAREN.search(p)]
        return f" ({', '.join(p.strip() for p in parts)})" if parts else ""

    text = re.sub(r"\s*\(([^()]*)\)", paren, idea)

    def briefly(m: re.Match[str]) -> str:
        word = _BRIEFLY[lang if lang in _BRIEFLY else "en"]
        return word.capitalize() if m.group(0)[0].isupper() else word

    text = _IN_MINUTES.get(lang, _IN_MINUTES["en"]).sub(briefly, text)
    return " ".join(text.split())


def rotate(items: list[str], offset: int) -> list[str]:
    """``items`` starting at ``offset`` (wrapping), so later sessions on a topic get other questions."""
    if not items:
        return []
    k = offset % len(items)
    return items[k:] + items[:k]


class Grounding:
    """Cards and quotable user text for one prepared context."""

    def __init__(
        self, knowledge: KnowledgeBase, ctx: GenerationContext, topics: TopicResolver | None = None
    ) -> None:
        self.knowledge = knowledge
        self.ctx = ctx
        self.topics = topics
        self.lang = ctx.language
        self.offset = ctx.session_number - 1
        self.pattern = self._pattern()
        self.topic = self.card(ctx.topic_id)
        self.label = self._topic_label()
        # Top-down goals are reframed at eye level before any builder quotes them.
        self.goals = eye_level_goals(safe_goals(ctx.goals), self.lang)
        self.focus = self.pattern.id in FOCUS_PATTERNS
        self.checkin_topic = self.pattern.id == CHECKIN and self.label is not None
        # Sessions that work on their topic: focus sessions and check-ins that have one.
        self.topical = self.focus or self.checkin_topic

    def card(self, card_id: str | None) -> Card | None:
        """A card in the context's language."""
        return self.knowledge.get(card_id, self.lang) if card_id else None

    def _pattern(self) -> Card:
        for card_id in (self.ctx.pattern_id, "pattern-regular-session"):
            card = self.card(card_id)
            if card is not None and card.steps:
                return card
        raise LookupError(f"session pattern {self.ctx.pattern_id!r} is missing from the knowledge base")

    def _topic_label(self) -> str | None:
        """The pair's wording when it is safe and not just a card id/title, else the card title."""
        user = safe_phrase(self.ctx.topic, 120)
        if user is not None and is_top_down(user):
            user = None if self.topic is not None else reframe(user, self.lang)
        if self.topic is None:
            return user
        twins = (self.knowledge.get(self.topic.id, lang) for lang in ("de", "en"))
        names = {norm(self.topic.id), *(norm(c.title) for c in twins if c is not None)}
        if user is None or norm(self.ctx.topic or "") in names:
            return self.topic.title
        return user

    def quoted_label(self) -> str | None:
        """The topic label in quotation marks, if there is one."""
        return quote(self.lang, self.label) if self.label else None

    def is_technical(self) -> bool:
        """True for topics of the technology category (they always get a non-technical angle); for a
        free-text topic without a card, when its words are about technology ("Frontend frameworks")."""
        if self.topic is not None:
            return self.topic.category == "technology"
        if self.label is None or self.topics is None:
            return False
        return self.topics.looks_technical(self.label)

    def refs(self, ids: list[str | None]) -> list[SourceRef]:
        """Source references for the cards that exist, in order, without repeats."""
        refs = []
        for card_id in dict.fromkeys(i for i in ids if i):
            card = self.card(card_id)
            if card is not None:
                refs.append(SourceRef(card_id=card.id, title=clip(card.title, 200)))
        return refs

    def session_label(self) -> str:
        """ "Session 3 von 6" / "Session 3"."""
        if self.ctx.total_sessions:
            return phrase(self.lang, "session_of", n=self.ctx.session_number, total=self.ctx.total_sessions)
        return phrase(self.lang, "session", n=self.ctx.session_number)

    def ideas(self) -> list[str]:
        """The topic card's session ideas (rotated by session), without durations of their own."""
        if self.topic is None:
            return []
        return [idea_text(i, self.lang) for i in rotate(self.topic.bullets("session_ideas"), self.offset)]

    def title(self, key: str) -> str:
        """A title from phrase ``key``: the topic for focus sessions, else the pattern's title (with the
        topic of a check-in)."""
        focus = self.label if self.label and self.focus else self.pattern.title
        if self.checkin_topic and self.label:
            focus = f"{self.pattern.title} · {self.label}"
        return clip(phrase(self.lang, key, session=self.session_label(), topic=focus), 200)

    def previous(self, n: int) -> list[str]:
        """The last ``n`` previous topics, quoted; card ids read as titles, unsafe text is left out."""
        labels = []
        for prev in self.ctx.previous_topics[-n:]:
            card = self.card(prev.strip())
            label = card.title if card is not None and card.kind == "topic" else safe_phrase(prev, 120)
            if label:
                labels.append(quote(self.lang, label))
        return labels
