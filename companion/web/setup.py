"""Wiring of the browser side into the app: templates, static files, sign-in middleware, CSRF, rate
limits, the access guard and friendly HTML error pages. ``create_app`` calls these functions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from litestar import Litestar, Request, Response
from litestar.config.csrf import CSRFConfig
from litestar.contrib.jinja import JinjaTemplateEngine
from litestar.exceptions import HTTPException
from litestar.middleware import DefineMiddleware
from litestar.response import Redirect, Template
from litestar.static_files import create_static_files_router
from litestar.stores.base import Store
from litestar.template.config import TemplateConfig
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from companion.auth.middleware import AuthMiddleware, BearerAwareCSRFMiddleware, cookie_secure
from companion.auth.policy import authorize
from companion.errors import RETRY_AFTER_SECONDS, DomainError, database_outage, outage_message
from companion.settings import Settings
from companion.web import i18n
from companion.web.i18n import request_language, text, translator
from companion.web.page_errors import page_detail, status_text
from companion.web.rate_limit import GenerationRateLimitMiddleware, MemoryCounter, RateCounter
from companion.web.security import SecurityHeadersMiddleware
from companion.web.stores import RATE_LIMIT_STORE, FallbackStore
from companion.web.stores import stores as shared_stores

WEB_DIR = Path(__file__).parent
GENERATION_PATH = re.compile(
    r"^/api/sessions/\{session_id\}/(agenda|preparation|reflection-prompts|summary)(/stream)?$"
)


def route_handlers() -> list[Any]:
    """Sign-in routes, pages, the insights API and the static files."""
    from companion.auth.controllers import AuthApiController, SignInController
    from companion.insights.controllers import InsightsController
    from companion.web.pages_coordinator import CoordinatorPages
    from companion.web.pages_coordinator_edit import CoordinatorEditPages
    from companion.web.pages_design import CoordinatorDesignPages
    from companion.web.pages_language import LanguagePages
    from companion.web.pages_library import LibraryPages
    from companion.web.pages_participant import ParticipantPages
    from companion.web.pages_plan import ParticipantDesignPages
    from companion.web.pages_public import PublicPages
    from companion.web.pages_reflection import ReflectionPages

    return [
        SignInController,
        AuthApiController,
        InsightsController,
        PublicPages,
        ParticipantPages,
        ReflectionPages,
        CoordinatorPages,
        CoordinatorEditPages,
        LanguagePages,
        LibraryPages,
        CoordinatorDesignPages,
        ParticipantDesignPages,
        create_static_files_router(path="/static", directories=[WEB_DIR / "static"], include_in_schema=False),
    ]


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    """Jinja templates from ``companion/web/templates`` with autoescaping and gettext (``_``)."""
    return TemplateConfig(
        directory=WEB_DIR / "templates",
        engine=JinjaTemplateEngine,
        engine_callback=lambda engine: i18n.install(engine.engine),
    )


def _is_generation(scope: Any) -> bool:
    template = scope.get("path_template", "")
    return bool(GENERATION_PATH.match(template)) and (
        scope.get("method") == "POST" or template.endswith("/stream")
    )


def _rate_key(scope: Any) -> str:
    """Signed-in people are counted each on their own; everyone else by address."""
    user = scope.get("user")
    if user is not None:
        return f"{user.kind}:{user.id}"
    client = scope.get("client")
    return str(client[0]) if client else "anonymous"


def middleware(settings: Settings) -> list[Any]:
    """Outermost first: who is calling, then CSRF for cookie requests, then generation rate limits."""
    csrf = CSRFConfig(
        secret=settings.secret_key.get_secret_value(),
        cookie_secure=cookie_secure(settings),
        cookie_samesite="lax",
        exclude=["^/health$", "^/static/"],
    )
    # One counter per app, shared by the middleware instances Litestar builds for each route, so the
    # limit covers all generation routes together.
    memory = MemoryCounter()

    def counter_for(scope: Any) -> RateCounter:
        store = scope["litestar_app"].stores.get(RATE_LIMIT_STORE)
        return store if isinstance(store, FallbackStore) else memory

    return [
        DefineMiddleware(AuthMiddleware),
        DefineMiddleware(BearerAwareCSRFMiddleware, config=csrf),
        DefineMiddleware(
            GenerationRateLimitMiddleware,
            limit=settings.generation_rate_limit,
            applies=_is_generation,
            identify=_rate_key,
            counter_for=counter_for,
        ),
    ]


def stores(settings: Settings) -> dict[str, Store]:
    """Named stores shared by the workers (``companion.web.stores``)."""
    return shared_stores(settings)


def guards() -> list[Any]:
    """The app-wide access guard (``companion.auth.policy``)."""
    return [authorize]


def install(app: Litestar, engine: AsyncEngine) -> None:
    """State the guard and middleware need (a session factory independent of the request session),
    and the security headers around everything."""
    app.state.auth_db = async_sessionmaker(engine, expire_on_commit=False)
    # Around Litestar's own exception handling, so that error responses of the middleware (a 503 when
    # the database is down) carry the security headers too.
    app.asgi_handler = SecurityHeadersMiddleware(app.asgi_handler)


def _wants_html(request: Request[Any, Any, Any]) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/schema", "/health")):
        return False
    return "text/html" in request.headers.get("accept", "") or request.headers.get("hx-request") == "true"


def _status_of(exc: Exception) -> int:
    if database_outage(exc):
        return 503
    if isinstance(exc, DomainError | HTTPException):
        return int(exc.status_code)
    if isinstance(exc, RecursionError):
        return 400
    return 500


def html_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A friendly page (or HTMX fragment) instead of problem details; 401 goes to the sign-in page."""
    status = _status_of(exc)
    if status == 401 and request.headers.get("hx-request") != "true":
        return Redirect("/signin")
    lang = request_language(request)
    # in the page's language: a German page never shows the API's English detail
    detail = page_detail(exc, lang) if status < 500 else ""
    headers: dict[str, str] = {}
    if status == 503:
        _, stored = outage_message(request)
        key = "db_safe" if request.method in ("GET", "HEAD") else "db_stored" if stored else "db_not_stored"
        detail = text(key, lang)
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    template = "partials/_error.html" if request.headers.get("hx-request") == "true" else "pages/error.html"
    return Template(
        template,
        context={
            "status": status,
            "headline": status_text(status, lang),
            "detail": detail,
            "lang": lang,
            "t": translator(lang),
            "user": None,
        },
        status_code=status,
        headers=headers,
    )


def exception_handlers(base: dict[Any, Any]) -> dict[Any, Any]:
    """Wrap the API's problem-details handlers: browsers get HTML pages, API clients problem JSON."""

    def wrap(handler: Any) -> Any:
        def choose(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
            if _wants_html(request):
                return html_error(request, exc)
            return handler(request, exc)

        return choose

    return {key: wrap(handler) for key, handler in base.items()}
