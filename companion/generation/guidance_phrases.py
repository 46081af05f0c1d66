"""The phrase table ``G`` of the goal-driven offline agenda and preparation (German and English),
and how a sentence is taken from it (:func:`say`, :func:`variant`, :func:`pick`, :func:`gq`).

``G`` merges the base sentences (:mod:`~companion.generation.guidance_phrases_de`,
:mod:`~companion.generation.guidance_phrases_en`), the lines by kind of goal with the topic as a
label (:mod:`~companion.generation.guidance_phrases_kinds`) and further wordings of the frame
sentences (:mod:`~companion.generation.guidance_variants`).

Placeholders: ``{J}``/``{S}`` the juniors'/seniors' names ("Mia", "Aylin, Ben und Chiara", or the
neutral "die Junior-Seite"), ``{J1}``/``{S1}`` one person of that side ("Aylin, Ben oder Chiara"),
``{Sx}`` a second mention (the person's pronoun, else the name), ``{topic}`` the topic as a label.
A key ending in ``_pl`` is the form for several people on the side that is the sentence's subject.
Goals never fill a verb slot: they appear as labelled lines ("Ziel: „…“") or as quotations.
Lists (``|``-separated) give variants; the composer picks one by the goal, so two pairs with
different goals read differently and one pair reads the same on every run.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

from companion.generation.guidance_phrases_de import DE
from companion.generation.guidance_phrases_en import EN
from companion.generation.guidance_phrases_kinds import KIND_LINES
from companion.generation.guidance_variants import VARIANTS
from companion.generation.people import fill

if TYPE_CHECKING:
    from companion.generation.goals import Goal

# The base sentences (guidance_phrases_de/_en), then the lines by kind of goal with the topic as a label
# (guidance_phrases_kinds: a key already in the base replaces it, a new one comes after the base keys).
G: Final[dict[str, dict[str, str]]] = {
    "de": {**DE, **KIND_LINES["de"]},
    "en": {**EN, **KIND_LINES["en"]},
}

# Further wordings of the frame sentences, picked by the goals (see guidance_variants).
for _lang, _extra in VARIANTS.items():
    for _key, _text in _extra.items():
        G[_lang][_key] = f"{G[_lang][_key]}|{_text}"


def say(lang: str, key: str, plural: bool = False, seed: str = "", **values: str | int) -> str:
    """The sentence ``key`` (its ``_pl`` form for a plural subject, if there is one), filled in; of
    ``|``-separated variants the one ``seed`` picks (the first without a seed)."""
    table = G[lang]
    text = table.get(f"{key}_pl", table[key]) if plural else table[key]
    return variant(lang, text, seed, values)


def variant(lang: str, text: str, seed: str, values: Mapping[str, str | int]) -> str:
    """Of ``text``'s ``|``-separated variants the one ``seed`` picks (the first without a seed),
    filled in with the people's names in the right case (:func:`~companion.generation.people.fill`).
    Every phrase table (this one, the frame sessions', the goal reviews') fills its sentences here."""
    options = text.split("|")
    return fill(lang, pick(options, seed) if seed else options[0], values)


def has(lang: str, key: str) -> bool:
    """True when ``key`` exists in ``lang``."""
    return key in G[lang]


def pick(options: list[str], seed: str) -> str:
    """One of ``options``, chosen stably by ``seed`` (the same input always reads the same)."""
    return options[zlib.crc32(seed.encode("utf-8")) % len(options)]


def gq(lang: str, text: str) -> str:
    """``text`` in the language's quotation marks."""
    return G[lang]["q"].format(text)


def gq_goals(lang: str, goals: Iterable[Goal]) -> str:
    """Goals quoted and joined by "; ", one in the other language marked as the pair's own words."""
    own = G[lang]["own_words"]
    return "; ".join(gq(lang, g.text) + (f" ({own})" if g.foreign else "") for g in goals)
