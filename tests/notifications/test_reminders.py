"""Reminders before a session, reflection prompts after it and one nudge per stalled pair — on a
moved clock (nothing sleeps). Each kind can be switched off; every such mail links to the choice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker

from companion.db import engine as dbe
from companion.db.models import GeneratedOutput, MentoringSession, Pair, Reflection
from companion.notifications import links
from companion.notifications.context import build_services
from companion.notifications.mailer import Mail
from companion.notifications.models import NotificationPreference
from companion.notifications.runners import InProcessRunner
from companion.notifications.scan import stalled_pair_count
from tests.notifications.conftest import FakeClock, seed_pairs

NOW = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
AGENDA = {
    "items": [{"title": "Ankommen und Erwartungen", "minutes": 10}, {"title": "Ausprobieren", "minutes": 35}]
}
PREP = {
    "junior_questions": ["Welche Werkzeuge nutzt du täglich?"],
    "senior_questions": ["Wo kostet dich Routinearbeit am meisten Zeit?"],
    "junior_to_bring": ["Laptop mit Beispielen"],
    "senior_to_bring": [],
}
PROMPTS = {"junior_prompts": ["Was hat dich überrascht?"], "senior_prompts": ["Was probierst du aus?"]}


class Recorder:
    """A transport that keeps mails (the SMTP path is tested elsewhere)."""

    def __init__(self) -> None:
        self.mails: list[Any] = []

    async def send(self, message: Any) -> str:
        self.mails.append(message)
        return "memory"

    def to(self, address: str) -> list[Any]:
        return [m for m in self.mails if m["To"].addresses[0].addr_spec == address]


async def world(
    url: str, make_settings: Any, *, sessions_at: list[datetime], pairs: int = 2, **settings: Any
):
    ids = await seed_pairs(url, pairs=pairs, sessions_at=sessions_at)
    engine = dbe.make_engine(url)
    clock = FakeClock(NOW)
    recorder = Recorder()
    runner = InProcessRunner(
        build_services(
            make_settings(database_url=url, calendar_invites=False, **settings),
            engine,
            transport=recorder,
            clock=clock,
        )
    )
    return ids, engine, clock, recorder, runner


async def scan(runner: InProcessRunner) -> dict[str, int]:
    found = await runner.run("scan_due")
    await runner.drain()
    return found


def text(mail: Mail) -> str:
    return mail.get_body(("plain",)).get_content()  # type: ignore[attr-defined]


async def test_reminder_before_and_reflection_after_a_session(database_url, make_settings) -> None:
    start = NOW + timedelta(days=5)
    ids, engine, clock, recorder, runner = await world(database_url, make_settings, sessions_at=[start])
    first, _second = ids["sessions"]  # pair 0 has an agenda and preparation, pair 1 has none
    maker = async_sessionmaker(engine, expire_on_commit=False)
    async with maker() as db:
        for kind, payload in (("agenda", AGENDA), ("preparation", PREP), ("reflection-prompts", PROMPTS)):
            db.add(
                GeneratedOutput(
                    session_id=first, kind=kind, version=1, payload=payload, generated_by="offline"
                )
            )
        db.add(NotificationPreference(participant_id=ids["people"][2], reminder=False))  # junior of pair 1
        await db.commit()

    assert (await scan(runner))["reminder"] == 0  # five days ahead: too early
    clock.advance(days=3, hours=1)  # 47 hours before the session
    assert (await scan(runner))["reminder"] == 3
    assert (await scan(runner))["reminder"] == 0  # recorded once

    [junior] = recorder.to("junior0@example.org")
    assert junior["Subject"] == "Bald ist es so weit: eure Session am 06.03.2027"
    body = text(junior)
    assert "Ankommen und Erwartungen (10 Minuten)" in body and "Ausprobieren (35 Minuten)" in body
    assert "Welche Werkzeuge nutzt du täglich?" in body and "Laptop mit Beispielen" in body
    assert "Routinearbeit" not in body  # only the person's own questions
    assert links.preferences_url(runner.services.settings, ids["people"][0]) in body
    [senior] = recorder.to("senior0@example.org")
    assert "Routinearbeit" in text(senior) and "Welche Werkzeuge" not in text(senior)
    [other] = recorder.to("senior1@example.org")
    assert "Für diese Session gibt es noch keine Agenda" in text(other)
    assert recorder.to("junior1@example.org") == []  # switched reminders off

    async with maker() as db:  # the senior of pair 0 has already reflected
        db.add(
            Reflection(
                session_id=first,
                author_role="senior",
                author_id=ids["people"][1],
                answers={"Was nimmst du mit?": "Vertraulich: die Umstrukturierung im Einkauf"},
            )
        )
        await db.commit()
    clock.now = start + timedelta(minutes=59)  # the session (60 minutes) has not ended yet
    assert (await scan(runner))["reflection"] == 0
    clock.advance(minutes=2)
    assert (await scan(runner))["reflection"] == 3
    reflection = recorder.to("junior0@example.org")[-1]
    assert reflection["Subject"] == "Wie war eure Session? Halte fest, was bleibt"
    assert "Was hat dich überrascht?" in text(reflection) and "Was probierst du aus?" not in text(reflection)
    assert "#reflection" in text(reflection)
    # not marked as held yet: the mail says so, because the page asks for it before the reflection opens
    body = text(reflection)
    assert "war für" in body and "geplant. Wenn sie stattgefunden hat" in body and "ist vorbei" not in body
    assert "Markiere sie dafür zuerst auf der Session-Seite als stattgefunden" in body
    assert len(recorder.to("senior0@example.org")) == 1  # reflected already: no prompt
    for mail in recorder.mails:  # what someone wrote never travels by mail, not even to the pair
        assert "Umstrukturierung" not in text(mail) and "Umstrukturierung" not in mail["Subject"]
    clock.advance(days=8)
    assert (await scan(runner))["reflection"] == 0
    await engine.dispose()


async def test_moved_session_gets_a_new_reminder_and_a_cancelled_one_none(
    database_url, make_settings
) -> None:
    start = NOW + timedelta(days=1)
    _ids, engine, clock, recorder, runner = await world(
        database_url, make_settings, sessions_at=[start], pairs=1, nudges=False
    )
    maker = async_sessionmaker(engine, expire_on_commit=False)
    await scan(runner)
    assert len(recorder.mails) == 2
    async with maker() as db:
        await db.execute(
            update(MentoringSession)
            .values(scheduled_at=start + timedelta(hours=3))
            .execution_options(synchronize_session=False)
        )
        await db.commit()
    await scan(runner)
    assert len(recorder.mails) == 4  # the new time is reminded once more
    async with maker() as db:
        await db.execute(
            update(MentoringSession).values(status="cancelled").execution_options(synchronize_session=False)
        )
        await db.commit()
    clock.advance(days=1, hours=5)
    await scan(runner)
    assert len(recorder.mails) == 4  # no reflection prompt for a cancelled session
    await engine.dispose()


async def test_stalled_pairs_get_one_nudge(database_url, make_settings) -> None:
    ids, engine, clock, recorder, runner = await world(database_url, make_settings, sessions_at=[], pairs=3)
    quiet, cancelling, active = ids["pairs"]
    maker = async_sessionmaker(engine, expire_on_commit=False)
    async with maker() as db:
        await db.execute(update(Pair).values(created_at=NOW - timedelta(days=90)))
        for number, days in ((1, 20), (2, 5)):
            db.add(
                MentoringSession(
                    pair_id=cancelling,
                    number=number,
                    status="cancelled",
                    scheduled_at=NOW - timedelta(days=days),
                )
            )
        db.add(
            MentoringSession(pair_id=active, number=1, scheduled_at=NOW - timedelta(days=10), status="held")
        )
        db.add(NotificationPreference(participant_id=ids["people"][3], nudge=False))  # senior of "cancelling"
        await db.commit()
        assert await stalled_pair_count(db, ids["programme"], NOW, 30) == 2

    assert (await scan(runner))["nudge"] == 3
    assert (await scan(runner))["nudge"] == 0
    clock.advance(days=10)
    assert (await scan(runner))["nudge"] == 0  # once per stall, not every scan
    nudged = sorted(m["To"].addresses[0].addr_spec for m in recorder.mails)
    assert nudged == ["junior0@example.org", "junior1@example.org", "senior0@example.org"]
    [quiet_mail] = recorder.to("junior0@example.org")
    assert quiet_mail["Subject"] == "Lust auf eure nächste Session?"
    assert "ihr habt euch im Tandem 0 eine Weile nicht getroffen" in text(quiet_mail)
    assert "freiwillig: Passt es gerade nicht, ist das in Ordnung" in text(quiet_mail)
    assert f"/me#plan-{quiet}" in text(quiet_mail)  # the button opens the pair's planning form
    [cancel_mail] = recorder.to("junior1@example.org")
    assert "eure letzten beiden Sessions" in text(cancel_mail)
    assert quiet_mail["List-Unsubscribe"]

    clock.advance(days=30)  # the active pair has now stalled too: its nudge follows
    assert (await scan(runner))["nudge"] == 2
    async with maker() as db:  # the quiet pair plans again: no longer stalled
        db.add(MentoringSession(pair_id=quiet, number=1, scheduled_at=clock.now + timedelta(days=7)))
        await db.commit()
        assert await stalled_pair_count(db, ids["programme"], clock.now, 30) == 2
    await engine.dispose()


async def test_each_kind_has_a_global_switch(database_url, make_settings) -> None:
    _ids, engine, clock, recorder, runner = await world(
        database_url,
        make_settings,
        sessions_at=[NOW + timedelta(hours=5)],
        pairs=1,
        reminders=False,
        reflection_prompts=False,
        nudges=False,
    )
    found = await scan(runner)
    clock.advance(days=40)
    found.update(await scan(runner))
    assert "reminder" not in found and "reflection" not in found and "nudge" not in found
    assert recorder.mails == []
    await engine.dispose()


async def test_an_unnamed_pair_is_named_by_its_members_not_by_the_programme(
    database_url, make_settings
) -> None:
    _ids, engine, clock, recorder, runner = await world(
        database_url, make_settings, sessions_at=[NOW + timedelta(days=2)], pairs=1
    )
    maker = async_sessionmaker(engine, expire_on_commit=False)
    async with maker() as db:
        await db.execute(update(Pair).values(name=None))
        await db.commit()
    clock.advance(hours=1)
    assert (await scan(runner))["reminder"] == 2
    body = text(recorder.to("junior0@example.org")[0])
    assert "im Tandem „Junior 0 & Senior 0“" in body, body
    assert "Programm Süd“" not in body
    await engine.dispose()
