"""Default masculine for persons in German text: "der Senior … seine", "des Juniors", "die Kollegen".

The brief: in German never a default masculine for a person — names, neutral forms ("die Senior-Seite",
"dein Gegenüber", "ihr") or neutral plurals ("Mitarbeitende", "Kolleg:innen", "die Seniors"). This
module finds the cases a reader would notice, precisely enough that the knowledge cards can be held
to zero and generated output can be checked:

- a role noun for a person with a masculine singular determiner ("der Senior", "einem Kollegen",
  "vom Mentor", "deinem Senior", "jeder Junior"), adjectives in between allowed ("der erfahrene Senior");
- a generic masculine plural with its article ("die Kollegen", "den Mitarbeitern", "der Teilnehmer");
- a masculine pronoun ("er", "ihm", "ihn", "sein…") in a sentence that has such a role reference, since
  it then refers to that person ("Der Senior erklärt seine Sicht").

Not flagged, on purpose (each with its reason):

- compounds and neutral side forms: "die Senior-Seite", "Senior-Mentee", "Junior-Perspektive" — a
  hyphen makes a new (feminine or neutral) noun;
- English-style plurals "die Seniors", "den Juniors", "Azubis", and "die Vorgesetzten" — plural forms
  without a gendered ending;
- words that merely begin with a role noun: "Seniorität", "Juniorprogramm";
- epicene nouns: "Mensch", "Person", "Fachkraft", "Führungskraft", "Gegenüber", "Tandem", "Mitglied";
- both forms side by side: "einer Bewerberin oder eines Bewerbers";
- "sein", "seine" without a masculine role reference in the sentence: they refer to things ("Das Tool
  hat seine Grenzen") or are the verb ("anders sein");
- text inside quotation marks („…“, “…”): quoted speech and quoted user input, shown as what people say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["GenderedHit", "masculine_hits", "strip_quotes"]

# Person nouns with a feminine counterpart: (singular stems as a regex, masculine plural forms).
_SINGULAR = (
    r"Seniors?|Juniors?|Mentors?|Mentees?|Kollegen?|Mitarbeiters?|Teilnehmers?|Chefs?|Leiters?|"
    r"(?:Gesprächs|Ansprech|Tandem)?[Pp]artners?|Nutzers?|Kunden?|Bewerbers?|Entwicklers?|Experten?|"
    r"Koordinators?|Trainers?|Berufseinsteigers?|Azubis?|Studenten?|Praktikanten?|Werkstudenten?|"
    r"Vorgesetzte[nr]?|Auszubildende[nr]?|Moderators?|Ausbilders?|Vertreters?"
)
_PLURAL = (
    r"Kollegen|Mitarbeitern?|Teilnehmern?|Chefs|Leitern?|(?:Gesprächs|Ansprech)?[Pp]artnern?|Nutzern?|"
    r"Kunden|Bewerbern?|Entwicklern?|Experten|Koordinatoren|Trainern?|Berufseinsteigern?|Studenten|"
    r"Praktikanten|Mentoren|Ausbildern?|Vertretern?"
)
# Up to two adjectives ("der erfahrene Senior"), never an article or a conjunction ("dem der Senior").
_NOT_ADJ = (
    r"der|die|das|den|dem|des|ein|eine|einer|einem|einen|eines|und|oder|aber|wieder|immer|jeder|jede|"
    r"jedem|jeden|jedes|diese|dieser|diesem|diesen|dieses|welche|welcher|welchem|welchen|welches|"
    r"(?:mein|dein|sein|ihr|unser|eur|kein)(?:e|er|em|en|es)"
)
_ADJ = rf"(?:(?!(?:{_NOT_ADJ})\s)[a-zäöüß]+(?:e|en|er|es|em)\s+){{0,2}}"
# Determiners of a masculine singular noun (nominative, genitive, dative, accusative).
_DET_SG = (
    r"der|des|dem|den|ein|eines|einem|einen|kein|keines|keinem|keinen|jeder|jedes|jedem|jeden|"
    r"dieser|dieses|diesem|diesen|welcher|welches|welchem|welchen|vom|zum|beim|"
    r"(?:mein|dein|sein|ihr|unser|euer|eur)(?:es|em|en)?"
)
_ROLE_SG = re.compile(
    rf"\b(?i:{_DET_SG})\s+{_ADJ}(?P<noun>{_SINGULAR})\b(?![-:*/’'_]|\s*(?:innen|in)\b)",
)
_ROLE_PL = re.compile(
    rf"\b(?i:die|der|den|alle|allen|aller|viele|vielen)\s+{_ADJ}(?P<noun>{_PLURAL})\b(?![-:*/’'_])"
)
_PRONOUN = re.compile(r"\b(?:[Ee]r|ihm|ihn|[Ss]ein(?:e|en|em|er|es)?)\b")
# "sein" as a verb after a modal or at a clause end ("anders sein", "sein soll") is not a pronoun.
_VERB_SEIN = re.compile(r"\bsein\b(?=\s*(?:[.,;:!?)]|$|soll|sollte|kann|könnte|muss|wird|würde|darf))")
_QUOTED = re.compile(r"„[^“”]*[“”]|“[^”]*”|\"[^\"]*\"|‚[^‘’]*[‘’]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class GenderedHit:
    """One default masculine: the words found and the sentence around them."""

    text: str
    sentence: str
    kind: str  # "role" | "plural" | "pronoun"


def strip_quotes(text: str) -> str:
    """``text`` with quoted passages replaced by a neutral placeholder (quoted speech is what people
    said, not our wording)."""
    return _QUOTED.sub("„…“", text)


def _singular_is_plural(m: re.Match[str]) -> bool:
    """ "der Kollegen" (genitive plural) or "den Kollegen" (dative plural) — caught as plurals instead;
    "der Juniors" is an English-style plural, which is neutral."""
    det = m.group(0).split()[0].casefold()
    noun = m.group("noun")
    if noun in ("Seniors", "Juniors", "Azubis", "Mentees", "Mentors"):
        return det in ("der", "den")  # "des Seniors" is a genitive singular
    return det in ("der", "den") and noun.endswith(("en", "ern")) and not noun.endswith("Vorgesetzten")


def _paired(m: re.Match[str], sentence: str) -> bool:
    """ "einer Bewerberin oder eines Bewerbers", "der junge Mentor oder die junge Mentorin": both forms
    named side by side are not a default masculine."""
    noun = m.group("noun")
    feminine = {f"{noun}in", f"{noun[:-1]}in", f"{noun[:-2]}in"}
    return bool(re.search(r"\b(?:oder|und|bzw\.)\s", sentence)) and any(f in sentence for f in feminine)


def masculine_hits(text: str) -> list[GenderedHit]:
    """Every default masculine for a person in German ``text`` (quotations left out)."""
    hits: list[GenderedHit] = []
    for sentence in _SENTENCE.split(strip_quotes(text)):
        plural = {m.span(): m.group(0) for m in _ROLE_PL.finditer(sentence)}
        found = False
        for m in _ROLE_SG.finditer(sentence):
            skip = m.span() in plural or _singular_is_plural(m) or _paired(m, sentence)
            if skip or m.group("noun") in ("Vorgesetzten", "Auszubildenden"):
                continue
            hits.append(GenderedHit(m.group(0), sentence, "role"))
            found = True
        hits += [GenderedHit(text, sentence, "plural") for text in plural.values()]
        if not found:
            continue
        verbs = {v.start() for v in _VERB_SEIN.finditer(sentence)}
        for p in _PRONOUN.finditer(sentence):
            if p.start() not in verbs:
                hits.append(GenderedHit(p.group(0), sentence, "pronoun"))
    return hits
