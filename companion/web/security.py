"""Security headers on every response (pages, problem details, static files).

The pages' own scripts are static files (``/static/htmx.min.js``, ``/static/companion.js``); no page
has an inline script, event-handler attribute or style attribute, so the policy needs no
``'unsafe-inline'``. HTMX is told not to inject its indicator ``<style>`` and not to evaluate code
(``<meta name="htmx-config">`` in ``base.html``). The Swagger UI under ``/schema`` is the one exception:
Litestar renders it with an inline start-up script and assets from jsDelivr, so it gets a looser policy
of its own; it shows only the public API description.
"""

from __future__ import annotations

from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
COMMON = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Sign-in links carry their secret in the path: never let it travel to another site as a referrer.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeadersMiddleware:
    """Pure ASGI middleware wrapped around the whole app (``web.setup.install``), so error responses of
    other middleware, error pages and static files get the headers too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"].startswith("/schema")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                for name, value in COMMON.items():
                    headers.setdefault(name, value)
                headers.setdefault("Content-Security-Policy", DOCS_CSP if docs else PAGE_CSP)
            await send(message)

        await self.app(scope, receive, send_with_headers)
