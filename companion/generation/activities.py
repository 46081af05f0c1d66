"""Session activities: read from the topic cards' "Ideen für die Session", chosen per goal by meaning.

A card's session idea reads ``Name (30 Min.): what happens. Ergebnis: what exists afterwards.`` (the
outcome is optional). For each goal, the retriever (the hybrid embedders, or keyword search) ranks the
topic cards by the goal's words; the activities of the best cards are scored by shared stemmed words
with the goal and by whether their outcome kind matches the goal's. An activity must share a content
word with the goal or the topic to be used at all: an unrelated card's idea is never pasted in (a goal
without a fitting activity gets a general one for its outcome kind instead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.generation.activity_meaning import (
    KIND_BONUS,
    MIN_Z_NO_CARD,
    MIN_Z_OTHER,
    MIN_Z_TOPIC,
    TOPIC_BONUS,
    MeaningScorer,
)
from companion.generation.goals import Goal, kind_of
from companion.generation.grounding import idea_text
from companion.generation.stemming import stems
from companion.retrieval.knowledge import Card, KnowledgeBase
from companion.retrieval.types import Retriever

_OUTCOME = re.compile(r"\s*(?:Ergebnis|Outcome):\s*", re.IGNORECASE)
# Who leads an idea: "Die Junior-Seite zeigt …" (the cards' neutral form), "The junior shows …".
_LEAD_J = re.compile(r"^(?:die|der|the)\s+junior(?:-seite)?\b", re.IGNORECASE)
_LEAD_S = re.compile(r"^(?:die|der|the)\s+senior(?:-seite)?\b", re.IGNORECASE)
MIN_SHARED = 1  # shared content words an activity of the session's own card needs
MIN_SHARED_OTHER = 2  # ... and one of another card (which must be about the goal, not merely near it)
# Words every activity could share with a goal ("planen", "Team", "gemeinsam"): no evidence of fit.
_GENERIC = stems(
    "planen plan erstellen entwerfen schreiben ausprobieren testen entscheiden machen nutzen zeigen "
    "bauen gemeinsam team arbeit arbeiten kolleginnen kollegen unternehmen firma bereich thema neue "
    "eigene eigenen erste ersten beispiel woche wochen jung junge jüngere jüngeren kollege kollegen "
    "kolleginnen mitarbeitende menschen leute",
    "de",
) | stems(
    "plan planning create draft write try test decide make use show build together team work "
    "colleagues company organisation area topic new own first example week weeks young younger people "
    "colleague staff employees",
    "en",
)


@dataclass(frozen=True)
class Activity:
    """One activity from a card (or a general one for an outcome kind, with ``card_id`` None)."""

    title: str
    text: str
    outcome: str | None
    lead: str  # junior | senior | both
    kind: str
    card_id: str | None
    index: int = -1  # position among the card's session ideas (the row key of its vector)

    @property
    def key(self) -> str:
        return f"{self.card_id}:{self.title}"


def parse(card: Card, lang: str) -> list[Activity]:
    """The activities of a topic card's session ideas."""
    if "session_ideas" not in card.sections:
        return []
    result = []
    for index, bullet in enumerate(card.bullets("session_ideas")):
        clean = idea_text(bullet, lang)
        head, colon, body = clean.partition(": ")
        if not colon or len(head) > 70:
            head, body = "", clean
        outcome = ""
        if m := _OUTCOME.search(body):
            body, outcome = body[: m.start()].strip(), body[m.end() :].strip().rstrip(".")
        lead = "junior" if _LEAD_J.search(body) else "senior" if _LEAD_S.search(body) else "both"
        title = head or body.split(".")[0][:60]
        result.append(
            Activity(title, body, outcome or None, lead, kind_of(f"{title} {body} {outcome}"), card.id, index)
        )
    return result


class ActivityChooser:
    """Parses every topic card's activities once; chooses activities for goals per request."""

    def __init__(self, knowledge: KnowledgeBase, retriever: Retriever | None = None) -> None:
        self.retriever = retriever
        self.meaning = MeaningScorer(retriever)
        self._by_card: dict[tuple[str, str], list[Activity]] = {}
        self._stems: dict[str, set[str]] = {}
        self._about: dict[tuple[str, str], set[str]] = {}  # stems of a card's title, tags and summary
        for card in knowledge.cards:
            if card.kind == "topic":
                about = " ".join([card.title, card.summary, *card.tags])
                self._about[(card.id, card.lang)] = stems(about, card.lang)
                acts = parse(card, card.lang)
                self._by_card[(card.id, card.lang)] = acts
                for a in acts:
                    self._stems[f"{card.lang}:{a.key}"] = stems(
                        f"{a.title} {a.text} {a.outcome or ''}", card.lang
                    )

    def activities(self, card_id: str, lang: str) -> list[Activity]:
        """The activities of one card."""
        return self._by_card.get((card_id, lang), [])

    def _cards_for(self, goal: Goal, lang: str, topic_id: str | None) -> list[str]:
        """Topic cards for one goal: the session's own card first, then what search ranks highest."""
        if topic_id:  # the pair chose the topic: its card's activities (or general ones), no other card
            return [topic_id]
        ranked: list[str] = []
        if self.retriever is None:
            return ranked
        for hit in self.retriever.search(goal.about, lang=lang, kinds=["topic"], k=3):
            if hit.card_id not in ranked:
                ranked.append(hit.card_id)
        return ranked[:3]

    def choose(
        self,
        goals: list[Goal],
        lang: str,
        topic_id: str | None,
        topic_words: str,
        used: set[str] | None = None,
    ) -> list[Activity | None]:
        """One activity per goal (``None`` where no card activity fits); no activity twice. By meaning
        when the retriever has embedders, else by shared words."""
        if self.meaning.available:
            return self._by_meaning(goals, lang, topic_id, set(used or ()))
        return self._by_words(goals, lang, topic_id, topic_words, set(used or ()))

    def _by_meaning(
        self, goals: list[Goal], lang: str, topic_id: str | None, taken: set[str]
    ) -> list[Activity | None]:
        chosen: list[Activity | None] = []
        for goal in goals:
            scores = self.meaning.scores(goal, lang)
            wanted = stems(goal.about, lang) - _GENERIC
            # Another card only when search ranks it for the goal and the goal shares a word with the
            # card or the activity: a near neighbour in vector space alone pasted unrelated ideas.
            others = set(self._cards_for(goal, lang, None))
            # Without a topic card (a free-text topic) only an activity plainly about the goal is used.
            min_other = MIN_Z_OTHER if topic_id else MIN_Z_NO_CARD
            best: tuple[float, Activity] | None = None
            for (card_id, card_lang), acts in self._by_card.items():
                own = card_id == topic_id
                if card_lang != lang or not (own or card_id in others):
                    continue
                about = self._about.get((card_id, lang), set())
                for act in acts:
                    z = self.meaning.z(scores, card_id, lang, act.index)
                    if act.key in taken or z is None or z < (MIN_Z_TOPIC if own else min_other):
                        continue
                    if not own and not wanted & (about | self._stems.get(f"{lang}:{act.key}", set())):
                        continue
                    score = z + (TOPIC_BONUS if own else 0.0) + (KIND_BONUS if act.kind == goal.kind else 0.0)
                    if best is None or score > best[0]:
                        best = (score, act)
            if best is not None:
                taken.add(best[1].key)
            chosen.append(best[1] if best else None)
        return chosen

    def _by_words(
        self, goals: list[Goal], lang: str, topic_id: str | None, topic_words: str, taken: set[str]
    ) -> list[Activity | None]:
        topic = stems(topic_words, lang) - _GENERIC
        chosen: list[Activity | None] = []
        for goal in goals:
            wanted = stems(goal.about, lang) - _GENERIC
            best: tuple[float, Activity] | None = None
            for rank, card_id in enumerate(self._cards_for(goal, lang, topic_id)):
                if card_id != topic_id and not wanted & self._about.get((card_id, lang), set()):
                    continue  # another card only when the goal is about what that card is about
                for act in self.activities(card_id, lang):
                    if act.key in taken:
                        continue
                    have = self._stems.get(f"{lang}:{act.key}", set())
                    shared = len(wanted & have)
                    # An activity of another card counts only through the goal's own words.
                    on_topic = len(topic & have) if card_id == topic_id else 0
                    if card_id != topic_id and shared < MIN_SHARED_OTHER:
                        continue
                    if shared + on_topic < MIN_SHARED:
                        continue
                    score = 2.0 * shared + 0.5 * min(on_topic, 2) + (1.5 if act.kind == goal.kind else 0)
                    score -= 0.4 * rank
                    if best is None or score > best[0]:
                        best = (score, act)
            if best is not None:
                taken.add(best[1].key)
            chosen.append(best[1] if best else None)
        return chosen
