"""The route handlers of the notification area (API and pages)."""

from __future__ import annotations

from typing import Any


def routes() -> list[Any]:
    from companion.notifications.api import InvitationApi
    from companion.notifications.pages import NotificationPages

    return [InvitationApi, NotificationPages]
