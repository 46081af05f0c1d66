"""Reading what mails say from the database: a session with its pair and programme, a member's role,
the newest generated outputs and the calendar entry."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.services import as_utc
from companion.db.models import GeneratedOutput, MentoringSession, Pair, PairMember, Participant, Programme
from companion.notifications import calendar, links
from companion.notifications.compose import SessionFacts
from companion.notifications.i18n import Texts
from companion.notifications.mailer import parse_address
from companion.settings import Settings


async def pair_and_programme(db: AsyncSession, pair_id: int) -> tuple[Pair, Programme]:
    pair = await db.get(Pair, pair_id)
    assert pair is not None
    programme = await db.get(Programme, pair.programme_id)
    assert programme is not None
    return pair, programme


@cache
def _titles(knowledge_dir: Path) -> dict[tuple[str, str], str]:
    from companion.retrieval.knowledge import KnowledgeError, load_knowledge

    try:
        kb = load_knowledge(knowledge_dir)
    except (KnowledgeError, OSError):
        return {}
    return {(card.id, lang): card.title for lang in ("de", "en") for card in kb.by_kind("topic", lang)}


def topic_title(settings: Settings, topic: str | None, language: str) -> str | None:
    """A topic card id shown as the card's title (free-text topics as typed)."""
    if not topic:
        return None
    return _titles(settings.knowledge_dir).get((topic, language), topic)


def pair_label(pair: Pair) -> str:
    """How mails name a pair: its name, or, for a pair the coordinator did not name, its members
    ("Lea Schulz & Thomas Berger", juniors first) rather than the programme's name, which would read
    as if the whole programme were one tandem."""
    if pair.name:
        return pair.name
    names = sorted(pair.member_names("junior")) + sorted(pair.member_names("senior"))
    return " & ".join(names) or str(pair.id)


async def session_facts(
    db: AsyncSession, settings: Settings, session: MentoringSession, t: Texts
) -> SessionFacts:
    pair, programme = await pair_and_programme(db, session.pair_id)
    starts = as_utc(session.scheduled_at) if session.scheduled_at else as_utc(session.created_at)
    return SessionFacts(
        pair=pair_label(pair),
        number=session.number,
        starts_at=starts,
        duration=session.duration_minutes,
        topic=topic_title(settings, session.topic, t.language),
        url=links.session_url(settings, session.id),
        programme=programme.name,
        group=pair.format == "group",
    )


async def member_facts(db: AsyncSession, pair_id: int, participant_id: int) -> str:
    """The role (junior or senior) of a participant in a pair."""
    role = await db.scalar(
        select(PairMember.role).where(
            PairMember.pair_id == pair_id, PairMember.participant_id == participant_id
        )
    )
    return str(role or "junior")


async def outputs_for(db: AsyncSession, session_id: int) -> dict[str, dict[str, Any]]:
    """The newest payload of each generated kind for a session."""
    rows = await db.scalars(
        select(GeneratedOutput)
        .where(GeneratedOutput.session_id == session_id)
        .order_by(GeneratedOutput.kind, GeneratedOutput.version)
    )
    return {row.kind: row.payload for row in rows.all()}


async def members(db: AsyncSession, pair_id: int) -> list[Participant]:
    rows = await db.scalars(
        select(Participant)
        .join(PairMember, PairMember.participant_id == Participant.id)
        .where(PairMember.pair_id == pair_id)
        .order_by(PairMember.role, Participant.id)
    )
    return list(rows.all())


async def calendar_entry(
    db: AsyncSession,
    settings: Settings,
    session: MentoringSession,
    t: Texts,
    sequence: int,
    starts_at: datetime,
    duration: int,
    cancelled: bool,
) -> calendar.EventFacts:
    """The calendar entry of a session as the pair's calendars should show it."""
    pair, programme = await pair_and_programme(db, session.pair_id)
    facts = await session_facts(db, settings, session, t)
    sender = parse_address(settings.mail_from)
    organiser = calendar.Person(f"{sender.username}@{sender.domain}", programme.name)
    people = tuple(calendar.Person(p.email, p.display_name) for p in await members(db, pair.id) if p.email)
    summary = t("Reverse mentoring: {pair} (session {number})", pair=facts.pair, number=session.number)
    description = [t("Agenda and preparation: {url}", url=facts.url)]
    if facts.topic:
        description.insert(0, t("Topic: {topic}", topic=facts.topic))
    return calendar.EventFacts(
        session_id=session.id,
        sequence=sequence,
        starts_at=starts_at,
        duration=duration,
        summary=summary,
        description="\n".join(description),
        url=facts.url,
        organiser=organiser,
        attendees=people,
        cancelled=cancelled,
    )


async def event_facts(
    db: AsyncSession,
    settings: Settings,
    session: MentoringSession,
    t: Texts,
    sequence: int,
    starts_at: datetime,
    data: dict[str, Any],
) -> bytes:
    """The iTIP message (.ics) of a calendar notification."""
    entry = await calendar_entry(
        db, settings, session, t, sequence, starts_at, int(data["duration"]), data["method"] == "CANCEL"
    )
    return calendar.invite(entry, settings.base_url, settings.timezone)
