"""Demo data: a German programme at a fictional Mittelstand company, created idempotently."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from companion.db import engine as db
from companion.db.models import MentoringSession, Pair, PairMember, Participant, Programme, Reflection
from companion.demo_reflections import REFLECTIONS, SHARED_THEME
from companion.settings import Settings

DEMO_NAME = "Reverse Mentoring 2026 – Brandt Antriebstechnik GmbH"

PEOPLE = [
    # key, name, role, department, manager key, expertise, interests
    (
        "gf",
        "Dr. Helga Brandt",
        "senior",
        "Geschäftsführung",
        None,
        ["Strategie", "Vertrieb"],
        ["KI", "Social Media"],
    ),
    (
        "vl",
        "Thomas Keller",
        "senior",
        "Vertrieb",
        "gf",
        ["Key Accounts"],
        ["Social Media", "Employer Branding"],
    ),
    (
        "pl",
        "Sabine Ott",
        "senior",
        "Produktion",
        "gf",
        ["Lean", "Schichtplanung"],
        ["Remote Work", "Feedback"],
    ),
    ("lea", "Lea Hoffmann", "junior", "Marketing", "vl", ["Social Media", "Content"], ["Strategie"]),
    ("jonas", "Jonas Demir", "junior", "IT", None, ["KI-Assistenten", "Automatisierung"], ["Führung"]),
    ("mia", "Mia Schulte", "junior", "Personal", None, ["Onboarding", "Inklusive Sprache"], ["Verhandlung"]),
    ("ben", "Ben Wagner", "junior", "Entwicklung", None, ["Developer Experience"], ["Kundenkontakt"]),
    ("noah", "Noah Petrović", "junior", "Logistik", "pl", ["Mobile Apps"], ["Projektleitung"]),
]

PAIRS = [
    # name, format, juniors, seniors, goals, topics of sessions
    (
        "Tandem Geschäftsführung",
        "one-to-one",
        ["jonas"],
        ["gf"],
        [
            "KI-Werkzeuge im Arbeitsalltag verstehen und ausprobieren",
            "Was Berufseinsteiger:innen heute erwarten",
        ],
        ["topic-ai-automation", "topic-young-talent-expectations", "topic-feedback-culture"],
    ),
    (
        "Runde Produktion & Personal",
        "group",
        ["mia", "ben", "noah"],
        ["pl"],
        ["Onboarding in der Produktion verbessern", "Feedback-Kultur zwischen Schichten und Büro"],
        ["topic-onboarding", "topic-feedback-culture"],
    ),
    (
        "Projekt Social Recruiting",
        "project",
        ["lea"],
        ["gf"],
        ["Eine Karriereseite und LinkedIn-Auftritt gemeinsam überarbeiten"],
        ["topic-social-media", "topic-storytelling"],
    ),
]


async def seed_demo(settings: Settings) -> str:
    """Create the demo programme unless it exists; return a short human-readable summary."""
    engine = db.make_engine(settings.resolved_database_url)
    try:
        await db.upgrade(engine)
        maker = async_sessionmaker(engine, expire_on_commit=False)
        async with maker() as session:
            existing = await session.scalar(select(Programme).where(Programme.name == DEMO_NAME))
            if existing is not None:
                summary = f"Demo programme already present (id {existing.id}); nothing changed."
                programme = existing
            else:
                programme = await _create(session)
                summary = (
                    f"Created demo programme '{DEMO_NAME}' (id {programme.id}) with "
                    f"{len(PEOPLE)} participants and {len(PAIRS)} pairs."
                )
            await _link_demo_coordinator(session, programme.id)
            if settings.smtp_url is None:
                summary += (
                    f"\nNo SMTP server configured: mails (calendar invites, reminders …) are written to "
                    f"{settings.data_dir / 'outbox'}/ once the service runs."
                )
            return summary + "\n" + await demo_sign_in_links(session, settings, programme.id)
    finally:
        await engine.dispose()


async def _create(session: AsyncSession) -> Programme:
    programme = Programme(
        name=DEMO_NAME,
        language="de",
        goals=[
            "Digitale Kompetenzen in die Führung tragen",
            "Erwartungen der jungen Generation verstehen",
            "Hierarchien abbauen und voneinander lernen",
        ],
        format="one-to-one",
        cadence="monatlich",
        duration_months=6,
        start_date=date(2026, 9, 1),
        k_threshold=3,
    )
    session.add(programme)
    await session.flush()
    people: dict[str, Participant] = {}
    for key, name, role, dept, manager, expertise, interests in PEOPLE:
        person = Participant(
            programme_id=programme.id,
            display_name=name,
            email=f"{key}@brandt-antriebe.example",
            role=role,
            department=dept,
            manager_id=people[manager].id if manager else None,
            expertise=expertise,
            interests=interests,
        )
        session.add(person)
        await session.flush()
        people[key] = person
    start = datetime(2026, 9, 15, 9, 0, tzinfo=UTC)
    # Each pair's next session lies ahead of today, so a fresh demo has upcoming sessions (and mails
    # their calendar invites to the outbox) whenever it is loaded.
    upcoming = datetime.combine(date.today() + timedelta(days=7), time(9, 0), tzinfo=UTC)
    for index, (name, fmt, juniors, seniors, goals, topics) in enumerate(PAIRS):
        pair = Pair(programme_id=programme.id, name=name, format=fmt, goals=goals)
        pair.members = [PairMember(participant_id=people[j].id, role="junior") for j in juniors] + [
            PairMember(participant_id=people[s].id, role="senior") for s in seniors
        ]
        session.add(pair)
        await session.flush()
        for number, topic in enumerate(topics, start=1):
            held = number < len(topics)
            when = start + timedelta(days=30 * (number - 1) + index)
            if not held:
                when = max(when, upcoming + timedelta(days=index))
            mentoring = MentoringSession(
                pair_id=pair.id,
                number=number,
                scheduled_at=when,
                duration_minutes=60 if fmt != "group" else 90,
                topic=topic,
                status="held" if held else "planned",
            )
            session.add(mentoring)
            await session.flush()
            if held and number == 1:
                session.add_all(_reflections(mentoring.id, topic, REFLECTIONS[index], people))
    await session.commit()
    return programme


def _reflections(
    session_id: int, topic: str, written: list[tuple[str, dict[str, str]]], people: dict[str, Participant]
) -> list[Reflection]:
    """The first session's reflections of one demo pair, filed by slot and shared, as the reflection
    form leaves them."""
    now = datetime.now(UTC)
    return [
        Reflection(
            session_id=session_id,
            author_role=people[key].role,
            author_id=people[key].id,
            answers={},
            slots=dict(slots),
            themes=[topic, SHARED_THEME],
            shared_at=now,
        )
        for key, slots in written
    ]


DEMO_COORDINATOR = ("Katrin Vogel (HR)", "hr@brandt-antriebe.example")


async def _link_demo_coordinator(session: AsyncSession, programme_id: int) -> None:
    """The demo coordinator coordinates the demo programme (idempotent)."""
    from companion.auth import bootstrap
    from companion.programmes import coordination

    cid = await bootstrap.ensure_coordinator(session, *DEMO_COORDINATOR)
    await coordination.link(session, programme_id, cid)


async def demo_sign_in_links(session: AsyncSession, settings: Settings, programme_id: int) -> str:
    """Fresh single-use sign-in links for the demo coordinator and every demo participant."""
    from companion.auth import bootstrap

    ttl = settings.invite_ttl_hours
    cid = await bootstrap.ensure_coordinator(session, *DEMO_COORDINATOR)
    lines = [
        f"Sign-in links (single use, valid {ttl} h; run 'companion demo' again for new ones):",
        f"  Coordinator  {DEMO_COORDINATOR[0]:<24} {await bootstrap.coordinator_link(session, cid, settings.base_url, ttl)}",
    ]
    people = (
        await session.scalars(
            select(Participant).where(Participant.programme_id == programme_id).order_by(Participant.id)
        )
    ).all()
    for person in people:
        link = await bootstrap.participant_link(session, person.id, settings.base_url, ttl)
        lines.append(f"  {person.role.capitalize():<12} {person.display_name:<24} {link}")
    return "\n".join(lines)
