"""Anonymisation rules for everything a coordinator sees.

* k-threshold: a theme, topic or figure is shown only when it comes from at least ``k`` distinct pairs;
  ``k`` is the programme's setting, never below :data:`MIN_K`.
* Suppression: a figure from fewer than ``k`` pairs is shown as ``"< k"`` — zero included, so a
  suppressed cell never tells "nobody" from "one pair".
* Redaction: names (full names and their parts, inflected, with or without accents, umlauts
  transliterated, initials), "Herr/Frau/Dr. X" of anyone, e-mail-like strings and phone numbers are
  removed from any free text. Free text itself never reaches a coordinator any more (themes are
  ticked); redaction guards the roster names in what a partner reads (``generation.discretion``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MIN_K = 3
# E-mail-like strings, with or without a domain or top-level domain ("jonas.demir@firma",
# "jonas.demir@"), and the spelled-out forms ("jonas (at) firma (punkt) de").
EMAIL = re.compile(
    r"[\w.+-]+@(?:[\w-]+(?:\.[\w-]+)*)?"
    r"|[\w.+-]+\s?[\[(]\s?(?:at|ät)\s?[\])]\s?[\w-]+(?:\s?[\[(]?\s?(?:dot|punkt)\s?[\])]?\s?[\w-]+)*",
    re.IGNORECASE,
)
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d /().\-]{5,}\d(?!\w)")
_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})$")
HANDLE = re.compile(r"(?<!\w)@\w{2,}")
TITLES = {"dr", "dr.", "prof", "prof.", "herr", "herrn", "frau", "mr", "mrs", "ms", "von", "van", "de", "der"}
NAME_TOKEN = "[Name]"
# "Herr/Frau/Dr./Prof./Mr/Ms X" of anyone, any case ("herr schmidtbauer") — unless X is a function word
# ("eine Frau aus dem Vertrieb").
TITLED = re.compile(
    r"(?<!\w)(?:herrn?|frau|hr\.|fr\.|dr\.|prof\.|mr\.?|mrs\.?|ms\.?)"
    r"(?:\s+(?:dr\.|prof\.|med\.|rer\.|nat\.))*\s+(?!(?:aus|von|vom|im|in|an|am|der|die|das|den|dem|des|und|"
    r"oder|mit|ist|hat|war|wird|als|bei|für|zu|zum|zur|the|and|of|in|at|from|with|is|was)\b)[^\W\d_][\w'’-]*",
    re.IGNORECASE,
)
_TRANSLIT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def strip_accents(text: str) -> str:
    """``text`` without diacritics: "Dembélé" → "Dembele", "Müller" → "Muller"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def spellings(word: str) -> set[str]:
    """The ways people type a name: as given, without accents, with umlauts transliterated (ä → ae)
    and, for a transliterated name, with umlauts ("Mueller" → "Müller")."""
    out = {word, strip_accents(word)}
    translit = "".join(_TRANSLIT.get(c, c) for c in word)
    out |= {translit, strip_accents(translit)}
    back = re.sub("ae", "ä", re.sub("oe", "ö", re.sub("ue", "ü", word)))
    out |= {back, strip_accents(back)}
    return {w for w in out if w}


def effective_k(k: int | None) -> int:
    """The threshold actually applied: the programme's ``k``, never below :data:`MIN_K`."""
    return max(MIN_K, int(k or 0))


@dataclass(frozen=True)
class Figure:
    """A count as a coordinator may see it: ``value`` is None when it is suppressed."""

    value: int | None
    k: int

    @property
    def shown(self) -> str:
        return str(self.value) if self.value is not None else f"< {self.k}"


def figure(count: int, pairs: int, k: int) -> Figure:
    """``count`` (of sessions, pairs …) drawn from ``pairs`` distinct pairs; suppressed below ``k`` pairs."""
    return Figure(count if pairs >= k else None, k)


def name_variants(names: Iterable[str]) -> list[str]:
    """Full names and their individual parts (without titles, at least three letters), each in every
    spelling of :func:`spellings`, longest first, so that "Helga Brandt", "Helga", "Brandt" and
    "Dembele" for "Dembélé" are all found."""
    out: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        out |= spellings(name)
        for part in re.split(r"[\s,]+", name):
            part = part.strip(".-'’()")
            if len(part) >= 3 and part.lower() not in TITLES:
                out |= spellings(part)
    return sorted(out, key=len, reverse=True)


def _name_regex(word: str) -> str:
    """A pattern for ``word`` that accepts every mix of spellings: each umlaut as itself, its
    transliteration or its base letter, each accented letter with or without the accent, and a
    transliterated pair ("ue") as the umlaut."""
    out, i = [], 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair.lower() in ("ae", "oe", "ue"):
            umlaut = {"ae": "ä", "oe": "ö", "ue": "ü"}[pair.lower()]
            out.append(f"(?:{re.escape(pair)}|{umlaut})")
            i += 2
            continue
        c = word[i]
        base = strip_accents(c)
        options = {re.escape(c), re.escape(base)}
        if c in _TRANSLIT:
            options.add(re.escape(_TRANSLIT[c]))
        out.append(
            f"(?:{'|'.join(sorted(options, key=len, reverse=True))})" if len(options) > 1 else options.pop()
        )
        i += 1
    return "".join(out)


def _initials(names: Iterable[str]) -> list[str]:
    """ "H. B.", "H.B." and "HB" for "Helga Brandt" (two or more parts, titles left out)."""
    out = set()
    for name in names:
        parts = [p for p in re.split(r"[\s,]+", name.strip()) if p and p.lower().strip(".") not in TITLES]
        letters = [p[0].upper() for p in parts if p[0].isalpha()]
        if len(letters) >= 2:
            first, last = letters[0], letters[-1]
            out |= {rf"{first}\.\s?{last}\.", rf"{first}{last}"}
    return sorted(out)


def redactor(names: Iterable[str]) -> re.Pattern[str] | None:
    """One compiled pattern for all name variants with German inflection (genitive "Brandts",
    "Brandt's", "Klaus'") and initials (None when there are no names)."""
    names = [n for n in names if n and n.strip()]
    variants = name_variants(names)
    if not variants:
        return None
    alternatives = "|".join(dict.fromkeys(_name_regex(v) for v in variants))
    initials = "|".join(_initials(names))
    pattern = rf"(?<!\w)(?:{alternatives})(?:s|es|'s|’s|'|’)?(?!\w)"
    if initials:
        pattern += rf"|(?<![\w.])(?-i:{initials})(?![\w])"
    return re.compile(pattern, re.IGNORECASE)


def _phone(m: re.Match[str]) -> str:
    found = m.group(0)
    if _DATE.match(found) or sum(c.isdigit() for c in found) < 7:
        return found
    return "[Telefon]"


def redact(text: str, names: Iterable[str] = (), *, pattern: re.Pattern[str] | None = None) -> str:
    """``text`` without e-mail-like strings, phone numbers, @handles, "Herr/Frau/Dr. X" of anyone and
    the given people's names in their inflected and transliterated forms."""
    text = EMAIL.sub("[E-Mail]", text)
    text = PHONE.sub(_phone, text)
    text = HANDLE.sub(NAME_TOKEN, text)
    text = TITLED.sub(NAME_TOKEN, text)
    pattern = pattern or redactor(names)
    if pattern is not None:
        text = pattern.sub(NAME_TOKEN, text)
    return text


def shared_by_k(pairs_by_key: Mapping[str, set[int]], k: int) -> list[tuple[str, int]]:
    """Keys that at least ``k`` distinct pairs share, with their pair count, most shared first.
    Keys below the threshold are dropped entirely — not even their existence is reported."""
    kept = [(key, len(pairs)) for key, pairs in pairs_by_key.items() if len(pairs) >= k]
    return sorted(kept, key=lambda item: (-item[1], item[0]))


def normalise_phrase(text: str) -> str | None:
    """A short free-text phrase in a comparable form, or None when it is too long to be a theme.
    Sentences are never aggregated: they could be someone's words."""
    words = re.sub(r"[^\w\s\-\[\]]", " ", text.lower()).split()
    if not words or len(words) > 5 or len(" ".join(words)) > 60:
        return None
    return " ".join(words)
