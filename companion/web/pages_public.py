"""Pages anyone may open: the start page (sends people to their view) and the sign-in help."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from companion.auth.policy import principal_of
from companion.web.i18n import request_language, translator


class PublicPages(Controller):
    include_in_schema = False

    @get("/")
    async def home(self, request: Request[Any, Any, Any]) -> Redirect:
        who = principal_of(request)
        if who is None:
            return Redirect("/signin")
        return Redirect("/coordinator" if who.is_coordinator else "/me")

    @get("/signin")
    async def signin(self, request: Request[Any, Any, Any]) -> Template:
        lang = request_language(request)
        return Template("pages/signin.html", context={"lang": lang, "t": translator(lang), "user": None})
