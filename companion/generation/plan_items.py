"""The items of an offline agenda (opening, the senior side's context, goal activities, peer block,
non-technical angle, closing, reviews), built from a plan's goals, activities and people.

The session's shape (which items, in which order) is decided in
:mod:`~companion.generation.offline_agenda` and, for first sessions, check-ins and retrospectives, in
:mod:`~companion.generation.frame_sessions` / :mod:`~companion.generation.frame_reviews`.
"""

from __future__ import annotations

from companion.generation.activities import Activity
from companion.generation.goals import Goal, understand
from companion.generation.guidance_phrases import G, gq, pick, say, variant
from companion.generation.guidance_review import review
from companion.generation.phrases import phrase
from companion.generation.plan_base import Draft, PlanBase, _best
from companion.generation.stemming import stems

_KIND_LEAD = {"understand": "junior", "try": "junior", "produce": "junior"}


class PlanItems(PlanBase):
    """The item builders of a plan."""

    # --- items ---------------------------------------------------------------------------------

    def opening(self, with_context: bool = False) -> Draft:
        lang, kind = self.lang, self.goals[0].kind if self.goals else "understand"
        title_key = {"technology": "open_t_tech", "culture": "open_t_culture"}.get(self.category, "open_t")
        # Inside a sentence the topic stands in quotation marks: many card titles are phrases of their
        # own ("… zu „Social Media verstehen und selbst nutzen“ ausprobiert"); after a colon it needs none.
        topic = self.g.quoted_label() if title_key != "open_t" else self.g.label
        title = say(lang, f"{title_key}_label", topic=topic) if topic else say(lang, title_key)
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
            self.goal_item(goal, act, weights[min(i, len(weights) - 1)], i)
            for i, (goal, act) in enumerate(pairs)
        ]

    def goal_item(self, goal: Goal, act: Activity | None, weight: float, index: int) -> Draft:
        lang, main = self.lang, index == 0
        wanted = stems(goal.about, lang) or self.wanted
        card = self._card(act)
        is_goal = goal.text in {x.text for x in self.goals}
        line = self.goal_line(goal) + " " if is_goal else ""
        if act is not None:
            title, body = self.people.fill_roles(act.title), self.people.fill_roles(act.text)
            body = body[0].upper() + body[1:]
            outcome = self.people.fill_roles(act.outcome) if act.outcome else self.outcome(goal, index)
            lead = act.lead if act.lead != "both" else _KIND_LEAD.get(goal.kind, "both")
        else:
            title = say(lang, f"gen_{goal.kind}_t")
            if self.g.label and self.g.topic is None:
                title = f"{title} – {self.g.label}"
            body = self.say(f"gen_{goal.kind}", "junior")
            outcome = self.outcome(goal, index)
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
        topic = self.g.quoted_label()
        return Draft(
            say(self.lang, "nontech_t_label", topic=topic) if topic else say(self.lang, "nontech_t"),
            weight,
            "both",
            self.say("nontech_p", "senior"),
            prompts,
            self.all_contributors(),
        )

    def closing(self, first: bool = False) -> Draft:
        lang = self.lang
        main = self.goal_activities[0] if self.goal_activities else None
        kind = main[0].kind if main else "understand"
        title_key = f"close_t_{kind}" if f"close_t_{kind}" in G[lang] else "close_t"
        prompts = []
        for index, (goal, act) in enumerate(self.goal_activities[:2]):
            if act is not None and act.outcome:
                text = self.people.fill_roles(act.outcome).rstrip(".")
                prompts.append(say(lang, "close_card", text=text))
            else:
                name = gq(lang, act.title) if act is not None else gq(lang, say(lang, f"gen_{goal.kind}_t"))
                # Two goals of one kind take the kind's wordings in turn, not one sentence twice.
                chosen = self.in_turn(f"close_{goal.kind}", index, self.goal_activities[0][0].text)
                prompts.append(variant(lang, chosen, "", {"act": name}))
        if self.later:
            prompts.append(say(lang, "close_q_later"))
        if len(prompts) < 2:
            prompts.append(say(lang, "close_q_next", seed=self.seed))
        purpose = say(lang, "close_p")
        if main is not None:
            goal, act = main
            outcome = (act.outcome if act is not None else None) or self.outcome(goal, 0)
            outcome = self.people.fill_roles(outcome)
            purpose = say(lang, "close_p_out", seed=self.seed, text=outcome.rstrip("."))
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
