"""Why a plan proposes each session: one sentence tied to the pair, in the plan's language.

A topic that a wish points at says whose wish it is and what the other side brings. A topic added for
the mix (the programme is never technology only) says so honestly and asks what it means for the
pair's goal; its sentences take turns, so a twelve-month plan does not repeat one skeleton with
different titles pasted in. Several people on a side are all named, and the verb agrees with them
(:func:`companion.generation.people.fill`).
"""

from __future__ import annotations

from collections.abc import Sequence

from companion.generation.labels import after_preposition
from companion.generation.people import fill, join_names
from companion.planning.context import Brief, PlanContext, TopicOption

FAMILY = {
    "de": {"technology": "die Technik", "work": "die Arbeitsweise", "culture": "die Kultur im Unternehmen"},
    "en": {"technology": "technology", "work": "ways of working", "culture": "company culture"},
}
QUOTE = {"de": "„{}“", "en": "“{}”"}
PARTNER = {"de": "dein Gegenüber", "en": "your partner"}

WISHED = {
    "de": {
        "goal": "{title} greift euer Ziel {goal} auf.",
        "senior_interest": "{who} möchte mehr über {wish_acc} lernen, und {J} zeigt, wie Jüngere damit umgehen.",
        "junior_expertise": "{who} kennt sich mit {wish_dat} aus, und {S} bekommt es hier aus erster Hand gezeigt.",
        "junior_interest": "{who} interessiert sich für {wish_acc}, und {S} bringt dazu Erfahrung aus dem "
        "Unternehmen mit.",
        "senior_expertise": "{who} bringt Erfahrung mit {wish_dat} mit, hier lernen beide Seiten voneinander.",
    },
    "en": {
        "goal": "{title} takes up your goal {goal}.",
        "senior_interest": "{who} wants to learn about {wish}, and {J} shows how younger colleagues approach it.",
        "junior_expertise": "{who} knows {wish} well and can show {S} first-hand.",
        "junior_interest": "{who} is interested in {wish}, and {S} brings experience from the company.",
        "senior_expertise": "{who} brings experience in {wish}, so both sides learn from each other.",
    },
}
# Topics added for the mix, in turn. One sentence each (the plan evals count them).
MIX = {
    "de": [
        "Mit {title} kommt {family} in den Plan, und ihr prüft, was das Thema zu eurem Ziel {goal} beiträgt.",
        "{title} bringt {family} ins Spiel, damit der Plan nicht einseitig wird; die Frage für euch ist, "
        "was das für {goal} heißt.",
        "Damit der Plan nicht nur eure Wunschthemen abdeckt, kommt {title} dazu, mit Blick darauf, was es "
        "für {goal} bedeutet.",
    ],
    "en": [
        "{title} brings {family} into the plan, and you check what the topic adds to your goal {goal}.",
        "{title} adds {family} so the plan does not stay one-sided; the question for you is what it means "
        "for {goal}.",
        "Besides the topics you asked for, {title} covers {family}, with an eye on what it means for {goal}.",
    ],
}
MIX_NO_GOAL = {
    "de": "Für eine Mischung aus Technik, Arbeit und Kultur bringen {J} und {S} hier {family} ins Gespräch: "
    "{title}.",
    "en": "To mix technology, work and culture, {J} and {S} bring {family} into the conversation: {title}.",
}
FINAL = {
    "de": "Ihr zieht Bilanz zu eurem Ziel {goal}, sammelt, was beide Seiten gelernt haben, und vereinbart, wie "
    "es weitergeht.",
    "en": "You take stock of your goal {goal}, collect what both sides learned and agree how to go on.",
}
FINAL_NAMED = {
    "de": "{names} ziehen gemeinsam Bilanz, sammeln, was beide Seiten gelernt haben, und vereinbaren, wie es "
    "weitergeht.",
    "en": "{names} take stock together, collect what both sides learned and agree how to go on.",
}
FINAL_ONE = {
    "de": "{names} zieht Bilanz, sammelt, was beide Seiten gelernt haben, und vereinbart, wie es weitergeht.",
    "en": "{names} takes stock, collects what both sides learned and agrees how to go on.",
}
FINAL_ALONE = {
    "de": "Ihr zieht gemeinsam Bilanz, sammelt, was beide Seiten gelernt haben, und vereinbart, wie es weitergeht.",
    "en": "You take stock together, collect what both sides learned and agree how to go on.",
}


def _wish_forms(wish: str, lang: str) -> dict[str, str]:
    """The wish after a dative and an accusative preposition ("mit dem Thema „Inklusive Sprache“")."""
    return {
        "wish_dat": after_preposition(wish, lang, "dat"),
        "wish_acc": after_preposition(wish, lang, "acc"),
    }


def _names(people: Sequence[Brief], lang: str) -> str:
    return join_names([p.name for p in people], lang) if people else PARTNER[lang]


def topic_reason(option: TopicOption, ctx: PlanContext, turn: int = 0) -> str:
    """One sentence tying a topic to the pair's goals, interests or expertise, in the plan's language."""
    lang = ctx.language if ctx.language in WISHED else "de"
    q = QUOTE[lang]
    values = {
        "J": _names(ctx.juniors, lang),
        "S": _names(ctx.seniors, lang),
        "who": option.wisher or "",
        "wish": option.wish or "",
        **_wish_forms(option.wish or "", lang),
        "title": option.title,
    }
    # A title goes in before ``fill``: it is no person, so "Onboarding und Einarbeitung … bringt" must
    # not agree like "Aylin und Ben bringen".
    title = q.format(option.title).replace("{", "{{").replace("}", "}}")
    if option.wish_kind in WISHED[lang]:
        values["goal"] = q.format(option.wish or "")
        return fill(lang, WISHED[lang][option.wish_kind].replace("{title}", title), values)
    values["family"] = FAMILY[lang][option.category]
    if not ctx.goals:
        return fill(lang, MIX_NO_GOAL[lang], values)
    # Topics added for the mix take up the goals in turn, and their sentences take turns too.
    values["goal"] = q.format(ctx.goals[turn % len(ctx.goals)])
    return fill(lang, MIX[lang][turn % len(MIX[lang])].replace("{title}", title), values)


def final_reason(ctx: PlanContext) -> str:
    """The retrospective's reason: looking back on the pair's own goal."""
    lang = ctx.language if ctx.language in FINAL else "de"
    if ctx.goals:
        return FINAL[lang].format(goal=QUOTE[lang].format(ctx.goals[0]))
    people = [*ctx.juniors, *ctx.seniors]
    if not people:
        return FINAL_ALONE[lang]
    template = FINAL_NAMED if len(people) > 1 else FINAL_ONE
    return template[lang].format(names=join_names([p.name for p in people], lang))
