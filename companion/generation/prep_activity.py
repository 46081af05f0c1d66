"""What each side prepares for the activities a session will hold, shaped by what happens in them.

A demonstration on a phone needs a device, a feedback rehearsal needs a real situation, an experiment
after the session needs a date, a text workshop needs the text. The card's idea says which: its words
give the activity a *mode* (:func:`mode_of`), and each mode has its own question and thing to bring
for either side. Where the idea itself says who brings what ("Die Senior-Seite bringt zehn E-Mails der
letzten Woche mit"), that object is what that side brings. Activities of the same mode share one line
("Für „A“ und „B“: …"), so a preparation never repeats one sentence with two titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from companion.generation.activities import Activity
from companion.generation.people import fill
from companion.generation.prep_activity_phrases import LINES
from companion.generation.safety import clip

MODES: Final = ("experiment", "show", "rehearse", "write", "map", "talk")
_F = re.IGNORECASE
# An idea's title names its form most plainly ("Feedback-Landkarte", "Lob-Werkstatt"), so a form word
# in the title decides first; then the text's words decide, in this order. An experiment is what
# happens in the weeks after the session ("… testet zwei Wochen lang und berichtet in der nächsten
# Session"), whatever it uses.
_TITLE_WORDS: Final[dict[str, dict[str, re.Pattern[str]]]] = {
    "de": {
        "experiment": re.compile(r"experiment|pilot", _F),
        "show": re.compile(
            r"handy|\bapps?\b|profil|\bfeed\b|\bKI\b|KI-|prompt|pull request|pipeline|video", _F
        ),
        "map": re.compile(r"landkarte|inventur|check\b|zeitstrahl|skizze|liste\b|protokoll|kurve", _F),
        "write": re.compile(r"werkstatt|entwurf|leitfaden|notiz|rundmail|glossar", _F),
        "rehearse": re.compile(r"probe\b|proben\b|üben\b|rollentausch|pitch", _F),
    },
    "en": {
        "experiment": re.compile(r"experiment|pilot", _F),
        "show": re.compile(r"phone|\bapps?\b|profile|\bfeed\b|\bAI\b|prompt|pull request|pipeline|video", _F),
        "map": re.compile(r"\bmap\b|inventory|check\b|timeline|sketch|\blist\b|log\b|curve", _F),
        "write": re.compile(r"workshop|draft|guide\b|note\b|circular|glossary", _F),
        "rehearse": re.compile(r"rehears|practi[sc]e|role swap|swapping roles|pitch", _F),
    },
}
_MODE_WORDS: Final[dict[str, dict[str, re.Pattern[str]]]] = {
    "de": {
        "experiment": re.compile(
            r"\b(\w+\s+Wochen\s+lang|\w+\s+Wochen\s+testen|(?:berichtet|bespricht|auswert\w*|nachhalten)\b"
            r"[^.]*\b(?:nächsten|folgenden)\s+Session|Folgesession)\b",
            _F,
        ),
        "show": re.compile(
            r"\b(Handy\w*|Smartphone\w*|App|Apps|Gerät\w*|Laptop\w*|Tastatur|Prompt\w*|KI-Werkzeug\w*|"
            r"KI-Tool\w*|Feed|Profil\w*|Website|Portal|Pull\s+Request|Pipeline|Video\w*|einricht\w*|"
            r"durchklick\w*|Onlineshop|Lieblings-App)\b",
            _F,
        ),
        "rehearse": re.compile(
            r"\b(üb(?:e|en|st|t|ung\w*)|einüb\w*|Probe|proben|Rolle|Rollen|Führungsrolle|spielt|Pitch|"
            r"Rückmeldegespräch|gibt\s+[^.;]*Rückmeldung|führt\s+das\s+Gespräch)\b",
            _F,
        ),
        "write": re.compile(
            r"\b(formulier\w*|schreib(?!tisch)\w*|Entwurf\w*|entwerf\w*|überarbeit\w*|Werkstatt|Leitfaden|Text\w*)\b",
            _F,
        ),
        "map": re.compile(
            r"(Landkarte|Check\b|Inventur|\bsammel\w*|\bsortier\w*|\baufzeichn\w*|\bzeichn\w*|"
            r"\bauflist\w*|\bListe\b|\bprüf\w*|\bdurchgehen\b|\bvergleich\w*|\bnotier\w*|Zeitstrahl|"
            r"\bskizzier\w*)",
            _F,
        ),
    },
    "en": {
        "experiment": re.compile(
            r"\b(for\s+\w+\s+weeks|(?:reports?|discuss\w*|review\w*)\b[^.]*\b(?:next|following)\s+session)\b",
            _F,
        ),
        "show": re.compile(
            r"\b(phone\w*|smartphone\w*|app|apps|device\w*|laptop\w*|keyboard|prompt\w*|AI\s+tools?|feed|"
            r"profile\w*|website|portal|pull\s+request|pipeline|video\w*|set\s+up|click\w*\s+through)\b",
            _F,
        ),
        "rehearse": re.compile(
            r"\b(practi[sc]\w*|rehears\w*|roles?|role-play\w*|plays|pitch\w*|gives?\s+[^.;]*feedback)\b", _F
        ),
        "write": re.compile(
            r"\b(write|writes|writing|draft\w*|rework\w*|rewrite\w*|recast\w*|workshop|text)\b", _F
        ),
        "map": re.compile(
            r"\b(map\w*|check\w*|inventory|collect\w*|sort\w*|draw\w*|list\w*|go\s+through|compare\w*|"
            r"note\w*|timeline|sketch\w*)\b",
            _F,
        ),
    },
}
# "Die Senior-Seite bringt zehn E-Mails der letzten Woche mit" / "the senior brings a real all-staff
# email": the object is what that side brings. "brings in" (contributes a view) and "brings the junior
# into a meeting" are not things to carry along.
_BRINGS: Final[dict[str, re.Pattern[str]]] = {
    "de": re.compile(r"\b[Dd]ie (?P<role>Junior|Senior)-Seite bringt (?P<what>[^,;.:]+?) mit\b"),
    # An English list runs on past commas ("reach, clicks and applications …"); a new clause ends it.
    "en": re.compile(
        r"\b[Tt]he (?P<role>junior|senior) brings (?!in\b|the (?:junior|senior)\b)"
        r"(?P<what>.+?)(?=,? and (?:the|together|you)\b|[;.:]|, (?:the|a|an|and|both|you|together)\b|$)"
    ),
}


# The general activity for a goal without a fitting card idea (guidance_phrases' ``gen_<kind>``): trying
# happens on a device or a real task, a draft is written, a habit starts from a typical week.
_GENERAL_MODE: Final = {"try": "show", "produce": "write", "habit": "map"}
_QUOTE = {"de": ("„", "“"), "en": ("“", "”")}
_AND = {"de": " und ", "en": " and "}
_FOR = {"de": "Für {act}", "en": "For {act}"}


def mode_of(activity: Activity, lang: str) -> str:
    """What kind of preparation an activity needs: one of :data:`MODES`."""
    for mode, pattern in _TITLE_WORDS[lang].items():
        if pattern.search(activity.title):
            return mode
    text = f"{activity.title} {activity.text}"
    for mode, pattern in _MODE_WORDS[lang].items():
        if pattern.search(text):
            return mode
    return "talk"


def mode_for(activity: Activity | None, kind: str, lang: str) -> str:
    """The mode of a card activity, or of the general activity for a goal of ``kind``."""
    return mode_of(activity, lang) if activity is not None else _GENERAL_MODE.get(kind, "talk")


# An activity of this mode already asks what a goal of this kind would ask (a template for a draft, a
# device for trying out): the goal's own preparation lines would only say it again.
COVERS: Final = {("write", "produce"), ("show", "try")}


def brought(activity: Activity, lang: str) -> dict[str, str]:
    """What the idea itself says a side brings: ``{"senior": "zehn E-Mails der letzten Woche"}``."""
    found: dict[str, str] = {}
    for m in _BRINGS[lang].finditer(activity.text):
        what = m.group("what").strip()
        if lang == "en":  # the line speaks to that side: "figures of your own area", not "their"
            what = re.sub(r"\btheir\b", "your", what)
        found.setdefault(m.group("role").lower(), what)
    return found


@dataclass
class Prepared:
    """The activity lines for both sides, in the order the activities come."""

    junior_questions: list[str]
    senior_questions: list[str]
    junior_bring: list[str]
    senior_bring: list[str]


def prepare(lang: str, activities: list[tuple[str, Activity | None, str]], names: dict[str, str]) -> Prepared:
    """Questions and things to bring for ``activities``: (title as shown, the card's activity or
    ``None`` for a general one, the goal's outcome kind). ``names`` holds ``J`` and ``S``. Activities
    of one mode share a line; where an idea names what a side brings, that side brings exactly that."""
    groups: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for title, act, kind in activities:
        mode = mode_for(act, kind, lang)
        groups.setdefault(mode, []).append((title, brought(act, lang) if act is not None else {}))
    out = Prepared([], [], [], [])
    for mode, entries in groups.items():
        for role, questions, bring in (
            ("junior", out.junior_questions, out.junior_bring),
            ("senior", out.senior_questions, out.senior_bring),
        ):
            lines = LINES[lang][(mode, role)]
            questions.append(_line(lang, lines.question, [t for t, _ in entries], names))
            general = [t for t, objects in entries if role not in objects]
            if lines.bring and general:
                bring.append(_line(lang, lines.bring, general, names))
            bring += [f"{_line(lang, _FOR[lang], [t], {})}: {o[role]}" for t, o in entries if role in o]
    return out


def _line(lang: str, template: str, titles: list[str], names: dict[str, str]) -> str:
    left, right = _QUOTE[lang]
    act = _AND[lang].join(f"{left}{t}{right}" for t in titles)
    return clip(fill(lang, template, {**names, "act": act}), 400)
