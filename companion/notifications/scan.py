"""Finding what is due: calendar updates, reminders, reflection prompts and nudges.

Each finding becomes a notification with a deterministic key, so scanning twice (two workers, a
restart) records it once. Scans look at the data as it is; nothing has to remember to call them when
a session changes, which is why a session planned from the page, the API or the demo all get invites.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.services import as_utc
from companion.db.models import MentoringSession, Pair, PairMember, Participant, Programme, Reflection
from companion.notifications import queue
from companion.notifications.models import CalendarState
from companion.settings import Settings

REFLECTION_WINDOW = timedelta(days=7)  # older sessions are not asked about (e.g. on a first start)


@dataclass(frozen=True)
class Stall:
    cancellations: bool  # two cancellations in a row (else: no session for a while)
    marker: int  # the pair's newest session id: one nudge per stall, a new one after new activity


def _fingerprint(session: MentoringSession) -> str:
    assert session.scheduled_at is not None
    return f"{as_utc(session.scheduled_at).isoformat()}|{session.duration_minutes}|{session.status}"


def programme_end(programme: Programme) -> date | None:
    """The day the programme ends (start date plus its months), when it has a start date."""
    if programme.start_date is None:
        return None
    months = programme.start_date.month - 1 + programme.duration_months
    year, month = programme.start_date.year + months // 12, months % 12 + 1
    return date(year, month, min(programme.start_date.day, 28))


async def _members(db: AsyncSession, pair_ids: Sequence[int]) -> dict[int, list[tuple[Participant, str]]]:
    rows = await db.execute(
        select(PairMember.pair_id, PairMember.role, Participant)
        .join(Participant, Participant.id == PairMember.participant_id)
        .where(PairMember.pair_id.in_(pair_ids))
        .order_by(PairMember.pair_id, Participant.id)
    )
    found: dict[int, list[tuple[Participant, str]]] = {}
    for pair_id, role, person in rows.all():
        found.setdefault(pair_id, []).append((person, role))
    return found


async def _language(db: AsyncSession, pair_ids: Sequence[int]) -> dict[int, str]:
    rows = await db.execute(
        select(Pair.id, Programme.language)
        .join(Programme, Programme.id == Pair.programme_id)
        .where(Pair.id.in_(pair_ids))
    )
    return {pair_id: lang for pair_id, lang in rows.all()}


async def _notify_members(
    db: AsyncSession,
    session: MentoringSession,
    kind: str,
    key: str,
    now: datetime,
    data: dict[str, object],
    skip: frozenset[int | None] = frozenset(),
) -> int:
    members = (await _members(db, [session.pair_id])).get(session.pair_id, [])
    prefs = await queue.preferences(db, [p.id for p, _ in members])
    language = (await _language(db, [session.pair_id])).get(session.pair_id, "de")
    added = 0
    for person, _role in members:
        if not person.email or person.id in skip or not queue.wants(prefs, person.id, kind):
            continue
        new = await queue.add(
            db,
            key=f"{key}:p{person.id}",
            kind=kind,
            email=person.email,
            language=language,
            now=now,
            participant_id=person.id,
            session_id=session.id,
            pair_id=session.pair_id,
            data=data,
        )
        added += new is not None
    return added


async def sync_calendar(db: AsyncSession, now: datetime) -> int:
    """A REQUEST for every new or changed upcoming session, a CANCEL for a cancelled one that was sent."""
    sessions = (
        await db.scalars(
            select(MentoringSession).where(
                MentoringSession.scheduled_at.is_not(None),
                MentoringSession.status.in_(("planned", "cancelled")),
                MentoringSession.scheduled_at >= now - timedelta(days=1),
            )
        )
    ).all()
    if not sessions:
        return 0
    states = {
        s.session_id: s
        for s in (
            await db.scalars(
                select(CalendarState).where(CalendarState.session_id.in_([x.id for x in sessions]))
            )
        ).all()
    }
    added = 0
    for session in sessions:
        state = states.get(session.id)
        fingerprint = _fingerprint(session)
        cancelled = session.status == "cancelled"
        if state is not None and state.fingerprint == fingerprint:
            continue
        if cancelled and (state is None or state.method == "CANCEL"):
            continue  # nothing in anyone's calendar to take back
        if not cancelled and as_utc(session.scheduled_at) < now:  # type: ignore[arg-type]
            continue
        method = "CANCEL" if cancelled else "REQUEST"
        sequence = 0 if state is None else state.sequence + 1
        if not await _take_change(db, session.id, state, fingerprint, method, sequence, now):
            continue  # another worker recorded this change
        data = {
            "method": method,
            "sequence": sequence,
            "moved": state is not None and not cancelled,
            "starts_at": as_utc(session.scheduled_at).isoformat(),  # type: ignore[arg-type]
            "duration": session.duration_minutes,
        }
        added += await _notify_members(
            db, session, "calendar", f"calendar:{session.id}:{sequence}", now, data
        )
    await db.commit()
    return added


async def _take_change(
    db: AsyncSession,
    session_id: int,
    state: CalendarState | None,
    fingerprint: str,
    method: str,
    sequence: int,
    now: datetime,
) -> bool:
    """Record the new calendar state; True only for the one caller whose write went through."""
    if state is None:
        insert = queue._insert_for(db)
        stmt = (
            insert(CalendarState)
            .values(session_id=session_id, sequence=0, fingerprint=fingerprint, method=method, updated_at=now)
            .on_conflict_do_nothing(index_elements=["session_id"])
            .returning(CalendarState.session_id)
        )
        return await db.scalar(stmt) is not None
    result = await db.execute(
        update(CalendarState)
        .where(CalendarState.session_id == session_id, CalendarState.sequence == state.sequence)
        .values(sequence=sequence, fingerprint=fingerprint, method=method, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


async def reminders(db: AsyncSession, settings: Settings, now: datetime) -> int:
    """Planned sessions starting within the next N days: one reminder per member and start time."""
    horizon = now + timedelta(days=settings.reminder_days_before)
    sessions = (
        await db.scalars(
            select(MentoringSession).where(
                MentoringSession.status == "planned",
                MentoringSession.scheduled_at > now,
                MentoringSession.scheduled_at <= horizon,
            )
        )
    ).all()
    added = 0
    for session in sessions:
        starts = as_utc(session.scheduled_at).isoformat()  # type: ignore[arg-type]
        added += await _notify_members(
            db, session, "reminder", f"reminder:{session.id}:{starts}", now, {"starts_at": starts}
        )
    await db.commit()
    return added


async def reflection_prompts(db: AsyncSession, now: datetime) -> int:
    """Sessions that ended in the last week: members who have not reflected yet get the prompts."""
    sessions = (
        await db.scalars(
            select(MentoringSession).where(
                MentoringSession.status.in_(("planned", "held")),
                MentoringSession.scheduled_at <= now,
                MentoringSession.scheduled_at >= now - REFLECTION_WINDOW - timedelta(hours=2),
            )
        )
    ).all()
    added = 0
    for session in sessions:
        end = as_utc(session.scheduled_at) + timedelta(minutes=session.duration_minutes)  # type: ignore[arg-type]
        if end > now or end < now - REFLECTION_WINDOW:
            continue
        written = frozenset(
            (await db.scalars(select(Reflection.author_id).where(Reflection.session_id == session.id))).all()
        )
        added += await _notify_members(
            db, session, "reflection", f"reflection:{session.id}", now, {}, skip=written
        )
    await db.commit()
    return added


async def stall_of(
    db: AsyncSession, pair: Pair, programme: Programme, now: datetime, after_days: int
) -> Stall | None:
    """Why a pair counts as stalled, or None. Stalled: no session held (or planned) in the last
    ``after_days`` and none planned ahead, or the two newest sessions both cancelled — only while the
    programme runs, and not in a pair's first ``after_days``."""
    today = now.date()
    if programme.start_date is not None and programme.start_date > today:
        return None
    end = programme_end(programme)
    if end is not None and end <= today:
        return None
    sessions = (await db.scalars(select(MentoringSession).where(MentoringSession.pair_id == pair.id))).all()
    marker = max((s.id for s in sessions), default=0)
    ahead = [
        s
        for s in sessions
        if s.status == "planned" and s.scheduled_at is not None and as_utc(s.scheduled_at) >= now
    ]
    dated = sorted((s for s in sessions if s.scheduled_at is not None), key=lambda s: as_utc(s.scheduled_at))  # type: ignore[arg-type]
    if not ahead and len(dated) >= 2 and all(s.status == "cancelled" for s in dated[-2:]):
        return Stall(cancellations=True, marker=marker)
    since = now - timedelta(days=after_days)
    if ahead or as_utc(pair.created_at) > since:
        return None
    recent = [
        s
        for s in dated
        if s.status in ("held", "planned") and since <= as_utc(s.scheduled_at) <= now  # type: ignore[arg-type]
    ]
    return None if recent else Stall(cancellations=False, marker=marker)


async def nudges(db: AsyncSession, settings: Settings, now: datetime) -> int:
    """One friendly nudge per member of each stalled pair, once per stall."""
    added = 0
    rows = (
        await db.execute(select(Pair, Programme).join(Programme, Programme.id == Pair.programme_id))
    ).all()
    for pair, programme in rows:
        stall = await stall_of(db, pair, programme, now, settings.nudge_after_days)
        if stall is None:
            continue
        members = (await _members(db, [pair.id])).get(pair.id, [])
        prefs = await queue.preferences(db, [p.id for p, _ in members])
        for person, _role in members:
            if not person.email or not queue.wants(prefs, person.id, "nudge"):
                continue
            new = await queue.add(
                db,
                key=f"nudge:{pair.id}:{stall.marker}:p{person.id}",
                kind="nudge",
                email=person.email,
                language=programme.language,
                now=now,
                participant_id=person.id,
                pair_id=pair.id,
                programme_id=programme.id,
                data={"cancellations": stall.cancellations},
            )
            added += new is not None
    await db.commit()
    return added


async def stalled_pair_count(db: AsyncSession, programme_id: int, now: datetime, after_days: int) -> int:
    """How many pairs of a programme are stalled right now (a number only: never which, never why)."""
    programme = await db.get(Programme, programme_id)
    if programme is None:
        return 0
    pairs = (await db.scalars(select(Pair).where(Pair.programme_id == programme_id))).all()
    return sum([await stall_of(db, pair, programme, now, after_days) is not None for pair in pairs])
