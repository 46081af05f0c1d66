"""Treat user text (goals, names, reflections) as data.

The offline composer quotes goals inside its own sentences, so a goal that tries to give orders
("ignore previous instructions ...") is dropped instead of being echoed as if it were advice. The LLM
composer passes user text in a delimited data block; :func:`escape_data` keeps that text from closing
the block.
"""

from __future__ import annotations

import re
import unicodedata

# Phrases that address a model or try to override instructions, in English and German.
_INJECTION = re.compile(
    r"""
    \b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instruction|prompt|rule|above|previous|prior|system)
  | \b(ignor\w*|vergiss|vergessen|missachte\w*|überschreib\w*)\b.{0,40}\b(anweisung|instruktion|regel|prompt|vorher|obige)
  | \bsystem\s*prompt\b | \byou\s+are\s+now\b | \bdu\s+bist\s+(jetzt|nun|ab\s+sofort)\b
  | \bpretend\s+(to\s+be|you)\b | \brespond\s+only\b | \banswer\s+only\s+with\b
  | \bantworte\s+(nur|ausschließlich)\b | \bjailbreak\b | \bdeveloper\s+mode\b
  | </?\s*(system|assistant|instructions?|context|pair_data|reflections?)\s*> | \[/?(inst|system)\]
    """,
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


def looks_like_instruction(text: str) -> bool:
    """True when ``text`` reads like an attempt to instruct a model rather than describe something."""
    return bool(_INJECTION.search(unicodedata.normalize("NFKC", text)))


def clean_text(text: str, limit: int = 200) -> str:
    """Normalise whitespace, drop control characters and clip to ``limit`` characters on a word boundary."""
    text = _SPACE.sub(" ", _CONTROL.sub("", unicodedata.normalize("NFKC", text))).strip()
    return clip(text, limit)


def clip(text: str, limit: int) -> str:
    """Clip ``text`` to at most ``limit`` characters, ending with an ellipsis when shortened."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–")
    return (cut or text[: limit - 1]) + "…"


def safe_phrase(text: str | None, limit: int = 160) -> str | None:
    """A cleaned, quotable version of user text, or None when it is empty or looks like an instruction.

    Quotes are normalised so that the text cannot break out of the quotation marks around it.
    """
    if not text:
        return None
    cleaned = clean_text(text, limit).replace("„", "").replace("“", "").replace('"', "'")
    if not cleaned or looks_like_instruction(cleaned):
        return None
    return cleaned


def safe_goals(goals: list[str], limit: int = 160) -> list[str]:
    """The goals that may be quoted, cleaned, in their original order, without duplicates."""
    seen: set[str] = set()
    result: list[str] = []
    for goal in goals:
        phrase = safe_phrase(goal, limit)
        if phrase and phrase.lower() not in seen:
            seen.add(phrase.lower())
            result.append(phrase)
    return result


def escape_data(text: str) -> str:
    """Escape text placed inside an XML-like data block of a prompt, so it cannot close the block."""
    return _CONTROL.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
