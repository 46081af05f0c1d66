"""Keyed texts of matching, the programme frame and topic plans (msgids in ``i18n_keys``, German in the
catalogue), and the rule errors of these areas in the page's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from companion.web.i18n import error_text, lookup
from companion.web.i18n_keys import CODE_KEYS, DESIGN_KEYS


def text(key: str, lang: str) -> str:
    """The text of an old key of these pages in ``lang``; unknown keys show themselves."""
    found = lookup(DESIGN_KEYS, key, lang)
    return key if found is None else found


def translator(lang: str) -> Callable[[str], str]:
    """A ``d(key)`` function for keys these templates build at run time (``"st_" ~ status``)."""
    return lambda key: text(key, lang)


def problem_text(exc: Any, lang: str) -> str:
    """A rule error of these areas (or of the pair service) in the page's language."""
    found = lookup(CODE_KEYS, getattr(exc, "code", None) or "", lang)
    return found if found is not None else error_text(exc, lang)


_WARNINGS_DE = (
    (r"^only technology topics$", "nur Technikthemen – ergänzt Themen aus Arbeit oder Kultur"),
    (
        r"^(\d+) of (\d+) topics are technology \(at most (\d+)\)$",
        r"\1 von \2 Themen sind Technik (höchstens \3)",
    ),
    (r"^no (.+) topic$", r"kein Thema aus: \1"),
    (r"^a topic appears twice$", "ein Thema kommt doppelt vor"),
    (
        r"^a session before the retrospective has no topic$",
        "eine Session vor der Retrospektive hat kein Thema",
    ),
    (r"^the retrospective carries no topic$", "die Retrospektive hat kein eigenes Thema"),
    (r"^the sessions are not in date order$", "die Termine sind nicht in zeitlicher Reihenfolge"),
)
_FAMILY_DE = {"technology": "Technik", "work": "Arbeit", "culture": "Kultur", " and no ": ", "}


def warning_text(warning: str, lang: str) -> str:
    """A plan warning (English, from ``companion.planning.shape``) in the page's language."""
    import re

    if lang != "de":
        return warning
    for pattern, german in _WARNINGS_DE:
        if re.match(pattern, warning):
            out = re.sub(pattern, german, warning)
            for en, de in _FAMILY_DE.items():
                out = out.replace(en, de)
            return out
    return warning
