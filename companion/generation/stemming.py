"""Stemmed content words (PyStemmer's Snowball stemmers, the ones the retrieval layer uses)."""

from __future__ import annotations

import functools
import re

import Stemmer

_GENDER = re.compile(r"[:*_/·]innen\b")
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOP = frozenset(
    [
        "und",
        "oder",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "für",
        "mit",
        "von",
        "bei",
        "auf",
        "aus",
        "nach",
        "wie",
        "was",
        "wer",
        "warum",
        "ist",
        "sind",
        "wird",
        "werden",
        "nicht",
        "auch",
        "noch",
        "schon",
        "zum",
        "zur",
        "ihr",
        "euch",
        "eure",
        "euer",
        "unser",
        "unsere",
        "dein",
        "fürs",
        "beim",
        "vom",
        "ins",
        "ans",
        "aufs",
        "wir",
        "uns",
        "man",
        "deine",
        "mein",
        "meine",
        "sich",
        "sie",
        "ihn",
        "ihm",
        "ihre",
        "sein",
        "seine",
        "dass",
        "damit",
        "ohne",
        "über",
        "unter",
        "heute",
        "mehr",
        "besser",
        "verstehen",
        "lernen",
        "klären",
        "erfahren",
        "junior",
        "senior",
        "session",
        "sessions",
        "and",
        "the",
        "for",
        "with",
        "from",
        "how",
        "what",
        "who",
        "why",
        "are",
        "will",
        "not",
        "also",
        "our",
        "your",
        "their",
        "its",
        "this",
        "that",
        "into",
        "about",
        "more",
        "better",
        "understand",
        "learn",
        "session",
        "junior",
        "senior",
    ]
)


@functools.cache
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german" if lang == "de" else "english")


def stems(text: str, lang: str) -> set[str]:
    """Stemmed content words of ``text`` (three letters or more, stop words left out)."""
    return set(_cached_stems(text, lang))


# The same card lines and goals are stemmed again for every agenda (an agenda compares dozens of
# card lines with the pair's goals); the result depends on the text alone.
@functools.lru_cache(maxsize=16384)
def _cached_stems(text: str, lang: str) -> frozenset[str]:
    text = _GENDER.sub("innen", text.casefold())  # "Kolleg:innen" is one word, not "kolleg" + "innen"
    words = [w for w in _WORD.findall(text) if w not in _STOP]
    return frozenset(_stemmer(lang).stemWords(words))
