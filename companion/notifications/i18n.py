"""Mail texts from the gettext catalogues in ``companion/locales`` (Babel), and the Jinja environment
that renders the text and HTML layouts of every mail.

Source strings (msgids) are English; German comes from ``locales/de/LC_MESSAGES/messages.po``, the
catalogue the pages use too (``companion.i18n`` compiles it in memory). A missing catalogue falls back
to English, never to an error.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import cache
from pathlib import Path

from babel import dates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from companion.i18n import DOMAIN, LANGUAGES, LOCALES_DIR, translations

__all__ = ["DOMAIN", "LANGUAGES", "LOCALES_DIR", "Texts", "environment", "translations"]

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@cache
def environment(language: str) -> Environment:
    """A Jinja environment for mail layouts with ``{% trans %}`` bound to ``language``."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


class Texts:
    """gettext bound to one language: ``t("Hello {name}", name=…)`` translates, then formats."""

    def __init__(self, language: str, zone: tzinfo) -> None:
        self.language = language if language in LANGUAGES else "de"
        self.zone = zone
        self._t = translations(self.language)

    def __call__(self, message: str, **values: object) -> str:
        return self._t.gettext(message).format(**values) if values else self._t.gettext(message)

    def pgettext(self, context: str, message: str, **values: object) -> str:
        """pgettext, then formatted: for an English msgid that needs a second German text (English
        "your pair" is German "dein Tandem" for a one-to-one pair, but either kind where it is not known)."""
        text = self._t.pgettext(context, message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """ngettext, formatted with ``count`` and ``values``."""
        return self._t.ngettext(singular, plural, count).format(count=count, **values)

    def pair(self, name: str, group: bool = False) -> dict[str, str]:
        """How a mail names a pair or group, as ``at_pair`` and ``to_pair``. In English both are the
        kind and the name ("pair “Sales”", "group “Production”"; the article is in the sentence); in
        German they carry the preposition the sentence needs: "im Tandem „Vertrieb“" / "in der Gruppe
        „Produktion“", and "zum Tandem …" / "zur Gruppe …". A name that starts with its own kind word
        reads as one name: "im Tandem Vertrieb", not "im Tandem „Tandem Vertrieb“"."""
        if self.language == "de":
            word, at, to = ("Gruppe", "in der ", "zur ") if group else ("Tandem", "im ", "zum ")
            quoted = "„{}“"
        else:
            word, at, to = ("group" if group else "pair"), "", ""
            quoted = "“{}”"
        first, _, rest = name.partition(" ")
        called = name if rest and first.casefold() == word.casefold() else f"{word} {quoted.format(name)}"
        return {"pair": name, "at_pair": at + called, "to_pair": to + called}

    def when(self, moment: datetime) -> str:
        """Date and time of a session in the configured zone, e.g. „Dienstag, 15. September 2026, 11:00 Uhr“."""
        local = moment.astimezone(self.zone)
        date = dates.format_date(local.date(), format="full", locale=self.language)
        time = dates.format_time(local, format="short", locale=self.language)
        return self._t.gettext("{date}, {time}").format(date=date, time=time)

    def date(self, moment: datetime) -> str:
        """A short date, e.g. „15.09.2026“ / “Sep 15, 2026”."""
        return dates.format_date(moment.astimezone(self.zone).date(), format="medium", locale=self.language)
