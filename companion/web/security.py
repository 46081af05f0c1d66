"""Security headers on every response (pages, problem details, static files).

The pages' own scripts are static files (``/static/htmx.min.js``, ``/static/companion.js``); no page
has an inline script, event-handler attribute or style attribute, so the policy needs no
``'unsafe-inline'``. HTMX is told not to inject its indicator ``<style>`` and not to evaluate code
(``<meta name="htmx-config">`` in ``base.html``). The Swagger UI under ``/schema`` is the one exception:
Litestar renders it with an inline start-up script and assets from jsDelivr, so it gets a looser policy
of its own; it shows only the public API description.
"""

from __future__ import annotations

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


def _encoded(csp: str) -> tuple[tuple[bytes, bytes], ...]:
    pairs = {**COMMON, "Content-Security-Policy": csp}
    return tuple((name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in pairs.items())


_PAGE_HEADERS = _encoded(PAGE_CSP)
_DOCS_HEADERS = _encoded(DOCS_CSP)


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

        extra = _DOCS_HEADERS if docs else _PAGE_HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Raw header tuples: this runs on every response, and a response that set one of
                # these headers itself keeps its own value.
                raw = list(message.get("headers") or ())
                present = {name.lower() for name, _ in raw}
                raw.extend(item for item in extra if item[0] not in present)
                message["headers"] = raw
            await send(message)

        await self.app(scope, receive, send_with_headers)
