"""English possessives that follow the pronouns a person gave.

The phrase tables and cards are written with the singular "their" ("Petra tells where things stand
in their area"), which is right for someone who gave no pronouns or "they/them". For a person who
gave "she/her" or "he/him" it ignores what they asked for, so the finished English text is adjusted:
a "their" refers to the nearest person before it who is the subject of a verb ("Petra tells … their
area" → "her area"; "… that Ben needs for their development" → "his development"). Where that is not
clear it stays: several people ("Mia and Ben talk about their paths"), "you", another person named in
between ("Petra shows Ben something from their field"), a new sentence, and quoted words (a goal, a
title in „…“ or “…”). German needs none of this: its tables say "im eigenen Bereich".
"""

from __future__ import annotations

import re

from companion.generation.people import SINGULAR_VERBS, People

_POSSESSIVE = {"she": "her", "he": "his"}
_QUOTED = re.compile(r"„[^“”]*[“”]|“[^”]*”|\"[^\"]*\"")
# A person's name followed by a verb the phrase tables use in the third person singular, or a modal
# ("Petra tells", "Ben also asks", "Petra can"): a name before a noun ("shows Ben ways") is no subject.
_VERBS = sorted(
    [*SINGULAR_VERBS["en"], "can", "could", "will", "would", "should", "may"], key=len, reverse=True
)
_VERB = r"(?:(?:also|briefly|first|then|now|still|only)\s+)?(?:" + "|".join(_VERBS) + r")\b"
_OTHER_SUBJECT = re.compile(r"\b(?:[Yy]ou|[Bb]oth|[Ee]ach side|[Tt]hey)\s+[a-z]+\b")
_THEIR = re.compile(r"\b[Tt]heir\b")
_SENTENCE_END = re.compile(r"[.!?;:](?:\s|$)")


class Possessives:
    """Rewrites "their" for the people of ``people`` who gave he/him or she/her (English only)."""

    def __init__(self, people: People) -> None:
        self.own: dict[str, str] = {}
        self._subject: re.Pattern[str] | None = None
        self._names = re.compile(r"(?!)")
        if people.lang != "en":
            return
        for role in ("junior", "senior"):
            side = people.side(role)
            if len(side) == 1 and (pron := side[0].pronoun("en")) and pron[0] in _POSSESSIVE:
                self.own[side[0].name] = _POSSESSIVE[pron[0]]
        names = sorted(people.all_names(), key=len, reverse=True)
        if names and self.own:
            alternatives = "|".join(map(re.escape, names))
            self._names = re.compile(rf"\b(?:{alternatives})\b")
            self._subject = re.compile(rf"(?<!, )(?<!and )\b({alternatives})\s+{_VERB}")

    def __call__(self, text: str) -> str:
        """``text`` with each "their" that refers to such a person replaced by "her"/"his"."""
        if self._subject is None or not _THEIR.search(text):
            return text
        # Quoted words are the pair's own: masked (same length), so they neither name a subject nor
        # have their "their" replaced, and positions still match the original text.
        masked = _QUOTED.sub(lambda m: "\0" * len(m.group(0)), text)
        # Who "their" refers to: the last person before it who is the subject of a singular verb. Any
        # other mention of a person, another subject ("you", "both") or a sentence end resets it, so
        # an unclear case keeps "their" (never wrong, only less personal).
        subjects = {m.start(): self.own.get(m.group(1)) for m in self._subject.finditer(masked)}
        marks = [(m.start(), subjects.get(m.start())) for m in self._names.finditer(masked)]
        marks += [(m.start(), None) for m in _OTHER_SUBJECT.finditer(masked)]
        marks += [(m.start(), None) for m in _SENTENCE_END.finditer(masked)]
        marks.sort()
        out, last = [], 0
        for m in _THEIR.finditer(masked):
            before = [own for pos, own in marks if pos < m.start()]
            own = before[-1] if before else None
            if own is not None:
                out += [text[last : m.start()], own.capitalize() if m.group(0)[0].isupper() else own]
                last = m.end()
        out.append(text[last:])
        return "".join(out)
