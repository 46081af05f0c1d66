"""Errors as a page says them, in the programme's language: pydantic validation messages, problem
details of the API and the framework's own errors (429 "Too Many Requests", 405, …).

The API keeps its English details (a stable contract for scripts); pages translate them here. A detail
with no German text is left out of a German page rather than shown in English – the page's status
sentence ("Diese Seite gibt es nicht.", "Zu viele Anfragen …") still says what happened.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from companion.errors import DomainError
from companion.i18n import N_, tr
from companion.web.i18n import error_text
from companion.web.i18n_keys import DESIGN_KEYS, TEXT_KEYS

log = logging.getLogger(__name__)

# English details raised outside the web layer that pages show; marked here so they land in the
# catalogue (the raising modules keep plain English for the API).
DETAILS = (
    N_("This sign-in link is not valid (already used or expired). Ask your coordinator for a new one."),
    N_("The date could not be read; no session was planned."),
    N_("Validation failed for POST"),
)

# The sentence under "Something went wrong" per status; the framework's own details for these (the
# bare HTTP phrase, "Too Many Requests") add nothing to it and are left out.
STATUS_TEXTS: dict[int, str] = {
    400: N_("The input does not fit. Nothing was changed."),
    401: N_("Please sign in."),
    403: N_("You are not allowed to see this."),
    404: N_("This page does not exist."),
    405: N_("This address cannot be opened like this. Please go back to the page and try from there."),
    409: N_("This does not fit the current state any more. Reload the page and try again."),
    413: N_("The input is too large."),
    422: N_("The input does not fit. Nothing was changed."),
    429: N_("Too many requests. Please wait a moment."),
    500: N_("An error on our side. Nothing was lost."),
    503: N_("The database cannot be reached right now. Please try again in a few seconds."),
}


def status_text(status: int, lang: str) -> str:
    """What a status means for the person reading the page."""
    found = STATUS_TEXTS.get(status) or STATUS_TEXTS[500 if status >= 500 else 400]
    return tr(lang).gettext(found)


# pydantic error types → message (``{limit}`` etc. from the error's ctx); unknown types get ``other``.
MESSAGES: dict[str, str] = {
    "missing": N_("{field}: please fill this in."),
    "greater_than_equal": N_("{field}: at least {ge}."),
    "greater_than": N_("{field}: more than {gt}."),
    "less_than_equal": N_("{field}: at most {le}."),
    "less_than": N_("{field}: less than {lt}."),
    "string_too_short": N_("{field}: please fill this in."),
    "string_too_long": N_("{field}: at most {max_length} characters."),
    "too_short": N_("{field}: at least {min_length} entries."),
    "too_long": N_("{field}: at most {max_length} entries."),
    "int_parsing": N_("{field}: please enter a whole number."),
    "int_from_float": N_("{field}: please enter a whole number."),
    "float_parsing": N_("{field}: please enter a number."),
    "bool_parsing": N_("{field}: please choose yes or no."),
    "date_parsing": N_("{field}: the date could not be read."),
    "date_from_datetime_parsing": N_("{field}: the date could not be read."),
    "datetime_parsing": N_("{field}: the date could not be read."),
    "datetime_from_date_parsing": N_("{field}: the date could not be read."),
    "literal_error": N_("{field}: please choose one of the offered values."),
    "enum": N_("{field}: please choose one of the offered values."),
    "value_error": N_("{field}: this value does not fit."),
    "string_pattern_mismatch": N_("{field}: this value does not fit."),
    "url_parsing": N_("{field}: please enter a web address (https://…)."),
    "other": N_("{field}: this value does not fit."),
}
# Form fields whose old text key differs from the field name.
FIELD_KEYS = {
    "display_name": "name",
    "scheduled_at": "date",
    "duration_minutes": "duration",
    "start_date": "start_date",
    "junior_ids": "juniors",
    "senior_ids": "seniors",
    "manager_id": "manager",
    "goals": "goals",
    "max_per_senior": "max_per_senior",
}


def field_label(loc: Iterable[Any], lang: str) -> str:
    """A form field's label in ``lang`` (the last named part of a pydantic ``loc``)."""
    from companion.web.i18n import lookup

    names = [str(p) for p in loc if not isinstance(p, int)]
    name = names[-1] if names else ""
    key = FIELD_KEYS.get(name, name)
    for table in (TEXT_KEYS, DESIGN_KEYS):
        found = lookup(table, key, lang)
        if found is not None:
            return found
    return tr(lang).gettext("Input") if lang != "en" or not name else name


def validation_message(error: Mapping[str, Any], lang: str) -> str:
    """One pydantic error (``exc.errors()`` item) as a sentence in ``lang``."""
    kind = str(error.get("type", "other"))
    template = MESSAGES.get(kind, MESSAGES["other"])
    values = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, int | float | str)}
    values["field"] = field_label(error.get("loc", ()), lang)
    try:
        return tr(lang).gettext(template).format(**values)
    except (KeyError, IndexError):
        return tr(lang).gettext(MESSAGES["other"]).format(field=values["field"])


def validation_messages(exc: ValidationError, lang: str) -> list[str]:
    """All errors of a failed form model, one sentence each."""
    return [validation_message(e, lang) for e in exc.errors()]


def translated_detail(detail: str, lang: str) -> str:
    """An English detail in ``lang`` if the catalogue has it; on a non-English page else ''."""
    if not detail or lang == "en":
        return detail
    found = tr(lang).gettext(detail)
    if found == detail:
        log.info("no %s text for the page detail %r; left out", lang, detail)
        return ""
    return found


def page_detail(exc: Exception, lang: str) -> str:
    """The detail an error page shows under its status sentence, in ``lang`` (or nothing)."""
    if isinstance(exc, DomainError):
        said = error_text(exc, lang)
        return said if said != exc.detail else translated_detail(exc.detail, lang)
    extra = getattr(exc, "extra", None)
    if isinstance(extra, list) and extra and all(isinstance(e, dict) for e in extra):
        # Litestar's request validation: [{"key": field, "message": pydantic msg, "source": …}]
        issues = [_litestar_issue(e, lang) for e in extra]
        return " ".join(i for i in issues if i)
    detail = str(getattr(exc, "detail", "") or "")
    status = int(getattr(exc, "status_code", 500))
    if detail in _PHRASES.get(status, ()):
        return ""
    return translated_detail(detail, lang)


def _phrases() -> dict[int, tuple[str, ...]]:
    from http import HTTPStatus

    return {s.value: (s.phrase,) for s in HTTPStatus}


_PHRASES = _phrases()


def _litestar_issue(item: Mapping[str, Any], lang: str) -> str:
    message = str(item.get("message", ""))
    if lang == "en":
        return f"{item.get('key')}: {message}" if item.get("key") else message
    for kind, english in _PYDANTIC_ENGLISH:
        if message.startswith(english):
            number = message.rsplit(" ", 1)[-1]
            ctx = {"ge": number, "gt": number, "le": number, "lt": number}
            return validation_message({"type": kind, "loc": [item.get("key", "")], "ctx": ctx}, lang)
    return validation_message({"type": "other", "loc": [item.get("key", "")]}, lang)


# pydantic's English messages for the types a bare message (no type) can still be recognised by
_PYDANTIC_ENGLISH = (
    ("greater_than_equal", "Input should be greater than or equal to"),
    ("less_than_equal", "Input should be less than or equal to"),
    ("greater_than", "Input should be greater than"),
    ("less_than", "Input should be less than"),
    ("missing", "Field required"),
    ("int_parsing", "Input should be a valid integer"),
)
