"""Goals at eye level: a goal phrased top-down is reframed as a shared learning goal before it is quoted.

Seniors sometimes write goals like "Mein Junior soll mir mal TikTok erklären" or "My junior should
explain Instagram to me". Quoting such a goal in an agenda or a preparation question would hand the
pair a commanding plan, against the programme's first principle. So the subject of the goal is taken
out ("TikTok", "wie man Teams richtig benutzt") and put into a shared learning goal in the
programme's language ("TikTok gemeinsam verstehen und ausprobieren"). Deterministic, German and
English; a top-down goal that cannot be reframed is not quoted at all.
"""

from __future__ import annotations

import re

_F = re.IGNORECASE | re.UNICODE

# Who is told to do something: "mein Junior", "der Azubi", "my junior", "our intern", or a first name.
_WHO_DE = r"(?:(?:mein|meine|meinem|meinen|unser|unsere|unseren|der|die|das|ein|eine)\s+)?[\w:.-]+"
_WHO_EN = r"(?:(?:my|our|the|a)\s+)?[\w.-]+"
_VERB_DE = (
    r"(?:erklären|erklärt|zeigen|zeigt|beibringen|beibringt|vorführen|näherbringen|erläutern|"
    r"präsentieren|vormachen)"
)
_FILLER_DE = r"(?:(?:mal|kurz|schnell|eben|endlich|bitte|einfach|doch|nochmal|genau)\b[\s,]*)*"
_FILLER_EN = r"(?:(?:just|simply|quickly|finally|please|properly)\b[\s,]*)*"
_VERB_EN = r"(?:explain|show|teach|present|demonstrate|walk\s+me\s+through|tell\s+me\s+about)"

# German: "<wer> soll mir [mal] <Gegenstand> erklären[, Rest]" and "<wer> soll mir zeigen, wie …".
_DE_OBJECT = re.compile(
    rf"^(?:ich\s+(?:will|möchte),?\s+dass\s+)?{_WHO_DE}\s+(?:soll|muss|kann|sollte|darf)\s+(?:mir|uns)\s+"
    rf"{_FILLER_DE}(?P<obj>.+?)\s+{_VERB_DE}\s*(?P<rest>[,;:–-].*)?$",
    _F,
)
_DE_CLAUSE = re.compile(
    rf"^{_WHO_DE}\s+(?:soll|muss|kann|sollte)\s+(?:mir|uns)\s+{_FILLER_DE}{_VERB_DE}\s*,?\s*"
    r"(?P<clause>(?:wie|was|warum|wozu|wo|wann|welche\w*|ob)\b.+)$",
    _F,
)
# German imperative: "Erklär mir mal TikTok", "Zeig mir, wie …".
_DE_IMPERATIVE = re.compile(
    rf"^(?:erklär\w*|zeig\w*|bring\w*)\s+(?:sie\s+)?(?:mir|uns)\s+{_FILLER_DE}(?:bei\s+)?,?\s*(?P<body>.+?)"
    r"(?:\s+bei)?$",
    _F,
)
# English: "<who> should explain <object> to me[, so …]" and "<who> should show me how …".
_EN_MODAL = r"(?:should|must|has\s+to|have\s+to|needs\s+to|need\s+to|will|is\s+going\s+to|shall|can)"
_EN_OBJECT = re.compile(
    rf"^(?:i\s+want\s+)?{_WHO_EN}\s+(?:{_EN_MODAL}\s+)?(?:to\s+)?{_FILLER_EN}{_VERB_EN}\s+(?:me\s+|us\s+)?"
    r"(?P<obj>.+?)(?:\s+to\s+(?:me|us))?(?P<rest>(?:\s*,|\s+so\b|\s+because\b|\s+in\s+order\b).*)?$",
    _F,
)
_EN_IMPERATIVE = re.compile(
    rf"^{_FILLER_EN}{_VERB_EN}\s+(?:me\s+|us\s+)?(?P<obj>.+?)(?:\s+to\s+(?:me|us))?"
    r"(?P<rest>(?:\s*,|\s+so\b|\s+because\b).*)?$",
    _F,
)
_CLAUSE_START = re.compile(
    r"^(?:how|what|why|where|when|which|whether|wie|was|warum|wozu|wo|wann|welche\w*|ob)\b", _F
)

# What makes a goal top-down (the composer's own list; the evals keep theirs apart on purpose).
TOP_DOWN = re.compile(
    r"\b(?:mein\w*|unser\w*|der|die|das|ein\w*)\s+(?:junior\w*|azubi\w*|praktikant\w*|nachwuchs\w*|"
    r"mitarbeiter\w*|mentor\w*)\s+(?:soll|muss|hat\s+\w+\s+zu|kann\s+mir)\b"
    r"|\b\w+\s+(?:soll|muss)\s+(?:mir|uns)\s+(?:\w+\s+){0,6}?(?:erklär|zeig|beibring|vorführ|vormach)\w*"
    r"|\berklär\w*\s+(?:sie\s+)?(?:mir|uns)\b"
    r"|\b(?:zeig|bring)\w*\s+(?:mir|uns)\s+(?:mal|kurz|schnell|eben)\b"
    r"|\b(?:my|our|the)\s+(?:junior|intern|trainee|apprentice|subordinate|mentor)s?\s+"
    r"(?:should|must|has\s+to|have\s+to|needs?\s+to|is\s+going\s+to|will|shall)\b"
    r"|\bexplain\s+(?:\w+\s+){0,4}?to\s+(?:me|us)\b|\bexplain\s+me\b"
    r"|\b(?:just|simply|quickly)\s+(?:show|tell|explain|teach)\s+me\b"
    r"|\b(?:du\s+musst|you\s+must)\b|\bgefälligst\b",
    _F,
)

_SHARED = {
    "de": ("{obj} gemeinsam verstehen und ausprobieren", "Gemeinsam herausfinden, {clause}"),
    "en": ("Understand and try out {obj} together", "Find out together {clause}"),
}
_STOP = {
    "de": frozenset(
        ["und", "der", "die", "das", "ich", "wir", "mit", "für", "nicht", "dass", "damit", "endlich", "kann"]
    ),
    "en": frozenset(
        ["and", "the", "i", "we", "with", "for", "not", "that", "so", "can", "my", "our", "finally"]
    ),
}


def is_top_down(text: str) -> bool:
    """True when ``text`` commands or talks down to one side ("Mein Junior soll mir …")."""
    return bool(TOP_DOWN.search(text))


def _language_of(text: str) -> str | None:
    words = re.findall(r"\w+", text.casefold())
    de = sum(w in _STOP["de"] for w in words)
    en = sum(w in _STOP["en"] for w in words)
    return None if de == en else "de" if de > en else "en"


def _tidy(text: str) -> str:
    text = re.sub(
        r"^(?:mal|kurz|schnell|eben|endlich|bitte|einfach|just|simply|quickly|please)\s+", "", text, flags=_F
    )
    return text.strip(" ,;:.!?–-")


def _rest(rest: str | None, lang: str) -> str:
    """A purpose clause worth keeping (", damit ich endlich posten kann"), in the output's language."""
    if not rest:
        return ""
    clause = rest.strip(" ,;:–-.")
    if not clause or len(clause) > 100 or is_top_down(clause) or _language_of(clause) not in (lang, None):
        return ""
    return f", {clause}"


def _subject(goal: str) -> tuple[str | None, str | None, str | None]:
    """(object, wh-clause, rest) of a top-down goal, whichever the phrasing yields."""
    if m := _DE_CLAUSE.match(goal):
        return None, m["clause"], None
    if m := _DE_OBJECT.match(goal):
        obj = _tidy(m["obj"])
        return (None, obj, m["rest"]) if _CLAUSE_START.match(obj) else (obj, None, m["rest"])
    if m := _DE_IMPERATIVE.match(goal):
        body = _tidy(m["body"])
        return (None, body, None) if _CLAUSE_START.match(body) else (body, None, None)
    for pattern in (_EN_OBJECT, _EN_IMPERATIVE):
        if m := pattern.match(goal):
            obj = _tidy(m["obj"])
            return (None, obj, m["rest"]) if _CLAUSE_START.match(obj) else (obj, None, m["rest"])
    return None, None, None


def reframe(goal: str, lang: str) -> str | None:
    """``goal`` at eye level: unchanged when it is not top-down, else a shared learning goal in ``lang``
    built from its subject; ``None`` when no subject can be taken out (then it is better not quoted)."""
    text = " ".join(goal.split()).rstrip(".!")
    if not is_top_down(text):
        return goal
    obj, clause, rest = _subject(text)
    if obj and len(obj.split()) <= 8 and not is_top_down(obj):
        shared = _SHARED[lang][0].format(obj=obj)
    elif clause and not is_top_down(clause):
        shared = _SHARED[lang][1].format(clause=clause[0].lower() + clause[1:])
    else:
        return None
    shared += _rest(rest, lang)
    shared = shared[0].upper() + shared[1:]
    return None if is_top_down(shared) else shared


def eye_level_goals(goals: list[str], lang: str) -> list[str]:
    """The goals as they may be quoted: top-down ones reframed, unframable ones left out, no repeats."""
    result: list[str] = []
    for goal in goals:
        shared = reframe(goal, lang)
        if shared and shared.casefold() not in {g.casefold() for g in result}:
            result.append(shared)
    return result
