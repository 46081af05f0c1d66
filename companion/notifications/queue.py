"""The notification table as a queue with exactly-once claims.

Creating is idempotent (``INSERT … ON CONFLICT (key) DO NOTHING``); sending starts with a conditional
``UPDATE`` that only one worker can win (status pending → sending, with a lease). A worker that dies
mid-send leaves the lease to expire, and the row is taken up again after it — the one case in which a
mail can go out twice, because SMTP has no transactions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from companion.notifications.models import Notification, NotificationPreference

LEASE = timedelta(minutes=5)
Clock = Callable[[], datetime]


def _insert_for(db: AsyncSession) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if db.get_bind().dialect.name == "postgresql" else sqlite.insert


async def add(
    db: AsyncSession, *, key: str, kind: str, email: str, language: str, now: datetime, **refs: Any
) -> int | None:
    """Record a notification unless one with ``key`` exists; the new id, or None when it existed.
    The caller commits."""
    insert = _insert_for(db)
    values = {
        "key": key[:200],
        "kind": kind,
        "email": email,
        "language": language if language in ("de", "en") else "de",
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
        "data": refs.pop("data", {}) or {},
        **refs,
    }
    stmt = (
        insert(Notification)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(Notification.id)
    )
    return await db.scalar(stmt)


async def claim(db: AsyncSession, notification_id: int, now: datetime) -> bool:
    """Take a due notification for sending; True for exactly one caller."""
    result = await db.execute(
        update(Notification)
        .where(
            Notification.id == notification_id,
            Notification.next_attempt_at <= now,
            or_(
                Notification.status == "pending",
                and_(Notification.status == "sending", Notification.locked_until < now),
            ),
        )
        .values(status="sending", locked_until=now + LEASE, attempts=Notification.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    await db.commit()
    return bool(getattr(result, "rowcount", 0) == 1)


def backoff(attempts: int) -> timedelta:
    """1, 4, 16, 64 minutes … at most six hours between attempts."""
    return min(timedelta(minutes=4 ** max(attempts - 1, 0)), timedelta(hours=6))


async def finish(
    db: AsyncSession,
    notification_id: int,
    now: datetime,
    *,
    status: str,
    error: str | None = None,
    max_attempts: int = 6,
    permanent: bool = False,
) -> str:
    """Record the outcome of a claimed send: sent, skipped, or an error (retry later or failed)."""
    row = await db.get(Notification, notification_id, populate_existing=True)
    if row is None:
        return "gone"
    row.locked_until = None
    if status == "error":
        row.last_error = (error or "unknown error")[:1000]
        if permanent or row.attempts >= max_attempts:
            row.status = "failed"
        else:
            row.status = "pending"
            row.next_attempt_at = now + backoff(row.attempts)
    else:
        row.status = status
        if status == "sent":
            row.sent_at = now
            row.last_error = None
    await db.commit()
    return row.status


async def due(db: AsyncSession, now: datetime, limit: int = 200) -> list[int]:
    """Notifications ready to send now (new, retry time reached, or a worker's lease ran out)."""
    rows = await db.scalars(
        select(Notification.id)
        .where(
            Notification.next_attempt_at <= now,
            or_(
                Notification.status == "pending",
                and_(Notification.status == "sending", Notification.locked_until < now),
            ),
        )
        .order_by(Notification.next_attempt_at, Notification.id)
        .limit(limit)
    )
    return list(rows.all())


async def preferences(db: AsyncSession, participant_ids: list[int]) -> dict[int, NotificationPreference]:
    """Stored preferences by participant (a participant without a row wants every mail)."""
    if not participant_ids:
        return {}
    rows = await db.scalars(
        select(NotificationPreference).where(NotificationPreference.participant_id.in_(participant_ids))
    )
    return {row.participant_id: row for row in rows.all()}


def wants(prefs: dict[int, NotificationPreference], participant_id: int, kind: str) -> bool:
    """Whether a participant wants mails of an optional ``kind``."""
    row = prefs.get(participant_id)
    return True if row is None else bool(getattr(row, kind, True))
