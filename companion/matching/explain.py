"""Plain-language explanations of a suggestion, in German and English.

Reasons are stored as data (``{"code": …, params}``) and rendered in the reader's language, e.g.
"Lea kennt sich mit Social Media aus, was Dr. Brandt lernen möchte; verschiedene Bereiche (IT und
Vertrieb); keine Berichtslinie". Names, never a generic masculine. A private "rather not with" wish is
never named here: the run summary only counts how many were honoured.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from companion.generation.labels import after_preposition
from companion.matching.fit import STRONG, FitModel
from companion.matching.solver import Person

SLOTS = ("mon", "tue", "wed", "thu", "fri")
DAY = {
    "de": {"mon": "Mo", "tue": "Di", "wed": "Mi", "thu": "Do", "fri": "Fr"},
    "en": {"mon": "Mon", "tue": "Tue", "wed": "Wed", "thu": "Thu", "fri": "Fri"},
}
HALF = {"de": {"am": "vormittags", "pm": "nachmittags"}, "en": {"am": "mornings", "pm": "afternoons"}}
SLOT_CODES = tuple(f"{d}-{h}" for d in SLOTS for h in ("am", "pm"))

Reason = dict[str, Any]


def slot_label(code: str, lang: str) -> str:
    """ "tue-am" -> "Di vormittags" / "Tue mornings"."""
    day, _, half = code.partition("-")
    return f"{DAY[lang].get(day, day)} {HALF[lang].get(half, half)}"


def reasons_for(
    juniors: Sequence[Person], seniors: Sequence[Person], model: FitModel, *, avoid_same_department: bool
) -> list[Reason]:
    """Why these members fit, as data: topic matches both ways, departments, time, the rules kept."""
    out: list[Reason] = []
    for senior in seniors:
        for junior in juniors:
            teach = model.best_tag_pair(junior.expertise, senior.interests)
            if teach is not None and teach[2] >= STRONG:
                out.append(
                    {
                        "code": "teaches",
                        "junior": junior.name,
                        "senior": senior.name,
                        "offer": teach[0],
                        "wish": teach[1],
                    }
                )
            back = model.best_tag_pair(senior.expertise, junior.interests)
            if back is not None and back[2] >= STRONG:
                out.append(
                    {
                        "code": "learns_back",
                        "junior": junior.name,
                        "senior": senior.name,
                        "offer": back[0],
                        "wish": back[1],
                    }
                )
    if not any(r["code"] == "teaches" for r in out):
        out.append({"code": "weak_topic_fit"})
    members = [*juniors, *seniors]
    with_dept = [p.department for p in members if p.department]
    distinct = sorted({d.casefold(): d for d in with_dept}.values(), key=str.casefold)
    if len(distinct) > 1:
        out.append({"code": "departments_differ", "departments": distinct})
    elif len(distinct) == 1 and len(with_dept) > 1:
        out.append({"code": "same_department", "departments": distinct})
    shared = (
        set.intersection(*(set(p.availability) for p in members))
        if all(p.availability for p in members)
        else set()
    )
    if shared:
        out.append({"code": "shared_time", "slots": [s for s in SLOT_CODES if s in shared][:3]})
    out.append({"code": "no_reporting_line"})
    if avoid_same_department:
        out.append({"code": "department_rule_kept"})
    return out


def _join(items: Sequence[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = " und " if lang == "de" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def render_reason(reason: Reason, lang: str) -> str:
    """One reason as a phrase in ``lang`` (``de`` or ``en``)."""
    code = reason["code"]
    de = lang == "de"
    if code in ("teaches", "learns_back"):
        who, whom = (
            (reason["junior"], reason["senior"])
            if code == "teaches"
            else (reason["senior"], reason["junior"])
        )
        offer, wish = reason["offer"], reason["wish"]
        with_offer = after_preposition(offer, lang, "dat")  # "mit dem Thema „Inklusive Sprache“"
        if offer.casefold() == wish.casefold():
            return (
                f"{who} kennt sich mit {with_offer} aus, was {whom} lernen möchte"
                if de
                else f"{who} knows {offer} well, which {whom} wants to learn"
            )
        return (
            f"{who} kennt sich mit {with_offer} aus, {whom} möchte mehr über "
            f"{after_preposition(wish, lang, 'acc')} lernen"
            if de
            else f"{who} knows {offer} well, and {whom} wants to learn about {wish}"
        )
    if code == "weak_topic_fit":
        return (
            "wenig inhaltliche Überschneidung – die beste Zuordnung, die die Regeln erlauben"
            if de
            else "little topic overlap – the best match the rules allow"
        )
    if code == "departments_differ":
        names = _join(reason["departments"], lang)
        return f"verschiedene Bereiche ({names})" if de else f"different departments ({names})"
    if code == "same_department":
        name = reason["departments"][0]
        return f"gleicher Bereich ({name})" if de else f"same department ({name})"
    if code == "shared_time":
        slots = _join([slot_label(s, lang) for s in reason["slots"]], lang)
        return f"gemeinsame Zeitfenster: {slots}" if de else f"shared time slots: {slots}"
    if code == "no_reporting_line":
        return "keine Berichtslinie" if de else "no reporting line"
    if code == "department_rule_kept":
        return (
            "nicht aus demselben Bereich, wie gewünscht" if de else "not from the same department, as asked"
        )
    return code


def explain(reasons: Sequence[Reason], lang: str) -> str:
    """All reasons as one sentence-like line, joined by semicolons."""
    return "; ".join(render_reason(r, lang) for r in reasons)
