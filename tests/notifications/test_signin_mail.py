"""Self-service sign-in: a single-use link by mail for known addresses, the same answer for unknown
ones, limits per address and per IP; browser sessions slide up to the programme's end."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update

from companion.auth import bootstrap
from companion.auth.models import AuthToken
from tests.notifications.conftest import links_in


def ask(app, address: str, csrf: str | None = None):  # type: ignore[no-untyped-def]
    return app.client.post("/signin", data={"email": address, "_csrf_token": csrf or app.csrf()})


def answer_text(html: str) -> str:
    """The page without its per-request CSRF token."""
    return re.sub(r'value="[^"]*"', "", html)


def test_known_and_unknown_addresses_get_the_same_answer(make_app, smtp_server) -> None:
    app = make_app(smtp_url=smtp_server.url)
    known = ask(app, "Jonas@Example.org")
    unknown = ask(app, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert answer_text(known.text) == answer_text(unknown.text)
    assert "ist der Anmeldelink unterwegs" in known.text
    app.drain()
    assert [str(m["To"]) for m in smtp_server.inbox.messages] == ["Jonas Demir <jonas@example.org>"]
    [mail] = smtp_server.inbox.messages
    assert mail["Subject"] == "Dein Anmeldelink für „Reverse Mentoring Nord“"
    [link] = links_in(mail)
    app.browser_sign_in(link)
    me = app.client.get("/me")
    assert me.status_code == 200
    assert "von dir auf der Anmeldeseite angefordert (per Mail)" in me.text  # the access panel shows it
    again = app.client.post(
        "/" + link.split("/", 3)[3], data={"_csrf_token": app.client.cookies.get("csrftoken")}
    )
    assert again.status_code == 400  # single use


def test_coordinator_signs_in_by_mail(make_app, smtp_server) -> None:
    app = make_app(smtp_url=smtp_server.url)
    ask(app, "hr@example.org")
    app.drain()
    [mail] = smtp_server.inbox.to("hr@example.org")
    app.browser_sign_in(links_in(mail)[0])
    assert app.client.get("/coordinator").status_code == 200


def test_limits_per_address_and_per_ip(make_app, smtp_server) -> None:
    app = make_app(smtp_url=smtp_server.url, signin_limit_per_address=2, signin_limit_per_ip=4)
    csrf = app.csrf()
    answers = [ask(app, "helga@example.org", csrf).status_code for _ in range(3)]
    assert answers == [200, 200, 200]  # the third is answered alike but not sent
    app.drain()
    assert len(smtp_server.inbox.to("helga@example.org")) == 2
    assert ask(app, "other@example.org", csrf).status_code == 200
    blocked = ask(app, "jonas@example.org", csrf)
    assert blocked.status_code == 429 and "Zu viele Anfragen" in blocked.text
    app.drain()
    assert smtp_server.inbox.to("jonas@example.org") == []


def test_bad_address_is_a_400_with_a_message(make_app) -> None:
    app = make_app()
    r = ask(app, "not an address")
    assert r.status_code == 400
    summary = r.text.split('id="error-summary"')[1].split("</div>")[0]  # German, at the top, linked
    assert "E-Mail-Adresse: Das ist keine E-Mail-Adresse." in summary and 'href="#signin-email"' in summary
    assert 'id="signin-email" aria-invalid="true"' in r.text and 'value="not an address"' in r.text


def test_a_sign_in_request_is_answered_by_a_redirect(make_app) -> None:
    """Post/redirect/get: a reload of the answer page asks for nothing again."""
    app = make_app()
    r = app.client.post(
        "/signin", data={"email": "nobody@example.org", "_csrf_token": app.csrf()}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/signin?sent=1"
    assert "ist der Anmeldelink unterwegs" in app.client.get("/signin?sent=1").text


def test_browser_session_slides_up_to_the_programme_end(make_app, smtp_server) -> None:
    app = make_app(smtp_url=smtp_server.url)
    end = date.today() + timedelta(days=5)
    start = date(
        end.year - 1 if end.month <= 6 else end.year,
        (end.month - 7) % 12 + 1,
        end.day if end.day <= 28 else 28,
    )
    r = app.client.patch(
        f"/api/programmes/{app.ids['programme']}",
        json={"start_date": start.isoformat(), "duration_months": 6},
        headers=app.co,
    )
    assert r.status_code == 200, r.text

    async def link(session):  # type: ignore[no-untyped-def]
        return await bootstrap.participant_link(session, app.ids["junior"], app.settings.base_url, 1)

    app.browser_sign_in(bootstrap.run(app.url, link, migrate=False))

    async def shorten(session):  # type: ignore[no-untyped-def]
        soon = datetime.now(UTC) + timedelta(hours=2)
        await session.execute(update(AuthToken).where(AuthToken.kind == "session").values(expires_at=soon))
        await session.commit()

    bootstrap.run(app.url, shorten, migrate=False)
    r = app.client.get("/me")
    assert r.status_code == 200
    cookie = r.headers.get("set-cookie", "")
    assert "companion_session=" in cookie and "Max-Age=" in cookie

    async def expiry(session):  # type: ignore[no-untyped-def]
        return await session.scalar(select(AuthToken.expires_at).where(AuthToken.kind == "session"))

    renewed = bootstrap.run(app.url, expiry, migrate=False)
    renewed = renewed if renewed.tzinfo else renewed.replace(tzinfo=UTC)
    programme_end = datetime(
        start.year + (start.month + 5) // 12, (start.month + 5) % 12 + 1, start.day, tzinfo=UTC
    )
    assert renewed == programme_end  # capped: 14 days from now would be later
    # A second request right away changes nothing (renewals are written at most hourly).
    assert "companion_session=" not in app.client.get("/me").headers.get("set-cookie", "")
