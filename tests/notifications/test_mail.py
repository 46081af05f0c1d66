"""Mail core: messages built for people and calendar apps, delivered to a real SMTP server (aiosmtpd),
or written to the outbox; the German catalogue is complete and compiled."""

from __future__ import annotations

import asyncio
import email
import email.policy
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po
from icalendar import Calendar
from typer.testing import CliRunner

from companion.cli import build_cli
from companion.notifications import calendar, compose, cycle
from companion.notifications.i18n import LOCALES_DIR, Texts, translations
from companion.notifications.mailer import (
    MailError,
    OutboxTransport,
    PermanentMailError,
    SmtpTransport,
    build_message,
    parse_smtp_url,
    transport_for,
)

ROOT = Path(__file__).resolve().parents[2]
BERLIN = ZoneInfo("Europe/Berlin")
FACTS = compose.SessionFacts(
    pair="Tandem Geschäftsführung",
    number=3,
    starts_at=datetime(2026, 12, 8, 9, 0, tzinfo=UTC),
    duration=60,
    topic="KI im Arbeitsalltag",
    url="http://127.0.0.1:8000/me/sessions/7",
    programme="Reverse Mentoring 2026",
)
PREFS = "http://127.0.0.1:8000/notifications/5.abc"


def calendar_mail(language: str = "de"):
    t = Texts(language, BERLIN)
    entry = calendar.EventFacts(
        session_id=7,
        sequence=0,
        starts_at=FACTS.starts_at,
        duration=60,
        summary="Reverse Mentoring",
        description=f"Agenda: {FACTS.url}",
        url=FACTS.url,
        organiser=calendar.Person("programm@example.org", "Reverse Mentoring 2026"),
        attendees=(
            calendar.Person("jonas@example.org", "Jonas Demir"),
            calendar.Person("helga@example.org", "Helga Brandt"),
        ),
    )
    ics = calendar.invite(entry, "http://127.0.0.1:8000", "Europe/Berlin")
    content = cycle.calendar(
        t, name="Jonas Demir", facts=FACTS, method="REQUEST", moved=False, preferences_url=PREFS
    )
    mail = compose.to_mail(content, "jonas@example.org", "Jonas Demir")
    mail.calendar = ics
    mail.attachments.append(cycle.ics_attachment(ics, "REQUEST"))
    return mail


async def test_smtp_delivers_headers_both_parts_links_and_attachment(smtp_server) -> None:
    message = build_message(calendar_mail(), "Reverse Mentoring <programm@example.org>")
    await SmtpTransport(smtp_server.url).send(message)

    assert smtp_server.inbox.logins == ["mailer"]  # the credentials of the URL were used
    assert smtp_server.inbox.envelopes == [("programm@example.org", ["jonas@example.org"])]
    [got] = smtp_server.inbox.messages
    assert got["From"] == "Reverse Mentoring <programm@example.org>"
    assert got["To"] == "Jonas Demir <jonas@example.org>"
    assert got["Subject"] == "Einladung: Reverse-Mentoring-Session am 08.12.2026"
    assert got["Message-ID"].endswith("@example.org>")
    assert got["Date"] and got["Auto-Submitted"] == "auto-generated"
    assert got["Content-Language"] == "de"
    assert got["List-Unsubscribe"] == f"<{PREFS}>"

    text = got.get_body(("plain",)).get_content()
    html = got.get_body(("html",)).get_content()
    assert "Hallo Jonas," in text
    assert "Dienstag, 8. Dezember 2026 um 10:00 Uhr" in text  # 09:00 UTC in Berlin (winter time)
    assert FACTS.url in text and PREFS in text
    assert f'href="{FACTS.url}"' in html and f'href="{PREFS}"' in html
    assert "Zur Session" in html and "<p" in html

    parts = {part.get_content_type(): part for part in got.walk()}
    assert parts["text/calendar"].get_param("method") == "REQUEST"
    attachments = list(got.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["invite.ics"]
    cal = Calendar.from_ical(attachments[0].get_content())
    assert cal["METHOD"] == "REQUEST"
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == "session-7@127.0.0.1"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == datetime(2026, 12, 8, 10, 0, tzinfo=BERLIN)
    assert sorted(str(a) for a in event["ATTENDEE"]) == [
        "mailto:helga@example.org",
        "mailto:jonas@example.org",
    ]
    assert str(event["ORGANIZER"]) == "mailto:programm@example.org"


async def test_english_mail_reads_english(smtp_server) -> None:
    await SmtpTransport(smtp_server.url).send(build_message(calendar_mail("en"), "companion <c@example.org>"))
    [got] = smtp_server.inbox.messages
    assert got["Subject"] == "Invitation: reverse mentoring session on Dec 8, 2026"
    text = got.get_body(("plain",)).get_content()
    assert "Hello Jonas," in text and "Session 3 of your pair" in text and "Best wishes" in text


def test_without_smtp_mails_land_in_the_outbox(make_settings, tmp_path) -> None:
    settings = make_settings()
    transport = transport_for(settings)
    assert isinstance(transport, OutboxTransport)
    where = Path(asyncio.run(transport.send(build_message(calendar_mail(), settings.mail_from))))
    assert where.parent == settings.data_dir / "outbox" and where.suffix == ".eml"
    parsed = email.message_from_bytes(where.read_bytes(), policy=email.policy.default)
    assert parsed["Subject"].startswith("Einladung:")
    assert [a.get_filename() for a in parsed.iter_attachments()] == ["invite.ics"]
    assert not list(where.parent.glob("*.part"))


async def test_server_down_is_a_retryable_error(smtp_server) -> None:
    from tests.notifications.conftest import free_port

    message = build_message(calendar_mail(), "companion <c@example.org>")
    with pytest.raises(MailError) as caught:
        await SmtpTransport(f"smtp://127.0.0.1:{free_port()}", timeout=2).send(message)
    assert not isinstance(caught.value, PermanentMailError)


async def test_refused_recipient_is_permanent(smtp_server) -> None:
    mail = calendar_mail()
    mail.to = "refused@example.org"
    with pytest.raises(PermanentMailError):
        await SmtpTransport(smtp_server.url).send(build_message(mail, "companion <c@example.org>"))
    assert smtp_server.inbox.messages == []


def test_smtp_url_forms(make_settings) -> None:
    plain = parse_smtp_url("smtp://user%40corp:p%2Fw@mail.example.org:587")
    assert (plain.hostname, plain.port, plain.username, plain.password, plain.implicit_tls) == (
        "mail.example.org", 587, "user@corp", "p/w", False,
    )  # fmt: skip
    tls = parse_smtp_url("smtps://mail.example.org")
    assert (tls.port, tls.implicit_tls) == (465, True)
    with pytest.raises(ValueError):
        make_settings(smtp_url="http://mail.example.org")
    with pytest.raises(ValueError):
        make_settings(timezone="Mars/Olympus")


def test_mail_test_command(smtp_server, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("COMPANION_SMTP_URL", smtp_server.url)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    result = runner.invoke(build_cli(), ["mail", "test", "hr@example.org", "--language", "en"])
    assert result.exit_code == 0, result.output
    [got] = smtp_server.inbox.to("hr@example.org")
    assert got["Subject"] == "Test mail from companion"

    bad = runner.invoke(build_cli(), ["mail", "test", "not-an-address"])
    assert bad.exit_code == 2 and "valid e-mail" in bad.output

    from tests.notifications.conftest import free_port

    monkeypatch.setenv("COMPANION_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    down = runner.invoke(build_cli(), ["mail", "test", "hr@example.org"])
    assert down.exit_code == 1 and "Sending failed" in down.output


def test_german_catalogue_is_complete_and_compiled(tmp_path) -> None:
    """Every message in the code and templates has a German translation, and the catalogue compiled in
    memory says the same as the .po (run `make i18n` after changing texts)."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "t",
         "-k", "NP_:1c,2", "-k", "NN_:1,2",
         "--no-location", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    extracted = {(m.context, m.id) for m in read_po(pot.open("rb")) if m.id}
    po = read_po((LOCALES_DIR / "de/LC_MESSAGES/messages.po").open("rb"), locale="de")
    translated = {(m.context, m.id): m.string for m in po if m.id and not m.fuzzy}
    assert len(extracted) > 50
    missing = [i for i in extracted if i not in translated or not all(
        translated[i] if isinstance(translated[i], tuple) else [translated[i]]
    )]  # fmt: skip
    assert missing == []
    compiled = translations("de")
    for (context, msgid), msgstr in translated.items():
        if isinstance(msgid, tuple):
            assert compiled.ngettext(msgid[0], msgid[1], 2) == msgstr[1]
        elif context:
            assert compiled.pgettext(context, msgid) == msgstr, msgid
        else:
            assert compiled.gettext(msgid) == msgstr, msgid


def test_greeting_uses_the_first_name_not_a_title() -> None:
    assert [
        compose.first_name(n) for n in ("Dr. Helga Brandt", "Noah Petrović", "Mia", "Prof. Dr. Ute Kern")
    ] == [
        "Helga",
        "Noah",
        "Mia",
        "Ute",
    ]
