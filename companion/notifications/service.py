"""What controllers and the CLI ask of notifications: send an invite by mail, show invite status and
failed mails to the coordinator (never content), record that a link was opened."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.models import Invite
from companion.auth.services import hash_secret
from companion.db.models import Participant, Programme
from companion.errors import NotFoundError, RuleViolation
from companion.notifications import queue
from companion.notifications.models import Notification


async def record_invite(
    db: AsyncSession, participant_id: int, created_by: int | None, now: datetime
) -> Notification:
    """Record an invite mail for a participant (each call is a new mail: re-sending is allowed).
    404 for an unknown participant, 422 when they have no e-mail address."""
    person = await db.get(Participant, participant_id)
    if person is None:
        raise NotFoundError(f"Participant {participant_id} does not exist")
    if not person.email:
        raise RuleViolation(
            f"Participant {participant_id} has no e-mail address; add one first", code="no_email"
        )
    language = await db.scalar(select(Programme.language).where(Programme.id == person.programme_id))
    new_id = await queue.add(
        db,
        key=f"invite:p{person.id}:{uuid.uuid4().hex}",
        kind="invite",
        email=person.email,
        language=language or "de",
        now=now,
        participant_id=person.id,
        programme_id=person.programme_id,
        created_by=created_by,
    )
    await db.commit()
    assert new_id is not None  # a fresh random key never conflicts
    row = await db.get(Notification, new_id)
    assert row is not None
    return row


@dataclass(frozen=True)
class InvitationStatus:
    """Where a participant's newest invite mail stands: never, pending, sent, opened, used, failed."""

    participant_id: int
    name: str
    email: str | None
    state: str
    mails: int
    last_sent_at: datetime | None
    opened_at: datetime | None
    used_at: datetime | None
    error: str | None


async def invitation_status(db: AsyncSession, programme_id: int) -> list[InvitationStatus]:
    """One line per participant of the programme."""
    people = (
        await db.scalars(
            select(Participant).where(Participant.programme_id == programme_id).order_by(Participant.id)
        )
    ).all()
    rows = (
        await db.execute(
            select(Notification, Invite.used_at)
            .outerjoin(Invite, Invite.id == Notification.invite_id)
            .where(Notification.kind == "invite", Notification.programme_id == programme_id)
            .order_by(Notification.id)
        )
    ).all()
    latest: dict[int, tuple[Notification, datetime | None]] = {}
    counts: dict[int, int] = {}
    for note, used_at in rows:
        if note.participant_id is None:
            continue
        latest[note.participant_id] = (note, used_at)
        counts[note.participant_id] = counts.get(note.participant_id, 0) + 1
    result = []
    for person in people:
        found = latest.get(person.id)
        if found is None:
            result.append(
                InvitationStatus(
                    person.id, person.display_name, person.email, "never", 0, None, None, None, None
                )
            )
            continue
        note, used_at = found
        if used_at is not None:
            state = "used"
        elif note.opened_at is not None:
            state = "opened"
        elif note.status == "sent":
            state = "sent"
        elif note.status == "failed":
            state = "failed"
        elif note.status == "skipped":
            state = "skipped"
        else:
            state = "retrying" if note.attempts > 0 else "pending"
        result.append(
            InvitationStatus(
                person.id,
                person.display_name,
                person.email,
                state,
                counts[person.id],
                note.sent_at,
                note.opened_at,
                used_at,
                note.last_error if state in ("failed", "retrying") else None,
            )
        )
    return result


@dataclass(frozen=True)
class Problem:
    """A mail that has not gone out: to whom, what kind, how often tried, why (no content)."""

    id: int
    kind: str
    recipient: str
    state: str  # failed (gave up) or retrying
    attempts: int
    error: str | None
    created_at: datetime
    next_attempt_at: datetime | None


async def problems(db: AsyncSession, programme_id: int, limit: int = 50) -> list[Problem]:
    """Failed mails and mails waiting for another attempt, for the people of one programme."""
    rows = (
        await db.execute(
            select(Notification, Participant.display_name)
            .join(Participant, Participant.id == Notification.participant_id)
            .where(
                Participant.programme_id == programme_id,
                (Notification.status == "failed")
                | ((Notification.status.in_(("pending", "sending"))) & (Notification.attempts > 0)),
            )
            .order_by(Notification.id.desc())
            .limit(limit)
        )
    ).all()
    return [
        Problem(
            n.id,
            n.kind,
            name,
            "failed" if n.status == "failed" else "retrying",
            n.attempts,
            n.last_error,
            n.created_at,
            None if n.status == "failed" else n.next_attempt_at,
        )
        for n, name in rows
    ]


async def counts(db: AsyncSession, programme_id: int) -> dict[str, int]:
    """Mails of a programme's people by status (sent, pending, failed, skipped)."""
    rows = await db.execute(
        select(Notification.status, func.count())
        .join(Participant, Participant.id == Notification.participant_id)
        .where(Participant.programme_id == programme_id)
        .group_by(Notification.status)
    )
    return {status: int(n) for status, n in rows.all()}


async def mark_opened(db: AsyncSession, raw_token: str, now: datetime) -> None:
    """Someone opened the sign-in page of a mailed link (before using it)."""
    invite_id = await db.scalar(select(Invite.id).where(Invite.token_hash == hash_secret(raw_token)))
    if invite_id is None:
        return
    await db.execute(
        update(Notification)
        .where(Notification.invite_id == invite_id, Notification.opened_at.is_(None))
        .values(opened_at=now)
    )
    await db.commit()
