"""The gettext catalogues of pages and mails (Babel), compiled in memory from the .po files.

Source strings (msgids) are English; German lives in ``locales/de/LC_MESSAGES/messages.po``. The
catalogue is compiled at first use (``read_po`` + ``write_mo`` into memory, cached per language)
rather than shipped as a committed ``.mo``: a binary file that every text change rewrites would
conflict on every merge, and could silently fall out of step with the .po. ``make i18n`` extracts
and updates the .po; nothing needs compiling by hand. A missing catalogue falls back to English.
"""

from __future__ import annotations

import gettext
from datetime import date, datetime, tzinfo
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Literal

from babel import dates
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
LANGUAGES = ("de", "en")


def po_path(language: str) -> Path:
    """Where the catalogue of ``language`` lives."""
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language``; English (the source strings) when there is none."""
    path = po_path(language)
    if language == "en" or not path.exists():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def tr(language: str) -> gettext.NullTranslations:
    """gettext bound to a language: ``tr(lang).gettext("Sign in")``, ``.ngettext``, ``.pgettext``.

    Unknown languages get German, the programme default."""
    return translations(language if language in LANGUAGES else "de")


def N_(message: str) -> str:
    """Marks ``message`` for extraction where it is translated later (tables keyed by a code)."""
    return message


def format_day(value: date | datetime | None, language: str, zone: tzinfo | None = None) -> str:
    """A date the way people write it: „02.12.2026“ / “Dec 2, 2026”."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = (value.astimezone(zone) if zone and value.tzinfo else value).date()
    return dates.format_date(value, format="medium", locale=_locale(language))


def format_moment(value: datetime | None, language: str, zone: tzinfo | None = None) -> str:
    """Date and time: „02.12.2026, 14:30“ / “Dec 2, 2026, 2:30 PM”."""
    if value is None:
        return "–"
    if zone is not None and value.tzinfo is not None:
        value = value.astimezone(zone)
    day = dates.format_date(value.date(), format="medium", locale=_locale(language))
    return f"{day}, {dates.format_time(value, format='short', locale=_locale(language))}"


def month_name(month: int, language: str, width: Literal["abbreviated", "wide"] = "wide") -> str:
    """A month's name: 3 → „März“ / “March” (``width="abbreviated"`` gives „März“/“Mar”)."""
    names = dates.get_month_names(width, context="stand-alone", locale=_locale(language))
    return str(names[month])


def month_label(month: str, language: str, width: Literal["abbreviated", "wide"] = "wide") -> str:
    """An ISO month ``2026-03`` as „März 2026“ (``abbreviated``: „März 2026“ / “Mar 2026”)."""
    try:
        year, number = (int(part) for part in month.split("-")[:2])
    except ValueError:
        return month
    if not 1 <= number <= 12:
        return month
    return f"{month_name(number, language, width)} {year}"


def _locale(language: str) -> str:
    return language if language in LANGUAGES else "de"


def NP_(context: str, message: str) -> str:
    """Marks ``message`` with a msgctxt for extraction; the result is gettext's ``context\\x04message`` key."""
    return f"{context}\x04{message}"


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular/plural pair for extraction, for ``ngettext`` later."""
    return singular, plural
