"""Resolve who is calling: ``Authorization: Bearer <token>`` (API) or the session cookie (browser).

The result goes to ``scope["user"]`` (a :class:`Principal` or None) and ``scope["auth"]`` ("bearer",
"cookie" or None). Deciding what that person may do is the guard's job (``companion.auth.policy``).
"""

from __future__ import annotations

from typing import Any

from litestar.datastructures import Cookie, Headers
from litestar.middleware import AbstractMiddleware
from litestar.middleware.csrf import CSRFMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from companion.auth import services
from companion.db.scope import request_session
from companion.errors import DatabaseUnavailable
from companion.notifications.signin import renewing_send
from companion.settings import Settings

SESSION_COOKIE = "companion_session"


def bearer_token(headers: Headers) -> str | None:
    """The bearer token of a request, if it sent one."""
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def session_cookie(settings: Settings, value: str, max_age: int | None = None) -> Cookie:
    """The browser session cookie: HttpOnly, SameSite=Lax; Secure in production and whenever the
    public address is https (the test environment runs on plain http, like development)."""
    return Cookie(
        key=SESSION_COOKIE,
        value=value,
        path="/",
        httponly=True,
        samesite="lax",
        secure=cookie_secure(settings),
        max_age=max_age if max_age is not None else settings.session_ttl_hours * 3600,
    )


def current_secret(request: Any) -> str | None:
    """The secret a request signed in with, as :class:`AuthMiddleware` chose it (bearer token first)."""
    if request.scope.get("auth") == "bearer":
        return bearer_token(request.headers)
    return _cookie(request.headers, SESSION_COOKIE) if request.scope.get("auth") == "cookie" else None


def cookie_secure(settings: Settings) -> bool:
    """Whether cookies carry the Secure flag."""
    return settings.env == "production" or settings.base_url.startswith("https://")


class AuthMiddleware(AbstractMiddleware):
    """Looks up the bearer token or session cookie once per request."""

    exclude = ["^/static/", "^/health$"]

    def __init__(self, app: ASGIApp, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope["litestar_app"].state
        if not getattr(state, "schema_ready", True):
            raise DatabaseUnavailable("The service is starting and waits for its database")
        headers = Headers.from_scope(scope)
        principal = None
        method: str | None = None
        raw = bearer_token(headers)
        if raw is not None:
            method = "bearer"
            # The request's own session (shared with the guard and the handler): one checkout.
            principal = await services.resolve_token(request_session(scope), raw, "api")
        else:
            cookie = _cookie(headers, SESSION_COOKIE)
            if cookie:
                method = "cookie"
                principal = await services.resolve_token(request_session(scope), cookie, "session")
                if principal is not None:  # sliding sign-in: renewed while in use
                    # In a session of its own: renewing commits, and the request's session must only
                    # report a commit when the request's own data was stored (``outage_message``).
                    maker: async_sessionmaker[AsyncSession] = state.auth_db
                    async with maker() as db:
                        send = await renewing_send(scope, send, db, cookie)
        scope["user"] = principal
        scope["auth"] = method if principal is not None else None
        await self.app(scope, receive, send)


def _cookie(headers: Headers, name: str) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value.strip('"')
    return None


class BearerAwareCSRFMiddleware(CSRFMiddleware):
    """Litestar's CSRF check for requests that carry the session cookie, and for the sign-in routes.

    Skipped for a bearer token (a browser never sends one on its own, so it cannot be forged cross-site;
    the cookie is ignored then) and for requests without any session cookie outside ``/auth/`` (they
    carry no ambient credentials, and the guard answers them with 401)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = Headers.from_scope(scope)
            unauthenticated = (
                scope.get("method", "GET")
                not in self.config.safe_methods  # safe requests still get the CSRF cookie
                and not _cookie(headers, SESSION_COOKIE)
                and not scope["path"].startswith("/auth/")
            )
            if bearer_token(headers) is not None or unauthenticated:
                await self.app(scope, receive, send)
                return
        await super().__call__(scope, receive, send)
