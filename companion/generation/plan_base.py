"""The state behind an offline agenda and the wording helpers its item builders share.

:class:`PlanBase` holds the grounding, the understood goals, the chosen activities and the people of
one agenda, and words things for them (names, labelled goals, card questions that fit the goals);
:mod:`~companion.generation.plan_items` builds the items, :mod:`~companion.generation.agenda_plan`
chooses the activities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from companion.generation.activities import Activity
from companion.generation.goals import Goal
from companion.generation.grounding import Grounding
from companion.generation.guidance_phrases import G, gq, pick, say, variant
from companion.generation.people import People
from companion.generation.stemming import stems
from companion.retrieval.knowledge import Card


@dataclass
class Draft:
    """An agenda item before minutes are allocated."""

    title: str
    weight: float
    lead: str
    purpose: str
    prompts: list[str]
    contributors: list[str] = field(default_factory=list)


def _best(
    lines: list[str], wanted: set[str], lang: str, seed: str, n: int = 1, skip: set[str] | None = None
) -> list[str]:
    """The ``n`` lines sharing most stemmed words with ``wanted``; ties broken stably by ``seed``."""
    pool = [x for x in lines if x not in (skip or set())]
    if not pool:
        return []
    start = sum(map(ord, seed)) % len(pool)
    order = pool[start:] + pool[:start]
    return sorted(order, key=lambda x: -len(stems(x, lang) & wanted))[:n]


class SideNames(TypedDict):
    """``{J}`` and ``{S}`` of the phrase tables (typed, so ``**`` keeps the keyword types)."""

    J: str
    S: str


class PlanBase:
    """Goals, activities and people of one agenda, and the wording helpers of its items."""

    def __init__(
        self,
        g: Grounding,
        goals: list[Goal],
        goal_activities: list[tuple[Goal, Activity | None]],
        later: list[Goal],
    ) -> None:
        self.g = g
        self.ctx = g.ctx
        self.lang = g.lang
        self.people = People(g.ctx)
        self.goals = goals
        self.goal_activities = goal_activities
        self.later = later
        # Further activities for the goals, proposed for the next sessions (first session, check-in).
        self.next_acts: list[tuple[Goal, Activity]] = []
        self.next_shown = False  # set by the item that proposes them (their cards are then sources)
        guessed = "technology" if g.is_technical() else "work"
        self.category: str = (g.topic.category if g.topic else None) or guessed
        self.seed = " ".join(x.text for x in goals) or (g.label or "") or self.people.names("senior")
        self.wanted = stems(" ".join([x.about for x in goals] + [g.label or ""]), self.lang)
        self._used_q: set[str] = set()

    # --- wording helpers -------------------------------------------------------------------

    def side_names(self) -> SideNames:
        """The names of both sides, for the phrases' ``{J}`` and ``{S}``."""
        return {"J": self.people.names("junior"), "S": self.people.names("senior")}

    def say(self, key: str, plural_role: str | None = None, **values: str) -> str:
        """A phrase with the people filled in (plural form when ``plural_role`` has several people)."""
        plural = self.people.plural(plural_role) if plural_role else False
        return say(self.lang, key, plural, self.seed, **self.side_names(), **values)

    def in_turn(self, key: str, index: int, seed: str) -> str:
        """The ``index``-th wording of ``key`` after the one ``seed`` picks (unfilled): items of one
        kind take the wordings in turn instead of repeating one sentence."""
        options = G[self.lang][key].split("|")
        start = options.index(pick(options, seed))
        return options[(start + index) % len(options)]

    def outcome(self, goal: Goal, index: int) -> str:
        """The general outcome for the ``index``-th goal item: the variants of its kind in turn, so
        two goals of one kind in one agenda do not promise the same result word for word."""
        names = self.side_names()
        values: dict[str, str | int] = {"J": names["J"], "S": names["S"]}
        return variant(self.lang, self.in_turn(f"out_{goal.kind}", index, self.seed), "", values)

    def goal_line(self, goal: Goal) -> str:
        """ "Ziel: „…“." or, for a goal in the other language, marked as the pair's own words."""
        label = G[self.lang]["goal_label"]
        if goal.foreign:
            label = f"{label} ({G[self.lang]['own_words']})"
        return f"{label}: {gq(self.lang, goal.text)}."

    def later_line(self) -> str:
        """ " Für ein nächstes Treffen: „…“; „…“." when goals did not fit, else ""."""
        if not self.later:
            return ""
        goals = "; ".join(gq(self.lang, x.text) for x in self.later)
        return f" {G[self.lang]['later_label']}: {goals}."

    def contributors(self, role: str) -> list[str]:
        """Names to list on an item led by ``role`` (group sessions only)."""
        if self.ctx.format != "group":
            return []
        return [p.name for p in self.people.side(role)]

    def all_contributors(self) -> list[str]:
        return self.contributors("junior") + self.contributors("senior")

    def _card(self, act: Activity | None) -> Card | None:
        if act is not None and act.card_id:
            return self.g.card(act.card_id)
        return self.g.topic

    def question(self, side: str, wanted: set[str], card: Card | None = None, n: int = 1) -> list[str]:
        """The card's questions for ``side`` that fit ``wanted`` best, each used once per agenda."""
        card = card or self.g.topic
        if card is None or f"{side}_questions" not in card.sections:
            return []
        picked = _best(card.bullets(f"{side}_questions"), wanted, self.lang, self.seed, n, self._used_q)
        self._used_q.update(picked)
        return [self.people.fill_roles(q) for q in picked]

    def used_cards(self) -> list[str]:
        """Cards whose content the agenda uses: the topic card, and the cards of chosen activities."""
        ids = [self.g.topic.id] if self.g.topic else []
        ids += [a.card_id for _, a in self.goal_activities if a is not None and a.card_id]
        ids += [a.card_id for _, a in self.next_acts if a.card_id and self.next_shown]
        return list(dict.fromkeys(ids))

    def no_card_note(self) -> str:
        """Said when a free-text topic has no card: the agenda follows goals and general patterns."""
        if self.g.topic is None and self.g.label:
            return " " + say(self.lang, "no_card", topic=self.g.quoted_label() or "")
        return ""
