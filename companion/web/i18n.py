"""Page texts from the gettext catalogue (``companion/locales``), bound to the page's language.

Templates say ``{{ _("English text") }}``, ``{{ ngettext("{count} x", "{count} xs", n) }}`` and
``{{ pgettext("context", "text") }}`` (``jinja2.ext.i18n``; the language is the ``lang`` of the render
context), Python says ``tr(lang).gettext("English text")``. German lives in
``locales/de/LC_MESSAGES/messages.po``; ``make i18n`` extracts new msgids into it. The old keyed lookup
``t(key)`` / ``text(key, lang)`` stays for keys built at run time (``"status_" ~ status``) and maps them
to msgids through ``companion.web.i18n_keys``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from companion.i18n import N_, NN_, tr
from companion.web.i18n_keys import ERROR_KEYS, EVAL_KEYS, PLURAL_KEYS, TEXT_KEYS


def lookup(table: dict[str, str], key: str, lang: str) -> str | None:
    """The translated text of ``key`` in ``table`` (``None`` for an unknown key)."""
    msgid = table.get(key)
    if msgid is None:
        return None
    if "\x04" in msgid:
        context, message = msgid.split("\x04", 1)
        return tr(lang).pgettext(context, message)
    return tr(lang).gettext(msgid)


def error_text(exc: Any, lang: str) -> str:
    """A domain error in the page's language: its code's text with its params, else its English
    ``detail`` (better an English sentence than none). A rule about one group says "group" (German
    "Gruppe", not "Tandem") where its code has a ``_group`` text."""
    code = getattr(exc, "code", None) or ""
    group = getattr(exc, "params", {}).get("format") == "group"
    message = lookup(ERROR_KEYS, f"{code}_group", lang) if group else None
    if message is None:
        message = lookup(ERROR_KEYS, code, lang)
    if message is None:
        return str(getattr(exc, "detail", exc))
    params = {k: _param(k, v, lang) for k, v in getattr(exc, "params", {}).items()}
    try:
        return message.format(**params)
    except (KeyError, IndexError):  # a code raised without the params its text needs
        return str(getattr(exc, "detail", exc))


# Programme and pair formats as people say them (the stored value is a code).
FORMAT_NAMES = {
    "one-to-one": N_("One-to-one"),
    "group": N_("Group"),
    "peer": N_("Peer"),
    "project": N_("Project"),
}


def format_name(value: str, lang: str) -> str:
    """A format's name in ``lang`` (unknown codes show themselves)."""
    return tr(lang).gettext(FORMAT_NAMES[value]) if value in FORMAT_NAMES else value


# Counts in error texts said with their noun: {want_j} → "1 Junior" / "2 Juniors".
COUNTED = {
    "want_j": NN_("{count} junior", "{count} juniors"),
    "want_s": NN_("{count} senior", "{count} seniors"),
}


def _param(name: str, value: Any, lang: str) -> Any:
    if name.endswith("_role"):
        return text(f"role_{value}", lang)
    if name in COUNTED:
        # a number or a range such as "2–6" (the plural follows its upper end)
        digits = re.findall(r"\d+", str(value))
        if digits:
            return tr(lang).ngettext(*COUNTED[name], int(digits[-1])).format(count=value)
    return value


def plural(key: str, n: int, lang: str) -> str:
    """The singular or plural text of ``key`` for ``n`` (``ngettext``; ``{count}`` is the number)."""
    one, many = PLURAL_KEYS[key]
    return tr(lang).ngettext(one, many, n).format(count=n)


def text(key: str, lang: str) -> str:
    """The text of an old key in ``lang``; unknown keys show themselves."""
    found = lookup(TEXT_KEYS, key, lang)
    return key if found is None else found


def eval_text(key: str, lang: str) -> str:
    """An evaluation text chosen by a code at run time (``"round_" ~ state``, a survey's hint, a
    group); literal texts are ``_("English")`` in place. Unknown keys fall back to ``text``."""
    found = lookup(EVAL_KEYS, key, lang)
    return text(key, lang) if found is None else found


def eval_translator(lang: str) -> Callable[[str], str]:
    """``et(key)`` for the evaluation templates."""
    return lambda key: eval_text(key, lang)


def translator(lang: str) -> Callable[[str], str]:
    """A ``t(key)`` function for templates (keys built at run time)."""
    return lambda key: text(key, lang)


def _language(context: Context) -> str:
    return str(context.get("lang") or "de")


def _finish(context: Context, message: str, values: dict[str, Any]) -> str:
    """Autoescaped pages get Markup (the catalogue is trusted), with the values escaped into it."""
    if context.eval_ctx.autoescape:
        return Markup(message).format(**values) if values else Markup(message)
    return message.format(**values) if values else message


@pass_context
def _gettext(context: Context, message: str, **values: Any) -> str:
    return _finish(context, tr(_language(context)).gettext(message), values)


@pass_context
def _ngettext(context: Context, singular: str, plural_: str, n: int, **values: Any) -> str:
    values.setdefault("count", n)
    return _finish(context, tr(_language(context)).ngettext(singular, plural_, n), values)


@pass_context
def _pgettext(context: Context, msgctxt: str, message: str, **values: Any) -> str:
    return _finish(context, tr(_language(context)).pgettext(msgctxt, message), values)


@pass_context
def _npgettext(context: Context, msgctxt: str, singular: str, plural_: str, n: int, **values: Any) -> str:
    values.setdefault("count", n)
    return _finish(context, tr(_language(context)).npgettext(msgctxt, singular, plural_, n), values)


def install(env: Environment) -> None:
    """``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``{% trans %}`` for page templates.

    Values are brace-formatted (``_("Hello {name}", name=…)``), as in the mails and in Python; the
    language is read from each render's ``lang``, so one environment serves both languages."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _gettext, _ngettext, newstyle=False, pgettext=_pgettext, npgettext=_npgettext
    )


LANGUAGE_COOKIE = "companion_lang"  # a coordinator's page language (``pages_language``)


def page_language(request: Any, default: str) -> str:
    """The language a page is shown in: a coordinator's switch (cookie) wins over ``default`` (the
    programme's or the person's language); participants always read their programme's language."""
    user = request.scope.get("user")
    if user is not None and getattr(user, "is_coordinator", False):
        chosen = request.cookies.get(LANGUAGE_COOKIE)
        if chosen in ("de", "en"):
            return str(chosen)
    return default


def request_language(request: Any) -> str:
    """Language for pages without a programme: the signed-in person's, else the browser's."""
    user = request.scope.get("user")
    if user is not None and getattr(user, "language", None) in ("de", "en"):
        return page_language(request, str(user.language))
    accept = request.headers.get("accept-language", "")
    return "en" if accept.lower().startswith("en") else "de"
