"""The jobs — one function each, the same for both runners (SAQ workers, or the in-process runner).

A job gets ``ctx`` (a dict, as SAQ passes it) holding the :class:`Services` under ``"companion"`` and
an ``"enqueue"`` coroutine function to hand follow-up jobs to whichever runner is in use. Jobs are
safe to run twice: findings and sends are deduplicated in the database, not in the queue.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import func, select

from companion.auth.models import Coordinator
from companion.db.models import Participant, Programme
from companion.notifications import delivery, queue, scan
from companion.notifications.context import Services

log = logging.getLogger(__name__)
Enqueue = Callable[..., Awaitable[None]]
CTX = "companion"


def _services(ctx: dict[str, Any]) -> Services:
    services: Services = ctx[CTX]
    return services


async def scan_due(ctx: dict[str, Any]) -> dict[str, int]:
    """Record what is due (calendar updates, reminders, reflection prompts, nudges — each as its
    setting allows) and hand every notification that is ready to ``deliver``."""
    services = _services(ctx)
    settings = services.settings
    now = services.clock()
    found: dict[str, int] = {}
    async with services.maker() as db:
        if settings.calendar_invites:
            found["calendar"] = await scan.sync_calendar(db, now)
        if settings.reminders:
            found["reminder"] = await scan.reminders(db, settings, now)
        if settings.reflection_prompts:
            found["reflection"] = await scan.reflection_prompts(db, now)
        if settings.nudges:
            found["nudge"] = await scan.nudges(db, settings, now)
        ready = await queue.due(db, now)
    for notification_id in ready:
        await ctx["enqueue"]("deliver", notification_id=notification_id)
    found["ready"] = len(ready)
    return found


async def deliver(ctx: dict[str, Any], *, notification_id: int) -> str:
    """Send one recorded notification (exactly once across workers; see ``queue.claim``)."""
    return await delivery.deliver(_services(ctx), notification_id)


async def signin_request(ctx: dict[str, Any], *, email: str) -> int:
    """Self-service sign-in: mail a link to every account with this address (participant in any
    programme, coordinator). Runs outside the request, so the page answers alike for any address."""
    services = _services(ctx)
    address = email.strip().lower()
    now = services.clock()
    request_id = uuid.uuid4().hex[:16]
    ids: list[int] = []
    async with services.maker() as db:
        people = (
            await db.execute(
                select(Participant.id, Participant.email, Programme.language)
                .join(Programme, Programme.id == Participant.programme_id)
                .where(func.lower(Participant.email) == address)
            )
        ).all()
        for pid, stored, lang in people:
            new = await queue.add(
                db,
                key=f"signin:{request_id}:p{pid}",
                kind="signin",
                email=str(stored),
                language=lang,
                now=now,
                participant_id=pid,
            )
            ids += [new] if new else []
        coordinator = await db.scalar(select(Coordinator).where(Coordinator.email == address))
        if coordinator is not None:
            new = await queue.add(
                db,
                key=f"signin:{request_id}:c{coordinator.id}",
                kind="signin",
                email=coordinator.email,
                language=coordinator.language,
                now=now,
                coordinator_id=coordinator.id,
            )
            ids += [new] if new else []
        await db.commit()
    for notification_id in ids:
        await ctx["enqueue"]("deliver", notification_id=notification_id)
    return len(ids)


FUNCTIONS: dict[str, Callable[..., Awaitable[Any]]] = {
    "scan_due": scan_due,
    "deliver": deliver,
    "signin_request": signin_request,
}
