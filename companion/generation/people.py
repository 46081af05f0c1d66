"""Who is in the session, and how generated text refers to them.

Names first: "Mia zeigt …" instead of "Der Junior zeigt …". Several people on one side read as "Aylin,
Ben und Chiara" in sentences written for several people and as "Aylin, Ben oder Chiara" where a
sentence (a knowledge card's session idea) speaks of one person, so the verb stays right. Pronouns
are used only when the person gave them ("sie/ihr", "er/ihm", "she/her", "they/them"); without them,
or with "keine – bitte Namen", the name stands again. With no names at all the text uses neutral
forms ("die Junior-Seite", "the junior side"), never a default masculine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from companion.generation.safety import safe_phrase
from companion.generation.schemas import GenerationContext, Participant

# First word of a pronoun text -> (nominative, possessive stem) per language.
_PRONOUNS = {
    "de": {"sie": ("sie", "ihr"), "er": ("er", "sein")},
    "en": {"she": ("she", "her"), "he": ("he", "his"), "they": ("they", "their")},
}
_NEUTRAL = {
    "de": {"junior": "die Junior-Seite", "senior": "die Senior-Seite"},
    "en": {"junior": "the junior side", "senior": "the senior side"},
}
_AND = {"de": "und", "en": "and"}
_OR = {"de": "oder", "en": "or"}
_R = r"(?P<role>Junior|Senior)"
_PREP = r"mit|von|bei|aus|zu|nach|seit|gegenüber|für|an|auf|über|um|vor|neben|zwischen|durch|ohne"
# After a preposition a name stands in the dative or accusative: "bei Herrn Vogt", "für Herrn Vogt".
# Only "Herr" changes its form there; "Frau" and first names do not.
_HERR = re.compile(r"\bHerr\b(?=\s+\S)")
# Case-insensitive: "Mit {S}" at the start of a sentence needs "Herrn" as much as "mit {S}".
_SLOT_AFTER_PREP = re.compile(rf"\b((?i:{_PREP}|vom|zum|am|gegen))(\s+)\{{(\w+)\}}")
# Role references in card text (and the odd older wording): (pattern, with names, without names).
# With names the side's people stand in; without, a default masculine becomes the neutral side form
# ("der Senior" → "die Senior-Seite"), so no generated German says "der Senior … seine".
_ROLE_NOUNS: dict[str, list[tuple[str, str, str | None, bool]]] = {
    "de": [
        (rf"\b(?:[Dd]es|[Dd]eines|[Ss]eines|[Ii]hres) {_R}s\b", "von {n}", "der {r}-Seite", True),
        (rf"\b[Vv]om {_R}\b(?![-:])", "von {n}", "von der {r}-Seite", True),
        (rf"\b[Zz]um {_R}\b(?![-:])", "zu {n}", "zur {r}-Seite", True),
        (rf"\b(?:[Dd]einem|[Dd]em) {_R}\b(?![-:])", "{n}", "der {r}-Seite", True),
        (rf"\b(?:[Dd]einen|[Dd]en) {_R}\b(?![-:])", "{n}", "die {r}-Seite", True),
        (rf"\b(?:[Dd]ein|[Dd]er) {_R}\b(?![-:])", "{n}", "die {r}-Seite", False),
        # The neutral side forms of the cards, replaced by names when they are known.
        (rf"\b(?P<pre>(?i:{_PREP})\s+)(?:der|die) {_R}-Seite\b", "{pre}{n}", None, True),
        (rf"\b[Zz]ur {_R}-Seite\b", "zu {n}", None, True),
        (rf"(?P<pre>\b[A-ZÄÖÜ][\wäöüß]+\s+)der {_R}-Seite\b", "{pre}von {n}", None, True),
        (rf"\b(?:[Dd]ie|[Dd]er) {_R}-Seite\b", "{n}", None, False),
    ],
    "en": [
        (r"\b(?:[Tt]he|[Yy]our) (?P<role>junior|senior)'s\b", "{n}'s", None, False),
        (r"\b(?:[Tt]he|[Yy]our) (?P<role>junior|senior)\b(?![-:])", "{n}", None, False),
    ],
}
_ROLE_PATTERNS = {
    lang: [(re.compile(p), named, neutral, obl) for p, named, neutral, obl in rules]
    for lang, rules in _ROLE_NOUNS.items()
}


def oblique(names: str) -> str:
    """``names`` in the dative or accusative: "Frau Keller und Herr Vogt" -> "Frau Keller und Herrn Vogt"."""
    return _HERR.sub("Herrn", names)


# The verbs the phrase tables put right after a side's names in the singular, with their plural: a
# sentence written for one person of a side ("{J} fragt nach") then agrees with several ("Aylin, Ben
# und Chiara fragen nach"). Sentences written for several people have their own ``_pl`` wording.
_PLURAL_VERB: dict[str, dict[str, str]] = {
    "de": {
        "sagt": "sagen", "fragt": "fragen", "bringt": "bringen", "schlägt": "schlagen", "zeigt": "zeigen",
        "erzählt": "erzählen", "notiert": "notieren", "leitet": "leiten", "skizziert": "skizzieren",
        "nennt": "nennen", "hört": "hören", "stellt": "stellen", "gleicht": "gleichen", "gibt": "geben",
        "beschreibt": "beschreiben", "probiert": "probieren", "ergänzt": "ergänzen", "öffnet": "öffnen",
        "schildert": "schildern", "prüft": "prüfen", "hält": "halten", "ordnet": "ordnen",
        "berichtet": "berichten", "teilt": "teilen", "plant": "planen", "legt": "legen", "nimmt": "nehmen",
        "bekommt": "bekommen",
    },
    "en": {"adds": "add", "asks": "ask", "brings": "bring", "checks": "check", "describes": "describe", "does": "do", "explains": "explain", "follows": "follow", "gives": "give", "guides": "guide", "has": "have", "holds": "hold", "lays": "lay", "listens": "listen", "names": "name", "needs": "need", "notes": "note", "opens": "open", "plans": "plan", "presents": "present", "puts": "put", "reports": "report", "says": "say", "shares": "share", "shows": "show", "sketches": "sketch", "suggests": "suggest", "takes": "take", "teaches": "teach", "tells": "tell", "tries": "try"},
}  # fmt: skip
# In a German subordinate clause the finite verb comes late ("eine Frage, der {J} bis zum nächsten
# Treffen nachgeht", "was {S} wissen sollte", "was {J} gelernt hat"): after a relative pronoun or a
# conjunction, the last of these verbs in the clause agrees with several names too.
_CLAUSE_VERB: dict[str, str] = {
    **_PLURAL_VERB["de"],
    "kann": "können", "sollte": "sollten", "soll": "sollen", "hat": "haben", "will": "wollen",
    "muss": "müssen", "möchte": "möchten", "darf": "dürfen", "ist": "sind", "wird": "werden",
    "weiß": "wissen", "braucht": "brauchen", "nachgeht": "nachgehen", "erklärt": "erklären",
    "mitnimmt": "mitnehmen", "sieht": "sehen", "kennt": "kennen", "lernt": "lernen",
}  # fmt: skip
_SUBORDINATE = re.compile(
    r"\b(?:der|die|das|was|damit|dass|ob|wie|wo|wenn|weil|welche[nrms]?(?:\s+\w+){0,2})\s+\{(\w+)\}"
    # the clause runs to a punctuation mark, the next name or the next "und was …"
    r"(?P<rest>(?:(?!\{|\bund (?:was|wie|wo|welche|ob|dass)\b)[^.,;:?!|])*)"
)
# A verb right before the names ("Jetzt ist {J} dran"): inverted word order, same agreement.
_INVERTED = re.compile(r"\b(ist|hat|kann|wird)(\s+)\{(\w+)\}")
SINGULAR_VERBS: dict[str, tuple[str, ...]] = {lang: tuple(verbs) for lang, verbs in _PLURAL_VERB.items()}
_AND_WORD = {"de": " und ", "en": " and "}
_PAIRED = re.compile(r"\{(\w+)\} (?:und|and) \{(\w+)\}")  # "{J} und {S}"
_SUBJECT_VERB = {
    lang: re.compile(r"\{(\w+)\} (" + "|".join(verbs) + r")\b") for lang, verbs in _PLURAL_VERB.items()
}
# A second verb of the same subject ("{J} hört zu und fragt nach"): it agrees as well, up to the end
# of the clause.
_COORDINATED = {
    lang: re.compile(
        r"\{(\w+)\} ((?:"
        + "|".join(verbs)
        + r")\b[^.,;:?!|{}]*?\b(?:und|and|oder|or) )("
        + "|".join(verbs)
        + r")\b"
    )
    for lang, verbs in _PLURAL_VERB.items()
}


def fill(lang: str, template: str, values: Mapping[str, object]) -> str:
    """``template`` with its ``{placeholders}`` filled in. A verb right after several names agrees
    with them ("{J} fragt" -> "Aylin und Ben fragen", "{J} asks" -> "Aylin and Ben ask"), and in
    German a name right after a preposition takes its oblique form ("Wer bei {S} mitentscheidet" ->
    "Wer bei Herrn Vogt mitentscheidet")."""
    # Names that stand for several people ("Aylin, Ben und Chiara"); none in a one-to-one pair, and
    # then the agreement rules have nothing to do (this runs for every phrase of every agenda).
    plural = (
        {k for k, v in values.items() if isinstance(v, str) and _AND_WORD[lang] in v}
        if lang in _SUBJECT_VERB
        else set()
    )
    if plural:
        verbs = _PLURAL_VERB[lang]

        def agree(m: re.Match[str]) -> str:
            return f"{{{m.group(1)}}} {verbs[m.group(2)]}" if m.group(1) in plural else m.group(0)

        template = _COORDINATED[lang].sub(
            lambda m: (
                f"{{{m.group(1)}}} {m.group(2)}{verbs[m.group(3)]}" if m.group(1) in plural else m.group(0)
            ),
            template,
        )
        template = _SUBJECT_VERB[lang].sub(agree, template)
        if lang == "de":
            template = _SUBORDINATE.sub(
                lambda m: _agree_late(m) if m.group(1) in plural else m.group(0), template
            )
            template = _INVERTED.sub(
                lambda m: (
                    f"{_CLAUSE_VERB[m.group(1)]}{m.group(2)}{{{m.group(3)}}}"
                    if m.group(3) in plural
                    else m.group(0)
                ),
                template,
            )
    if lang in _AND_WORD and _PAIRED.search(template):
        template, values = _one_list(lang, template, values)
    if lang != "de" or not _SLOT_AFTER_PREP.search(template):
        return template.format(**values)
    extra: dict[str, str] = {}

    def mark(m: re.Match[str]) -> str:
        value = values.get(m.group(3))
        if not isinstance(value, str) or "Herr" not in value:
            return m.group(0)
        extra[f"{m.group(3)}__obl"] = oblique(value)
        return f"{m.group(1)}{m.group(2)}{{{m.group(3)}__obl}}"

    return _SLOT_AFTER_PREP.sub(mark, template).format(**values, **extra)


def _one_list(lang: str, template: str, values: Mapping[str, object]) -> tuple[str, dict[str, object]]:
    """ "{J} und {S}" reads as one list of everybody: "Aylin, Ben, Frau Keller und Herr Vogt", not
    "Aylin und Ben und Frau Keller und Herr Vogt". One placeholder stands for the whole list, so a
    preposition before it puts every "Herr" of it in the oblique case ("mit Aylin und Herrn Vogt")."""
    word = _AND_WORD[lang]
    extra: dict[str, object] = {}

    def join(m: re.Match[str]) -> str:
        first, second = values.get(m.group(1)), values.get(m.group(2))
        if not (isinstance(first, str) and isinstance(second, str)):
            return m.group(0)
        key = f"{m.group(1)}__and__{m.group(2)}"
        extra[key] = first.replace(word, ", ") + (", " if word in second else word) + second
        return f"{{{key}}}"

    return _PAIRED.sub(join, template), {**values, **extra}


def _agree_late(m: re.Match[str]) -> str:
    """A German subordinate clause whose subject is several names: its last verb in the plural."""
    rest = m.group("rest")
    verbs = [w for w in re.finditer(r"\w+", rest) if w.group(0) in _CLAUSE_VERB]
    if not verbs:
        return m.group(0)
    last = verbs[-1]
    head = m.group(0)[: m.start("rest") - m.start()]
    return f"{head}{rest[: last.start()]}{_CLAUSE_VERB[last.group(0)]}{rest[last.end() :]}"


@dataclass(frozen=True)
class Person:
    """One participant as generated text may name them."""

    name: str
    pronouns: str | None = None
    role: str | None = None
    expertise: str | None = None

    def pronoun(self, lang: str) -> tuple[str, str] | None:
        """(nominative, possessive stem) when the person gave pronouns of ``lang``, else ``None``."""
        if not self.pronouns:
            return None
        first = re.split(r"[\s/,;]+", self.pronouns.strip().casefold(), maxsplit=1)[0]
        return _PRONOUNS.get(lang, {}).get(first)


def _person(p: Participant) -> Person | None:
    name = safe_phrase(p.name, 80)
    if not name:
        return None
    return Person(name, safe_phrase(p.pronouns, 60), safe_phrase(p.role, 80), safe_phrase(p.expertise, 120))


def join_names(names: list[str], lang: str, word: str = "and") -> str:
    """ "A", "A und B", "A, B und C" (or with "oder"/"or")."""
    conj = (_AND if word == "and" else _OR)[lang]
    if len(names) <= 1:
        return names[0] if names else ""
    return f"{', '.join(names[:-1])} {conj} {names[-1]}"


class People:
    """The juniors and seniors of one context, and the words for them in one language."""

    def __init__(self, ctx: GenerationContext) -> None:
        self.lang = ctx.language
        self.juniors = [p for p in (_person(x) for x in ctx.juniors) if p is not None]
        self.seniors = [p for p in (_person(x) for x in ctx.seniors) if p is not None]

    def side(self, role: str) -> list[Person]:
        """The people of one side (``junior`` or ``senior``)."""
        return self.juniors if role == "junior" else self.seniors

    def plural(self, role: str) -> bool:
        """True when a sentence about this side needs a plural verb."""
        return len(self.side(role)) > 1

    def names(self, role: str, word: str = "and") -> str:
        """Everyone on one side by name, or the side's neutral name when no names are known."""
        people = self.side(role)
        if not people:
            return _NEUTRAL[self.lang][role]
        return join_names([p.name for p in people], self.lang, word)

    def neutral(self, role: str) -> str:
        """The side's neutral name at the start of a sentence ("Die Junior-Seite"), for a text of one
        unnamed person of a side with several."""
        text = _NEUTRAL[self.lang][role]
        return text[0].upper() + text[1:]

    def member(self, name: str | None) -> str | None:
        """``name`` when it is one of this context's people, else None (nobody else is named)."""
        return name if name and any(p.name == name for p in [*self.juniors, *self.seniors]) else None

    def one(self, role: str) -> str:
        """A sentence subject for one person of this side: the name, or "A oder B" for several."""
        return self.names(role, "or")

    def cap(self, role: str) -> str:
        """:meth:`names` at the start of a sentence."""
        text = self.names(role)
        return text[0].upper() + text[1:]

    def subject_again(self, role: str) -> str:
        """A second mention of this side in the same sentence: the pronoun the person gave, else the
        name again (neutral, never a guessed gender); several people: "sie"/"they"."""
        people = self.side(role)
        if len(people) > 1:
            return "sie" if self.lang == "de" else "they"
        if people and (pron := people[0].pronoun(self.lang)):
            return pron[0]
        return self.names(role)

    def role_of(self, role: str) -> str | None:
        """The job title of a single person on this side (as they wrote it), if known."""
        people = self.side(role)
        return people[0].role if len(people) == 1 else None

    def expertise(self, role: str) -> str | None:
        """The first known expertise on this side."""
        return next((p.expertise for p in self.side(role) if p.expertise), None)

    def all_names(self) -> list[str]:
        """Every name in the session (juniors first)."""
        return [p.name for p in [*self.juniors, *self.seniors]]

    def fill_roles(self, text: str) -> str:
        """A knowledge card's sentence with its role references ("der Senior", "des Juniors", "die
        Junior-Seite") replaced by the people's names; a side without names gets the neutral side form
        instead of a default masculine."""
        for pattern, named, neutral, oblique_case in _ROLE_PATTERNS.get(self.lang, []):

            def swap(
                m: re.Match[str], named: str = named, neutral: str | None = neutral, obl: bool = oblique_case
            ) -> str:
                word = m.group("role")
                role = "junior" if word.casefold().startswith("junior") else "senior"
                pre = m.groupdict().get("pre") or ""
                if self.side(role):
                    who = self.one(role)
                    out = named.format(n=oblique(who) if obl else who, pre=pre)
                elif neutral is None:
                    return m.group(0)
                else:
                    out = neutral.format(r=word)
                return out[0].upper() + out[1:] if m.group(0)[0].isupper() else out

            text = pattern.sub(swap, text)
        return text
