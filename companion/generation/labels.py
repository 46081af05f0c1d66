"""A label someone typed in ("Inklusive Sprache", "Feedback"), placed after a German preposition.

A preposition declines an adjective ("mit inklusiver Sprache"), and a typed label cannot be declined
safely, so a label that starts with an adjective-like word stands as a quoted topic instead ("mit dem
Thema „Inklusive Sprache“"); a plain noun stays as it is ("mit Feedback"). English needs neither.
"""

from __future__ import annotations

import re
from typing import Literal

# A capitalised first word with an adjective ending, followed by another word.
_DECLINES = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:e|en|er|es)\s+\S")
_ARTICLE = {"dat": "dem Thema", "acc": "das Thema"}


def after_preposition(label: str, lang: str, case: Literal["dat", "acc"]) -> str:
    """``label`` as it reads after a dative (mit, von) or accusative (über, für) preposition."""
    if lang == "de" and _DECLINES.match(label):
        return f"{_ARTICLE[case]} „{label}“"
    return label
