"""Calendar: planned, moved and cancelled sessions mail iCalendar invites (REQUEST/CANCEL, one UID
per session, growing SEQUENCE) to the pair; a private, revocable feed per participant."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from companion.notifications import links
from tests.notifications.conftest import ics_of, member_headers, run_job


def plan(app, when: datetime) -> int:  # type: ignore[no-untyped-def]
    r = app.client.post(
        f"/api/pairs/{app.ids['pair']}/sessions",
        json={"scheduled_at": when.isoformat(), "duration_minutes": 45, "topic": "topic-remote-work"},
        headers=member_headers(app, "junior"),
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_planned_moved_cancelled_session_mails_invites(make_app, smtp_server) -> None:
    app = make_app(smtp_url=smtp_server.url, mail_from="Programmteam <programm@example.org>")
    when = (datetime.now(UTC) + timedelta(days=10)).replace(hour=13, minute=0, second=0, microsecond=0)
    sid = plan(app, when)
    found = run_job(app, "scan_due")
    assert found["calendar"] == 2

    for address in ("jonas@example.org", "helga@example.org"):
        [mail] = smtp_server.inbox.to(address)
        assert mail["Subject"].startswith("Einladung: Reverse-Mentoring-Session am ")
        body = mail.get_body(("plain",)).get_content()
        assert "Thema: Remote" in body and "der Termin für eure 1. Session" in body
        cal = ics_of(mail)
        assert cal["METHOD"] == "REQUEST"
        [event] = cal.walk("VEVENT")
        assert str(event["UID"]) == f"session-{sid}@127.0.0.1" and int(event["SEQUENCE"]) == 0
        assert event.decoded("DTSTART") == when.astimezone(ZoneInfo("Europe/Berlin"))
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
        assert str(event["ORGANIZER"]) == "mailto:programm@example.org"
        assert event["ORGANIZER"].params["CN"] == "Reverse Mentoring Nord"
        assert sorted(str(a) for a in event["ATTENDEE"]) == [
            "mailto:helga@example.org",
            "mailto:jonas@example.org",
        ]
        assert f"http://127.0.0.1:8000/me/sessions/{sid}" in str(event["DESCRIPTION"])
        assert (
            str(event["SUMMARY"]) == "Reverse Mentoring: Tandem Vertrieb (Session 1)"
        )  # a meeting, numbered

    assert run_job(app, "scan_due")["calendar"] == 0  # nothing changed: nothing new
    assert len(smtp_server.inbox.messages) == 2

    moved = when + timedelta(days=1, hours=2)
    r = app.client.patch(
        f"/api/sessions/{sid}",
        json={"scheduled_at": moved.isoformat()},
        headers=member_headers(app, "senior"),
    )
    assert r.status_code == 200
    run_job(app, "scan_due")
    second = smtp_server.inbox.to("jonas@example.org")[1]
    assert second["Subject"].startswith("Neuer Termin: Reverse-Mentoring-Session am ")
    [event] = ics_of(second).walk("VEVENT")
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (f"session-{sid}@127.0.0.1", 1)
    assert event.decoded("DTSTART") == moved.astimezone(ZoneInfo("Europe/Berlin"))

    app.client.patch(
        f"/api/sessions/{sid}", json={"status": "cancelled"}, headers=member_headers(app, "junior")
    )
    run_job(app, "scan_due")
    third = smtp_server.inbox.to("helga@example.org")[2]
    assert third["Subject"].startswith("Abgesagt:")
    cal = ics_of(third)
    assert cal["METHOD"] == "CANCEL"
    [event] = cal.walk("VEVENT")
    assert (str(event["UID"]), int(event["SEQUENCE"]), str(event["STATUS"])) == (
        f"session-{sid}@127.0.0.1",
        2,
        "CANCELLED",
    )
    assert run_job(app, "scan_due")["calendar"] == 0
    assert len(smtp_server.inbox.messages) == 6


def test_calendar_mails_follow_preferences_and_the_zone_setting(make_app, smtp_server) -> None:
    app = make_app(smtp_url=smtp_server.url, timezone="America/New_York")
    token = links.preferences_token(app.settings, app.ids["senior"])
    page = app.client.get(f"/notifications/{token}")
    assert page.status_code == 200 and "Hallo Helga!" in page.text
    r = app.client.post(f"/notifications/{token}", data={"reminder": "on"}, follow_redirects=True)
    assert r.status_code == 200 and "Gespeichert." in r.text
    assert app.client.get("/notifications/1.forged").status_code == 404
    bad = app.client.post(f"/notifications/{token}", data={"calendar": "vielleicht", "reminder": "on"})
    summary = bad.text.split('id="error-summary"')[1].split("</div>")[0]
    assert bad.status_code == 400 and 'href="#mails-calendar"' in summary
    assert "Bitte wähle eine der angebotenen Möglichkeiten." in summary and "Gespeichert." not in bad.text
    assert re.search(r'name="reminder" value="on" id="mails-reminder"\s*checked', bad.text)  # kept

    plan(app, datetime.now(UTC) + timedelta(days=9))
    run_job(app, "scan_due")
    assert smtp_server.inbox.to("helga@example.org") == []  # switched calendar mails off
    [mail] = smtp_server.inbox.to("jonas@example.org")
    [event] = ics_of(mail).walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert mail["List-Unsubscribe"].strip().startswith("<http://127.0.0.1:8000/notifications/")


def test_private_calendar_feed_is_revocable(make_app, smtp_server) -> None:
    from companion.auth import bootstrap

    app = make_app(smtp_url=smtp_server.url)
    sid = plan(app, datetime.now(UTC) + timedelta(days=12))

    async def link(session):  # type: ignore[no-untyped-def]
        return await bootstrap.participant_link(session, app.ids["junior"], app.settings.base_url, 1)

    app.browser_sign_in(bootstrap.run(app.url, link, migrate=False))
    csrf = {"_csrf_token": app.client.cookies.get("csrftoken")}
    assert "Noch kein Kalender-Abo." in app.client.get("/me/notifications").text
    app.client.post("/me/calendar-feed", data=csrf)
    page = app.client.get("/me/notifications").text
    url = page.split('id="feed-url">', 1)[1].split("<", 1)[0]
    path = url.removeprefix("http://127.0.0.1:8000")
    feed = app.client.get(path)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(feed.content)
    assert "METHOD" not in cal
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [f"session-{sid}@127.0.0.1"]

    app.client.post("/me/calendar-feed", data=csrf)  # a new address: the old one stops working
    assert app.client.get(path).status_code == 404
    new_path = app.client.get("/me/notifications").text.split('id="feed-url">', 1)[1].split("<", 1)[0]
    assert app.client.get(new_path.removeprefix("http://127.0.0.1:8000")).status_code == 200
    app.client.post("/me/calendar-feed/revoke", data=csrf)
    assert app.client.get(new_path.removeprefix("http://127.0.0.1:8000")).status_code == 404
    assert app.client.get("/calendar/1.1.0000.ics").status_code == 404


def test_the_running_service_mails_invites_right_after_planning(make_app, smtp_server) -> None:
    """No job is run by hand: the service's own runner scans on start and right after a session
    changes (the timer is an hour here, so only that nudge can have sent the mails)."""
    import time

    app = make_app(smtp_url=smtp_server.url, scan_interval_seconds=3600)
    sid = plan(app, datetime.now(UTC) + timedelta(days=14))
    for _ in range(200):  # wait for the service (not a timing assertion)
        if len(smtp_server.inbox.messages) >= 2:
            break
        time.sleep(0.05)
    app.drain()
    assert sorted(m["To"].addresses[0].addr_spec for m in smtp_server.inbox.messages) == [
        "helga@example.org",
        "jonas@example.org",
    ]
    for mail in smtp_server.inbox.messages:
        [event] = ics_of(mail).walk("VEVENT")
        assert str(event["UID"]) == f"session-{sid}@127.0.0.1"
