"""Mail preferences and the private calendar feed of a participant."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.services import as_utc
from companion.db.models import MentoringSession, PairMember, Participant, Programme, utcnow
from companion.notifications import calendar, links
from companion.notifications.context import Services
from companion.notifications.facts import calendar_entry
from companion.notifications.models import OPTIONAL_KINDS, CalendarFeed, CalendarState, NotificationPreference
from companion.settings import Settings


async def preferences_of(db: AsyncSession, participant_id: int) -> dict[str, bool]:
    row = await db.get(NotificationPreference, participant_id)
    return {kind: True if row is None else bool(getattr(row, kind)) for kind in OPTIONAL_KINDS}


async def save_preferences(db: AsyncSession, participant_id: int, choices: dict[str, bool]) -> None:
    row = await db.get(NotificationPreference, participant_id)
    if row is None:
        row = NotificationPreference(participant_id=participant_id)
        db.add(row)
    for kind in OPTIONAL_KINDS:
        setattr(row, kind, bool(choices.get(kind, False)))
    await db.commit()


async def renew_feed(db: AsyncSession, participant_id: int) -> int:
    """Create the feed, or move it to a new address (older addresses stop working)."""
    row = await db.get(CalendarFeed, participant_id)
    if row is None:
        row = CalendarFeed(participant_id=participant_id, generation=1, created_at=utcnow())
        db.add(row)
    else:
        row.generation += 1
        row.revoked_at = None
    await db.commit()
    return row.generation


async def revoke_feed(db: AsyncSession, participant_id: int) -> None:
    row = await db.get(CalendarFeed, participant_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        await db.commit()


async def feed_url_of(db: AsyncSession, settings: Settings, participant_id: int) -> str | None:
    row = await db.get(CalendarFeed, participant_id)
    if row is None or row.revoked_at is not None:
        return None
    return links.feed_url(settings, participant_id, row.generation)


async def feed_for_token(
    db: AsyncSession, settings: Settings, token: str, services: Services
) -> bytes | None:
    """The .ics of a valid feed token: every dated session of the participant's pairs."""
    parsed = links.parse_feed_token(settings, token)
    if parsed is None:
        return None
    pid, generation = parsed
    row = await db.get(CalendarFeed, pid)
    if row is None or row.revoked_at is not None or row.generation != generation:
        return None
    person = await db.get(Participant, pid)
    if person is None:
        return None
    programme = await db.get(Programme, person.programme_id)
    t = services.texts(programme.language if programme else "de")
    sessions = (
        await db.scalars(
            select(MentoringSession)
            .join(PairMember, PairMember.pair_id == MentoringSession.pair_id)
            .where(PairMember.participant_id == pid, MentoringSession.scheduled_at.is_not(None))
            .order_by(MentoringSession.scheduled_at)
        )
    ).all()
    entries = []
    for session in sessions:
        state = await db.get(CalendarState, session.id)
        entries.append(
            await calendar_entry(
                db,
                settings,
                session,
                t,
                state.sequence if state else 0,
                as_utc(session.scheduled_at),  # type: ignore[arg-type]
                session.duration_minutes,
                session.status == "cancelled",
            )
        )
    name = t("Reverse mentoring – {name}", name=person.display_name)
    return calendar.feed(entries, settings.base_url, settings.timezone, name)
