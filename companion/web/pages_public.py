"""Pages anyone may open: the start page (sends people to their view) and the sign-in help."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect

from companion.auth.policy import principal_of


class PublicPages(Controller):
    include_in_schema = False

    @get("/")
    async def home(self, request: Request[Any, Any, Any]) -> Redirect:
        who = principal_of(request)
        if who is None:
            return Redirect("/signin")
        return Redirect("/coordinator" if who.is_coordinator else "/me")

    # GET/POST /signin (sign-in by e-mail) live in companion.notifications.pages.
