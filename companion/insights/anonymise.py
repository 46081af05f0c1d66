"""Anonymisation rules for everything a coordinator sees.

* k-threshold: a theme, topic or figure is shown only when it comes from at least ``k`` distinct pairs;
  ``k`` is the programme's setting, never below :data:`MIN_K`.
* Suppression: a figure from fewer than ``k`` pairs is shown as ``"< k"`` — zero included, so a
  suppressed cell never tells "nobody" from "one pair".
* Redaction: names (full names and their parts), e-mail addresses and phone numbers are removed from any
  free text *before* it is aggregated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MIN_K = 3
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d /().-]{6,}\d")
HANDLE = re.compile(r"(?<!\w)@\w{2,}")
TITLES = {"dr", "dr.", "prof", "prof.", "herr", "frau", "mr", "mrs", "ms", "von", "van", "de", "der"}
NAME_TOKEN = "[Name]"


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
    """Full names and their individual parts (without titles, at least three letters), longest first,
    so that "Helga Brandt", "Helga" and "Brandt" are all found."""
    out: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        out.add(name)
        for part in re.split(r"[\s,]+", name):
            part = part.strip(".-'’()")
            if len(part) >= 3 and part.lower() not in TITLES:
                out.add(part)
    return sorted(out, key=len, reverse=True)


def redactor(names: Iterable[str]) -> re.Pattern[str] | None:
    """One compiled pattern for all name variants (None when there are none)."""
    variants = name_variants(names)
    if not variants:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(v) for v in variants) + r")(?!\w)", re.IGNORECASE)


def redact(text: str, names: Iterable[str] = (), *, pattern: re.Pattern[str] | None = None) -> str:
    """``text`` without e-mail addresses, phone numbers, @handles and the given people's names."""
    text = EMAIL.sub("[E-Mail]", text)
    text = PHONE.sub("[Telefon]", text)
    text = HANDLE.sub(NAME_TOKEN, text)
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
