"""Understand a pair's goal: what kind of outcome it wants, what it is about, in which language.

Six outcome kinds, from the words people use when they state goals (German and English):

- ``understand``: verstehen, herausfinden, warum, why, find out (the default); a verb of knowing
  followed by a question clause is always this kind, whatever words the clause holds;
- ``try``: ausprobieren, testen, üben, selbst, try, practise, hands-on;
- ``decide``: entscheiden, ob wir, festlegen, auswählen, einschätzen, decide, whether, choose, assess;
- ``produce``: erstellen, entwerfen, schreiben, planen, aufsetzen, verbessern, draft, write, plan,
  create, improve;
- ``habit``: reduzieren, ändern, regelmäßig, öfter, stop, change, every, cut;
- ``connect``: vernetzen, Kontakt, gewinnen, fortsetzen, connect, network, keep meeting.

A goal in the other language than the programme's is kept as the pair's own words and marked as such
(it is never mixed into a sentence of the other language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OUTCOMES = ("understand", "try", "decide", "produce", "habit", "connect")
_F = re.IGNORECASE | re.UNICODE
# Checked in this order: the first kind whose words occur wins ("Entscheiden, welches Tool wir
# ausprobieren" is a decision; "Einen Pilot aufsetzen" produces something).
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "decide",
        re.compile(
            r"\b(entscheid\w*|klären,?\s+ob|ob\s+wir|festleg\w*|festzuleg\w*|auswähl\w*|wählen|abwäg\w*|"
            r"einschätz\w*|einzuschätz\w*|abschätz\w*|assess\w*|estimat\w*|"
            r"decide\w*|whether|choose|choosing|pick|agree\s+on|prioriti[sz]\w*)\b",
            _F,
        ),
    ),
    (
        "connect",
        re.compile(
            r"\b(vernetz\w*|kontakt\w*|kennenlern\w*|netzwerk\w*|gewinnen|fortsetz\w*|fortführ\w*|"
            r"zusammenbring\w*|connect\w*|network\w*|keep\s+meeting|bring\s+together|meet\s+\w+|reach\s+out)\b",
            _F,
        ),
    ),
    (
        "habit",
        re.compile(
            r"\b(reduzier\w*|ändern|veränder\w*|gewohnheit\w*|regelmäßig\w*|öfter|weniger|abgewöhn\w*|"
            r"angewöhn\w*|stop|stopp\w*|change|habit\w*|every|cut|reduce\w*|more\s+often|less|fewer)\b",
            _F,
        ),
    ),
    (
        "produce",
        re.compile(
            r"\b(erstell\w*|entwerf\w*|entwirf|entwurf|schreib\w*|formulier\w*|plan\w*|aufsetz\w*|anleg\w*|"
            r"aufnehm\w*|bau\w*|aufbau\w*|ausbau\w*|gestalt\w*|überarbeit\w*|organisier\w*|vorbereit\w*|einführ\w*|"
            r"verbesser\w*|barrierefrei\s+mach\w*|improve\w*|draft\w*|write|writing|create\w*|plan|planning|set\s+up|record\w*|"
            r"build\w*|design\w*|make\s+\w+\s+accessible|prepare\w*|run\s+a\w*|introduce\w*|rewrite\w*)\b",
            _F,
        ),
    ),
    (
        "try",
        re.compile(
            r"\b(ausprobier\w*|probier\w*|test\w*|üb(?:e|en|st|t|ung|ungen)|einüb\w*|selbst|hands-on|try\w*|tries|practi[sc]\w*|"
            r"hear|experiment\w*|starten)\b",
            _F,
        ),
    ),
]
# Leading words that say what a goal wants but not what it is about ("Verstehen, warum …").
_LEAD = re.compile(
    r"^(?:(?:besser|mehr|gemeinsam|selbst|zusammen)\s+)*(?:verstehen|herausfinden|lernen|erfahren|klären|"
    r"entscheiden|understand|find\s+out|learn|decide|see|hear)\b[,:]?\s*",
    _F,
)
# "Verstehen, warum Jüngere öfter Rückmeldung wollen": a question clause after a verb of knowing is
# what the pair wants to understand, so its words ("öfter", "wählen") do not make it a habit or a
# decision. Only a verb of knowing directly followed by a question word counts: "Understand and try
# out Instagram" still tries, and "herausfinden, ob …" still decides.
_WANTS_TO_KNOW = re.compile(
    r"^\s*(?:(?:besser|gemeinsam|zusammen|together|better)\s+)*(?:verstehen|herausfinden|erfahren|"
    r"nachvollziehen|begreifen|understand(?:ing)?|find(?:ing)?\s+out|figure\s+out)"
    r"(?:\s+(?:together|gemeinsam|zusammen|better|besser))?,?\s+"
    r"(?:warum|wieso|weshalb|wie|was|wann|wo|wofür|welche\w*|why|how|what|when|where|which)\b",
    _F,
)
_STOP = {
    "de": frozenset(
        [
            "und",
            "der",
            "die",
            "das",
            "ich",
            "wir",
            "mit",
            "für",
            "nicht",
            "dass",
            "den",
            "dem",
            "ein",
            "eine",
            "einen",
            "unser",
            "unsere",
            "unseren",
            "mein",
            "meine",
            "ist",
            "sind",
            "wie",
            "warum",
            "was",
            "im",
            "in",
            "zu",
            "zum",
            "zur",
            "auf",
            "von",
            "bei",
            "über",
            "mehr",
            "besser",
        ]
    ),
    "en": frozenset(
        [
            "and",
            "the",
            "i",
            "we",
            "with",
            "for",
            "not",
            "that",
            "a",
            "an",
            "our",
            "my",
            "is",
            "are",
            "how",
            "why",
            "what",
            "in",
            "to",
            "of",
            "on",
            "at",
            "about",
            "more",
            "better",
            "from",
            "do",
            "does",
        ]
    ),
}


@dataclass(frozen=True)
class Goal:
    """One goal as the composer uses it."""

    text: str  # as the pair wrote it (already checked and reframed at eye level)
    kind: str  # one of OUTCOMES
    about: str  # what it is about, for search ("unsere Stellenanzeigen auf Instagram keine Bewerbungen")
    lang: str | None  # "de", "en" or None when unclear
    foreign: bool  # written in the other language than the programme's


def language_of(text: str) -> str | None:
    """ "de" or "en" by stop words and umlauts; ``None`` when the text does not tell."""
    words = re.findall(r"\w+", text.casefold())
    de = sum(w in _STOP["de"] for w in words) + 2 * len(re.findall(r"[äöüß]", text.casefold()))
    en = sum(w in _STOP["en"] for w in words)
    if de == en:
        return None
    return "de" if de > en else "en"


def kind_of(text: str) -> str:
    """The outcome kind a goal (or an activity) asks for."""
    if _WANTS_TO_KNOW.match(text):
        return "understand"
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return "understand"


def understand(goal: str, programme_lang: str) -> Goal:
    """A :class:`Goal` for one goal text."""
    text = " ".join(goal.split()).rstrip(".")
    about = _LEAD.sub("", text).strip(" ,:;") or text
    lang = language_of(text)
    return Goal(text, kind_of(text), about, lang, lang is not None and lang != programme_lang)
