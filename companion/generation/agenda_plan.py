"""The plan behind an offline agenda: goals understood, activities chosen, people named, time budgeted.

:class:`Plan` holds everything one agenda needs and builds its items (:class:`Draft`); the session's
shape is decided in :mod:`~companion.generation.offline_agenda`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.generation.activities import Activity, ActivityChooser
from companion.generation.goals import Goal, understand
from companion.generation.grounding import Grounding
from companion.generation.guidance_phrases import G, gq, pick, say
from companion.generation.guidance_review import review
from companion.generation.people import People
from companion.generation.phrases import phrase
from companion.generation.schemas import GenerationContext
from companion.generation.stemming import stems
from companion.generation.topics import TopicResolver
from companion.retrieval.knowledge import Card, KnowledgeBase

MAX_GOALS = 5
_KIND_LEAD = {"understand": "junior", "try": "junior", "produce": "junior"}


@dataclass
class Draft:
    """An agenda item before minutes are allocated."""

    title: str
    weight: float
    lead: str
    purpose: str
    prompts: list[str]
    contributors: list[str] = field(default_factory=list)


def goal_slots(ctx: GenerationContext, pattern_id: str) -> int:
    """How many goals get an activity of their own in this session."""
    if pattern_id == "pattern-final-retrospective":
        return 0
    if pattern_id in ("pattern-first-session", "pattern-mid-checkin"):
        return 1
    d = ctx.duration_minutes
    return 1 if d <= 30 else 2 if d <= 60 else 3 if d <= 90 else 4


def principle_ids(p: Plan) -> list[str]:
    """The principle cards the agenda applies by construction."""
    ids = ["principle-eye-level", "principle-dialogue", "principle-structure"]
    if p.g.pattern.id == "pattern-first-session":
        ids += ["principle-voluntariness", "principle-confidentiality"]
    elif p.g.pattern.id == "pattern-final-retrospective":
        ids.append("principle-both-win")
    elif p.ctx.format == "group":
        ids.append("principle-confidentiality")
    if p.category == "technology":
        ids.append("principle-no-hierarchy-in-learning")
    return ids


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


class Plan:
    """Goals, activities and people of one agenda, and the builders of its items."""

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

    @classmethod
    def build(
        cls,
        knowledge: KnowledgeBase,
        ctx: GenerationContext,
        topics: TopicResolver | None = None,
        chooser: ActivityChooser | None = None,
    ) -> Plan:
        """Understand the goals and choose an activity for each goal that fits into the session."""
        g = Grounding(knowledge, ctx, topics)
        goals = [understand(t, g.lang) for t in g.goals[:MAX_GOALS]]
        slots = goal_slots(ctx, g.pattern.id)
        chooser = chooser or ActivityChooser(knowledge, topics.retriever if topics else None)
        topic_id = g.topic.id if g.topic else None
        targets = goals[:slots]
        if slots and not goals and g.label:  # a topic but no goals: the topic's best activity
            targets = [understand(g.label, g.lang)]
        acts = chooser.choose(targets, g.lang, topic_id, g.label or "") if targets else []
        later = goals[slots:] if g.pattern.id in ("pattern-first-session",) or g.focus else []
        plan = cls(g, goals, list(zip(targets, acts, strict=True)), later)
        ahead = {"pattern-first-session": 3, "pattern-mid-checkin": 1}.get(g.pattern.id, 0)
        if ahead and goals:  # what the pair could take on next, by meaning, never an activity twice
            used = {a.key for a in acts if a is not None}
            nxt = chooser.choose(goals[:ahead], g.lang, topic_id, g.label or "", used)
            plan.next_acts = [(x, a) for x, a in zip(goals[:ahead], nxt, strict=True) if a is not None]
        return plan

    # --- wording helpers -------------------------------------------------------------------

    def say(self, key: str, plural_role: str | None = None, **values: str) -> str:
        """A phrase with the people filled in (plural form when ``plural_role`` has several people)."""
        plural = self.people.plural(plural_role) if plural_role else False
        names = {"J": self.people.names("junior"), "S": self.people.names("senior")}
        return say(self.lang, key, plural, self.seed, **{**names, **values})

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

    # --- items ---------------------------------------------------------------------------------

    def opening(self, with_context: bool = False) -> Draft:
        lang, kind = self.lang, self.goals[0].kind if self.goals else "understand"
        title_key = {"technology": "open_t_tech", "culture": "open_t_culture"}.get(self.category, "open_t")
        title = say(lang, f"{title_key}_label", topic=self.g.label) if self.g.label else say(lang, title_key)
        purpose_key = f"open_p_{kind}" if f"open_p_{kind}" in G[lang] else "open_p"
        prompts = []
        if prev := self.g.previous(1):
            prompts.append(say(lang, "open_q_prev", prev=prev[0]))
        prompts.append(say(lang, f"open_q_{kind}", seed=self.seed))
        if with_context:
            prompts = self.question("senior", self.wanted) + prompts
        purpose = say(lang, purpose_key, seed=self.seed)
        if with_context:  # a short session has no context item: the senior's context comes here
            purpose += " " + self.say("open_ctx", "senior")
        return Draft(
            title,
            15 if with_context else 10,
            "both",
            purpose + self.no_card_note(),
            prompts,
            self.all_contributors(),
        )

    def senior_context(self, weight: float = 15) -> Draft:
        prompts = self.question("senior", self.wanted, n=2)
        if len(prompts) < 2:
            options = G[self.lang]["ctxq"].split("|")
            prompts += [pick(options, self.seed + str(len(prompts)))]
        return Draft(
            self.say("ctx_t_label", topic=self.g.label) if self.g.label else self.say("ctx_t", "senior"),
            weight,
            "senior",
            self._context_purpose(),
            prompts,
            self.contributors("senior"),
        )

    def _context_purpose(self) -> str:
        """What the senior side explains first, by what the main goal wants (a decision needs who
        decides and the budget, a draft who approves it ...)."""
        kind = self.goals[0].kind if self.goals else "understand"
        key = f"ctx_p_{kind}" + ("_pl" if self.people.plural("senior") else "")
        names = {"J": self.people.names("junior"), "S": self.people.names("senior")}
        text = review(self.lang, key, **names) or self.say("ctx_p", "senior")
        return text[0].upper() + text[1:]

    def stories(self) -> Draft:
        prompts = self.question("junior", self.wanted) + self.question("senior", self.wanted)
        return Draft(
            say(self.lang, "stories_t"),
            15,
            "both",
            self.say("stories_p"),
            prompts or [say(self.lang, "open_q_1")],
            self.all_contributors(),
        )

    def project_status(self) -> Draft:
        step = self.g.pattern.steps[1] if len(self.g.pattern.steps) > 1 else None
        prompts = [say(self.lang, "project_q", seed=self.seed), *(step.prompts[:1] if step else [])]
        return Draft(
            say(self.lang, "project_t"),
            15,
            "junior",
            self.say("project_p", "junior"),
            prompts,
            self.contributors("junior"),
        )

    def project_context(self) -> Draft:
        step = self.g.pattern.steps[2] if len(self.g.pattern.steps) > 2 else None
        prompts = self.question("senior", self.wanted) + list(step.prompts[:1] if step else [])
        return Draft(
            self.say("project_ctx_t"),
            15,
            "senior",
            self.say("project_ctx_p", "senior"),
            prompts or [say(self.lang, "project_q")],
            self.contributors("senior"),
        )

    def goal_items(self, weights: tuple[float, ...] = (35, 20, 20, 15)) -> list[Draft]:
        """One item per goal that fits, built from its activity (or a general one for its kind)."""
        pairs = self.goal_activities
        if not pairs and self.g.label:  # a topic without goals: one junior-led item on the topic
            pairs = [(understand(self.g.label, self.lang), None)]
        return [
            self.goal_item(goal, act, weights[min(i, len(weights) - 1)], i == 0)
            for i, (goal, act) in enumerate(pairs)
        ]

    def goal_item(self, goal: Goal, act: Activity | None, weight: float, main: bool) -> Draft:
        lang = self.lang
        wanted = stems(goal.about, lang) or self.wanted
        card = self._card(act)
        is_goal = goal.text in {x.text for x in self.goals}
        line = self.goal_line(goal) + " " if is_goal else ""
        if act is not None:
            title, body = self.people.fill_roles(act.title), self.people.fill_roles(act.text)
            body = body[0].upper() + body[1:]
            outcome = self.people.fill_roles(act.outcome) if act.outcome else self.say(f"out_{goal.kind}")
            lead = act.lead if act.lead != "both" else _KIND_LEAD.get(goal.kind, "both")
        else:
            title = say(lang, f"gen_{goal.kind}_t")
            if self.g.label and self.g.topic is None:
                title = f"{title} – {self.g.label}"
            body = self.say(f"gen_{goal.kind}", "junior")
            outcome = self.say(f"out_{goal.kind}")
            lead = _KIND_LEAD.get(goal.kind, "both")
        if main:
            lead = "junior"  # the junior is the expert of the session's core
        if self.g.checkin_topic and self.g.label and self.g.label not in title:
            title = f"{self.g.label}: {title}"  # a check-in names the topic the pair planned for it
        body = body if body.endswith(("?", "!")) else body.rstrip(".") + "."
        purpose = f"{line}{body} {say(lang, 'outcome', text=outcome[0].upper() + outcome[1:])}"
        if self.ctx.format == "group" and lead in ("junior", "both"):
            purpose = f"{purpose} {self.say('group_round')}"
        # The junior's question from the session's topic card (the pair chose that topic), the
        # senior's from the card the activity comes from.
        prompts = self.question("junior", wanted, self.g.topic or card)
        prompts.append(pick(G[lang][f"kq_{goal.kind}"].split("|"), goal.text))
        prompts += self.question("senior", wanted, card)
        contributors = self.contributors("junior") if lead == "junior" else self.all_contributors()
        return Draft(title, weight, lead, purpose, prompts, contributors)

    def peer_block(self) -> Draft:
        exp = self.people.expertise("senior") or self.people.role_of("senior")
        key = "peer_p_exp" if exp else "peer_p"
        return Draft(
            self.say("peer_t"),
            15,
            "senior",
            self.say(key, exp=exp or ""),
            [self.say("peer_q_j"), self.say("peer_q_s"), *self._peer_goal_q()],
            self.contributors("senior"),
        )

    def _peer_goal_q(self) -> list[str]:
        """What of the senior side's field serves the main goal (a peer session's second teacher)."""
        if not self.goals:
            return []
        return [review(self.lang, f"peer_q_{self.goals[0].kind}", J=self.people.names("junior"))]

    def nontech_prompts(self) -> list[str]:
        """The topic card's non-technical points that fit the goals best: a short head ("Vertrauen statt
        Kontrolle: …") as a question, a full sentence as a talking point."""
        card = self.g.topic
        if card is None or "non_technical" not in card.sections:
            return []
        prompts = []
        for bullet in _best(card.bullets("non_technical"), self.wanted, self.lang, self.seed, 2):
            head, colon, _ = bullet.partition(": ")
            if colon and len(head) <= 60:
                prompts.append(say(self.lang, "nontech_q", head=head.strip()) + "?")
            else:
                prompts.append(say(self.lang, "nontech_point", text=self.people.fill_roles(bullet)))
        return prompts

    def nontech(self, weight: float = 15) -> Draft:
        prompts = self.nontech_prompts()
        prompts.append(phrase(self.lang, "prep_s_nontech"))
        label = self.g.label
        return Draft(
            say(self.lang, "nontech_t_label", topic=label) if label else say(self.lang, "nontech_t"),
            weight,
            "both",
            self.say("nontech_p"),
            prompts,
            self.all_contributors(),
        )

    def closing(self, first: bool = False) -> Draft:
        lang = self.lang
        main = self.goal_activities[0] if self.goal_activities else None
        kind = main[0].kind if main else "understand"
        title_key = f"close_t_{kind}" if f"close_t_{kind}" in G[lang] else "close_t"
        prompts = []
        for goal, act in self.goal_activities[:2]:
            if act is not None and act.outcome:
                text = self.people.fill_roles(act.outcome).rstrip(".")
                prompts.append(say(lang, "close_card", text=text))
            else:
                name = gq(lang, act.title) if act is not None else gq(lang, say(lang, f"gen_{goal.kind}_t"))
                prompts.append(say(lang, f"close_{goal.kind}", seed=goal.text, act=name))
        if self.later:
            prompts.append(say(lang, "close_q_later"))
        if len(prompts) < 2:
            prompts.append(say(lang, "close_q_next", seed=self.seed))
        purpose = say(lang, "close_p")
        if main is not None:
            goal, act = main
            outcome = (act.outcome if act is not None else None) or self.say(f"out_{goal.kind}")
            outcome = self.people.fill_roles(outcome)
            purpose = say(lang, "close_p_out", text=outcome.rstrip("."))
        return Draft(
            say(lang, title_key, seed=self.seed),
            10 if self.ctx.duration_minutes <= 45 else 15,
            "both",
            purpose + self.later_line(),
            prompts,
            self.all_contributors(),
        )

    def progress(self, weight: float = 15) -> Draft:
        lines = " ".join(self.goal_line(x) for x in self.goals)
        # Each goal is reviewed the way its outcome kind asks (a decision differently from a habit).
        prompts = [review(self.lang, f"rev_q_{x.kind}", x.text) for x in self.goals[:2]]
        prompts = prompts or [say(self.lang, "progress_q")]
        names = {"J": self.people.names("junior"), "S": self.people.names("senior")}
        how = review(self.lang, f"rev_p_{self.goals[0].kind}", **names) if self.goals else ""
        return Draft(
            review(self.lang, f"rev_t_{self.goals[0].kind}") if self.goals else say(self.lang, "progress_t"),
            weight,
            "both",
            f"{say(self.lang, 'progress_p')} {lines} {how}".strip(),
            prompts,
            self.all_contributors(),
        )

    def junior_view(self, checkin: bool) -> Draft:
        key = "j_wish" if checkin else "j_view"
        step = self.g.pattern.steps[1] if len(self.g.pattern.steps) > 1 else None
        prompts = list(step.prompts[:2]) if step else []
        return Draft(
            self.say(f"{key}_t"),
            20,
            "junior",
            self.say(f"{key}_p", "junior"),
            prompts or [say(self.lang, "open_q_1")],
            self.contributors("junior"),
        )

    def looking_back(self) -> Draft:
        step = self.g.pattern.steps[0]
        prompts = list(step.prompts[:2])
        if prev := self.g.previous(3):
            prompts.insert(0, phrase(self.lang, "previous_review", prev=", ".join(prev)))
        return Draft(step.title, 15, "both", step.purpose, prompts, self.all_contributors())
