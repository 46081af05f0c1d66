"""Invites by e-mail: API, page and CLI send the sign-in link; re-send; the coordinator sees sent,
opened and used (and failures), never content."""

from __future__ import annotations

from typer.testing import CliRunner

from tests.notifications.conftest import free_port, links_in


def test_invite_by_api_is_mailed_opened_used_and_resent(make_app, smtp_server) -> None:
    app = make_app(smtp_url=smtp_server.url, mail_from="Reverse Mentoring <programm@example.org>")
    pid, programme = app.ids["junior"], app.ids["programme"]

    r = app.client.post(f"/api/participants/{pid}/invitations", headers=app.co)
    assert r.status_code == 202, r.text
    assert r.json()["email"] == "jonas@example.org"
    app.drain()

    [mail] = smtp_server.inbox.to("jonas@example.org")
    assert mail["Subject"] == "Willkommen bei „Reverse Mentoring Nord“ – dein Anmeldelink"
    assert "Katrin Vogel hat dich zum Reverse-Mentoring-Programm" in mail.get_body(("plain",)).get_content()
    [link] = links_in(mail)
    assert f'href="{link}"' in mail.get_body(("html",)).get_content()

    def state() -> str:
        rows = app.client.get(f"/api/programmes/{programme}/invitations", headers=app.co).json()
        return next(row["state"] for row in rows if row["participant_id"] == pid)

    assert state() == "sent"
    path = "/" + link.split("/", 3)[3]
    assert app.client.get(path).status_code == 200
    assert state() == "opened"
    app.browser_sign_in(link)
    assert state() == "used"

    # Re-send: a second mail with a new, different link; the list follows the newest one.
    assert app.client.post(f"/api/participants/{pid}/invitations", headers=app.co).status_code == 202
    app.drain()
    mails = smtp_server.inbox.to("jonas@example.org")
    assert len(mails) == 2 and links_in(mails[1]) != [link]
    rows = app.client.get(f"/api/programmes/{programme}/invitations", headers=app.co).json()
    jonas = next(row for row in rows if row["participant_id"] == pid)
    assert jonas["state"] == "sent" and jonas["mails"] == 2
    assert next(row for row in rows if row["participant_id"] == app.ids["senior"])["state"] == "never"


def test_invite_refusals(make_app, smtp_server) -> None:
    app = make_app(smtp_url=smtp_server.url)
    r = app.client.post(f"/api/participants/{app.ids['noemail']}/invitations", headers=app.co)
    assert r.status_code == 422 and "no e-mail address" in r.json()["detail"]
    assert app.client.post("/api/participants/999999/invitations", headers=app.co).status_code == 404
    assert app.client.post(f"/api/participants/{app.ids['junior']}/invitations").status_code == 401
    assert smtp_server.inbox.messages == []


def test_failed_invite_is_shown_and_its_link_voided(make_app) -> None:
    app = make_app(smtp_url=f"smtp://127.0.0.1:{free_port()}")  # nobody listens there
    pid, programme = app.ids["senior"], app.ids["programme"]
    app.client.post(f"/api/participants/{pid}/invitations", headers=app.co)
    app.drain()
    rows = app.client.get(f"/api/programmes/{programme}/invitations", headers=app.co).json()
    helga = next(row for row in rows if row["participant_id"] == pid)
    assert helga["state"] == "retrying" and helga["error"]
    [problem] = app.client.get(f"/api/programmes/{programme}/mail-problems", headers=app.co).json()
    assert (problem["kind"], problem["recipient"], problem["state"], problem["attempts"]) == (
        "invite",
        "Helga Brandt",
        "retrying",
        1,
    )


def test_invitations_page_sends_and_shows_state(make_app, smtp_server) -> None:
    from companion.auth import bootstrap

    app = make_app(smtp_url=smtp_server.url)

    async def link(session):  # type: ignore[no-untyped-def]
        return await bootstrap.coordinator_link(session, app.ids["coordinator"], app.settings.base_url, 1)

    app.browser_sign_in(bootstrap.run(app.url, link, migrate=False))
    page = app.client.get(f"/coordinator/programmes/{app.ids['programme']}/invitations")
    assert page.status_code == 200 and "Einladungen und Mails" in page.text
    assert "noch nicht eingeladen" in page.text and "Keine E-Mail-Adresse" in page.text
    csrf = app.client.cookies.get("csrftoken")
    r = app.client.post(
        f"/coordinator/programmes/{app.ids['programme']}/invitations/{app.ids['senior']}",
        data={"_csrf_token": csrf},
    )
    assert r.status_code == 200 and "Die Einladung an Helga Brandt ist unterwegs." in r.text
    app.drain()
    assert len(smtp_server.inbox.to("helga@example.org")) == 1
    page = app.client.get(f"/coordinator/programmes/{app.ids['programme']}/invitations")
    assert f'data-participant="{app.ids["senior"]}" data-state="sent"' in page.text
    refused = app.client.post(
        f"/coordinator/programmes/{app.ids['programme']}/invitations/{app.ids['noemail']}",
        data={"_csrf_token": csrf},
    )
    assert refused.status_code == 422 and "hat noch keine E-Mail-Adresse" in refused.text


def test_invite_command(make_app, smtp_server, monkeypatch) -> None:
    from companion.cli import build_cli

    app = make_app()
    monkeypatch.setenv("COMPANION_DATABASE_URL", app.url)
    monkeypatch.setenv("COMPANION_SMTP_URL", smtp_server.url)
    monkeypatch.setenv("COMPANION_SECRET_KEY", "x" * 40)
    runner = CliRunner()
    sent = runner.invoke(build_cli(), ["invite", "send", "--participant-id", str(app.ids["junior"])])
    assert sent.exit_code == 0, sent.output
    assert "Invitation sent to jonas@example.org" in sent.output
    assert len(links_in(smtp_server.inbox.to("jonas@example.org")[0])) == 1
    status = runner.invoke(build_cli(), ["invite", "status", "--programme", str(app.ids["programme"])])
    assert status.exit_code == 0 and "jonas@example.org" in status.output and "sent" in status.output
    missing = runner.invoke(build_cli(), ["invite", "send", "--participant-id", str(app.ids["noemail"])])
    assert missing.exit_code == 1 and "no e-mail address" in missing.output


def test_insights_page_counts_stalled_pairs_without_naming_them(make_app) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from companion.auth import bootstrap
    from companion.db.models import Pair

    app = make_app()

    async def age(session):  # type: ignore[no-untyped-def]
        await session.execute(update(Pair).values(created_at=datetime.now(UTC) - timedelta(days=40)))
        await session.commit()
        return await bootstrap.coordinator_link(session, app.ids["coordinator"], app.settings.base_url, 1)

    app.browser_sign_in(bootstrap.run(app.url, age, migrate=False))
    page = app.client.get(f"/coordinator/programmes/{app.ids['programme']}/insights")
    assert page.status_code == 200
    stalled = page.text.split('id="stalled">', 1)[1].split("</p>", 1)[0]
    assert "<strong>1</strong>" in stalled and "seit 30 Tagen" in stalled
    assert "Tandem Vertrieb" not in page.text  # the count only, never which pair


def test_the_invite_mail_names_the_members_own_pair_or_group(make_app, smtp_server) -> None:
    """Jonas is in the one-to-one "Tandem Vertrieb"; Ada goes into a group of four; Tom is in no pair."""
    app = make_app(smtp_url=smtp_server.url)
    ids = {}
    for name, role in (
        ("Ada", "junior"),
        ("Ole", "junior"),
        ("Ida", "junior"),
        ("Rita", "senior"),
        ("Tom", "junior"),
    ):
        r = app.client.post(
            f"/api/programmes/{app.ids['programme']}/participants",
            json={"display_name": f"{name} Test", "role": role, "email": f"{name.lower()}@example.org"},
            headers=app.co,
        )
        assert r.status_code == 201, r.text
        ids[name] = r.json()["id"]
    group = {
        "format": "group",
        "junior_ids": [ids["Ada"], ids["Ole"], ids["Ida"]],
        "senior_ids": [ids["Rita"]],
    }
    r = app.client.post(f"/api/programmes/{app.ids['programme']}/pairs", json=group, headers=app.co)
    assert r.status_code == 201, r.text
    for pid in (ids["Ada"], app.ids["junior"], ids["Tom"]):
        assert app.client.post(f"/api/participants/{pid}/invitations", headers=app.co).status_code == 202
    app.drain()

    def body(address: str) -> str:
        [mail] = smtp_server.inbox.to(address)
        return mail.get_body(("plain",)).get_content() + mail.get_body(("html",)).get_content()

    ada, jonas, tom = body("ada@example.org"), body("jonas@example.org"), body("tom@example.org")
    assert "Dort findest du deine Gruppe, eure Sessions" in ada and "Tandem" not in ada
    assert "Dort findest du dein Tandem, eure Sessions" in jonas and "Gruppe" not in jonas
    assert "Dort findest du dein Tandem oder deine Gruppe, eure Sessions" in tom
