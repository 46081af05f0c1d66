"""Every message a page form can show for bad input, in one place, and the field labels they name.

Source strings are English gettext msgids; the German is in ``locales/de/LC_MESSAGES/messages.po`` like
every page text (``make i18n`` extracts them: sentences through ``N_``, labels through :data:`LABELS`).
"""

from __future__ import annotations

from typing import Any

from pydantic_core import ErrorDetails

from companion.i18n import N_, tr

# Field labels (msgids) that the form models name in their ``labels``; listed so extraction finds them.
LABELS = (
    N_("Name"),
    N_("Language"),
    N_("Format"),
    N_("Cadence"),
    N_("Duration (months)"),
    N_("Start date"),
    N_("Anonymity threshold k"),
    N_("Goals"),
    N_("E-mail"),
    N_("Role"),
    N_("Department"),
    N_("Pronouns"),
    N_("Manager"),
    N_("Juniors"),
    N_("Seniors"),
    N_("Participant"),
    N_("Expertise"),
    N_("Interests"),
    N_("Confirmation"),
    N_("Form"),
)

# Codes of choice fields as people read them (English msgids; a language is named in itself).
OPTIONS: dict[str, dict[str, str]] = {
    "cadence": {
        "monthly": N_("monthly"),
        "biweekly": N_("every two weeks"),
        "fortnightly": N_("every two weeks"),
    },
    "role": {"junior": N_("Junior"), "senior": N_("Senior")},
}
AUTONYMS = {"de": "Deutsch", "en": "English"}


def option(kind: str, code: str | None, lang: str) -> str:
    """The label of a choice (``option("format", "one-to-one", "de")`` → „Eins-zu-eins“); unknown
    codes (e.g. a cadence typed through the API) are shown as they are."""
    if code is None:
        return "–"
    if kind == "language":
        return AUTONYMS.get(code, code)
    if kind == "format":
        from companion.web.i18n import format_name  # the one table of format names

        return format_name(code, lang)
    msgid = OPTIONS.get(kind, {}).get(code)
    return say(msgid, lang) if msgid else code


def say(message: str, lang: str, **values: Any) -> str:
    """``message`` in ``lang`` (German unless English is asked for), formatted with ``values``."""
    text = tr(lang).gettext(message)
    return text.format(**values) if values else text


def describe(error: ErrorDetails, name: str, lang: str) -> str:
    """One pydantic error as a sentence for people, naming the field by ``name`` (its label as the
    page shows it, already in ``lang``)."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing" or (kind in ("string_too_short", "too_short") and ctx.get("min_length") == 1):
        key = N_("{label}: please fill in this field.")
        if kind == "too_short" and error["loc"] and isinstance(error.get("input"), list):
            return say(N_("{label}: please choose at least {min}."), lang, label=name, min=1)
        return say(key, lang, label=name)
    if kind == "string_too_long":
        return say(
            N_("{label}: please use at most {max} characters."), lang, label=name, max=ctx["max_length"]
        )
    if kind == "string_too_short":
        return say(
            N_("{label}: please use at least {min} characters."), lang, label=name, min=ctx["min_length"]
        )
    if kind == "too_short":
        return say(N_("{label}: please choose at least {min}."), lang, label=name, min=ctx["min_length"])
    if kind == "too_long":
        return say(N_("{label}: please choose at most {max}."), lang, label=name, max=ctx["max_length"])
    if kind in ("int_parsing", "int_from_float", "int_type") and len(error["loc"]) == 2:
        return say(
            N_("{label}: please choose one of the offered options."), lang, label=name
        )  # a list of ids
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return say(N_("{label}: please enter a whole number."), lang, label=name)
    if kind in ("greater_than_equal", "greater_than"):
        return say(
            N_("{label}: please enter a number from {ge}."), lang, label=name, ge=ctx.get("ge", ctx.get("gt"))
        )
    if kind in ("less_than_equal", "less_than"):
        return say(
            N_("{label}: please enter a number up to {le}."),
            lang,
            label=name,
            le=ctx.get("le", ctx.get("lt")),
        )
    if kind.startswith("date_") or kind == "date_type":
        return say(
            N_("{label}: the date could not be read; please use the date picker (e.g. 2026-03-01)."),
            lang,
            label=name,
        )
    if kind.startswith("datetime_"):
        return say(
            N_("{label}: the date and time could not be read; please use the picker."), lang, label=name
        )
    if kind in ("literal_error", "enum", "bool_parsing"):
        return say(N_("{label}: please choose one of the offered options."), lang, label=name)
    if kind == "value_error":
        return _value_error(str(error.get("msg", "")), name, lang)
    return say(N_("{label}: this value is not valid."), lang, label=name)


def _value_error(msg: str, name: str, lang: str) -> str:
    """Our own validators raise ``ValueError`` with English words; map the known ones."""
    if "e-mail" in msg or "email" in msg:
        return say(N_("{label}: this is not an e-mail address."), lang, label=name)
    if "control characters" in msg:
        return say(
            N_("{label}: please remove control characters (only line breaks are allowed)."), lang, label=name
        )
    if "between 1900 and 2299" in msg:
        return say(N_("{label}: please pick a date between 1900 and 2299."), lang, label=name)
    if "confirm" in msg:
        return say(N_("{label}: please tick the box to confirm."), lang, label=name)
    return say(N_("{label}: this value is not valid."), lang, label=name)
