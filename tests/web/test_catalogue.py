"""The German catalogue behind pages and mails: complete, placeholders intact, compiled in memory."""

from __future__ import annotations

import string

from babel.messages.pofile import read_po
from markupsafe import Markup

from companion.i18n import po_path, tr
from companion.web import i18n
from companion.web.i18n_keys import CODE_KEYS, DESIGN_KEYS, ERROR_KEYS, TEXT_KEYS


def _fields(template: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(template) if name is not None)


def test_every_german_msgid_is_translated_with_the_same_placeholders() -> None:
    with po_path("de").open("rb") as fh:
        catalog = read_po(fh, locale="de")
    checked = 0
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, message.id
        for msgid, msgstr in zip(ids, strings, strict=False):
            assert _fields(msgid) == _fields(msgstr), (msgid, msgstr)
        checked += 1
    assert checked > 400


def test_every_old_key_has_german_and_english() -> None:
    for table in (TEXT_KEYS, DESIGN_KEYS, ERROR_KEYS, CODE_KEYS):
        for key in table:
            de, en = i18n.lookup(table, key, "de"), i18n.lookup(table, key, "en")
            assert de and en and "\x04" not in de + en, key
    assert i18n.text("signin_title", "de") == "Anmeldung" and i18n.text("signin", "de") == "Anmelden"
    assert i18n.text("no-such-key", "de") == "no-such-key"  # negative control: unknown keys show


def test_templates_translate_by_the_render_language_and_escape_values() -> None:
    from jinja2 import Environment

    env = Environment(autoescape=True)
    i18n.install(env)
    page = env.from_string('{{ _("Sign in") }}|{{ pgettext("heading", "Sign in") }}|{{ ngettext('
                           '"{count} reflection", "{count} reflections", n) }}|{{ _("Written with the AI '
                           'model {model}.", model=m) }}')  # fmt: skip
    assert page.render(lang="de", n=2, m="<b>") == (
        "Anmelden|Anmeldung|2 Reflexionen|Erstellt mit dem KI-Modell &lt;b&gt;."
    )
    assert page.render(lang="en", n=1, m="x") == "Sign in|Sign in|1 reflection|Written with the AI model x."
    assert isinstance(tr("de").gettext("Sign in"), str) and not isinstance(tr("de").gettext("x"), Markup)
    assert i18n.plural("reflections_n", 1, "de") == "1 Reflexion"


def test_templates_take_their_words_from_the_catalogue_not_from_the_language_code() -> None:
    """A link text written as '"Deutsch" if lang == "de" else "English"' bypasses the catalogue (and
    any later change to its msgid); a page's words go through gettext like every other text."""
    import re
    from pathlib import Path

    import companion.web

    by_code = re.compile(r"""\{\{\s*["'][^"']+["']\s+if\s+lang\s*==\s*["']de["']\s+else\b""")
    templates = sorted((Path(companion.web.__file__).parent / "templates").rglob("*.html"))
    assert len(templates) > 20
    found = [f"{p.name}: {m.group(0)}" for p in templates for m in by_code.finditer(p.read_text())]
    assert found == []
