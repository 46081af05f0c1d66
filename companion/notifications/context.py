"""What every job needs: settings, a database session factory, the mail transport and a clock.

The clock is injected so tests move time instead of sleeping; the transport so tests can point it at
a local SMTP server or a directory."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from companion.db.models import utcnow
from companion.notifications.i18n import Texts
from companion.notifications.mailer import Transport, transport_for
from companion.notifications.queue import Clock
from companion.settings import Settings


@dataclass
class Services:
    settings: Settings
    maker: async_sessionmaker[AsyncSession]
    transport: Transport
    clock: Clock = field(default=utcnow)

    def texts(self, language: str) -> Texts:
        """gettext and date formatting in ``language`` and the configured zone."""
        return Texts(language, ZoneInfo(self.settings.timezone))


def build_services(
    settings: Settings, engine: AsyncEngine, *, transport: Transport | None = None, clock: Clock | None = None
) -> Services:
    """Services on an existing engine (the app's, or the worker's own)."""
    return Services(
        settings=settings,
        maker=async_sessionmaker(engine, expire_on_commit=False),
        transport=transport or transport_for(settings),
        clock=clock or utcnow,
    )
