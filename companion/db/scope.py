"""One database session per request, shared by the sign-in middleware, the access guard and the handler.

Each of them used to open its own session: three connection checkouts (and on PostgreSQL three
pre-ping round trips) per request, and whatever the guard had loaded was loaded again by the handler.
Now they all use advanced-alchemy's request session — the one injected as ``db_session`` and closed by
the plugin when the response starts — so rows the guard loaded come from the identity map.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession


def request_session(scope: Any) -> AsyncSession:
    """The request's database session (created on first use; ``scope`` is an ASGI scope)."""
    provide = scope["litestar_app"].state.request_db
    session: AsyncSession = provide(scope)
    return session
