"""The language switch of the coordinator pages.

A coordinator may run a German programme and read its pages in English (or the other way round): the
choice is a cookie of this browser, so it changes nothing for participants or co-coordinators and
nothing that is generated or sent (agendas and mails keep the programme's language). POST, then
redirect back to the page it came from (post/redirect/get)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, post
from litestar.datastructures import Cookie
from litestar.response import Redirect

from companion.auth.middleware import cookie_secure
from companion.i18n import LANGUAGES
from companion.settings import Settings
from companion.web.forms import submit
from companion.web.forms_coordinator import LanguageForm
from companion.web.i18n import LANGUAGE_COOKIE

ONE_YEAR = 365 * 24 * 3600


def back_to(target: str) -> str:
    """Where to go after switching: a path on this site, else the coordinator home (no open redirect)."""
    if target.startswith("/") and not target.startswith(("//", "/\\")) and "\n" not in target:
        return target
    return "/coordinator"


class LanguagePages(Controller):
    path = "/coordinator"
    include_in_schema = False

    @post("/language", status_code=303)
    async def switch(self, request: Request[Any, Any, Any], settings: Settings) -> Redirect:
        """Remember the page language for this browser; an unknown value returns to the programme's own."""
        sent = await submit(request, LanguageForm, "de")
        language = sent.data.language if sent.data else ""  # a form that cannot be read: the programme's
        target = back_to(sent.data.next if sent.data else "/coordinator")
        cookie = Cookie(
            key=LANGUAGE_COOKIE,
            value=language if language in LANGUAGES else "",
            path="/",
            httponly=True,
            samesite="lax",
            secure=cookie_secure(settings),
            max_age=ONE_YEAR if language in LANGUAGES else 0,
        )
        return Redirect(target, cookies=[cookie], status_code=303)
