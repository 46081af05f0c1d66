"""A real SMTP server (aiosmtpd) on a free local port, and a database with a small programme."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Inbox:
    """What the test SMTP server received."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


class _Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address.startswith("refused@"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.inbox.lock:
            self.inbox.messages.append(message)  # type: ignore[arg-type]
            self.inbox.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


@dataclass
class SmtpServer:
    host: str
    port: int
    inbox: Inbox

    @property
    def url(self) -> str:
        return f"smtp://mailer:s3cret@{self.host}:{self.port}"


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """An aiosmtpd server that accepts a login (mailer / s3cret), keeps every message and refuses
    the mailbox ``refused@…`` with 550."""
    inbox = Inbox()

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.login == b"mailer" and data.password == b"s3cret"
        if ok:
            inbox.logins.append(data.login.decode())
        return AuthResult(success=ok)

    port = free_port()
    controller = Controller(
        _Handler(inbox),
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticate,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, inbox)
    finally:
        controller.stop()


# --- an app with one programme, a pair and a coordinator ------------------------------------------

import re  # noqa: E402

from litestar.testing import TestClient  # noqa: E402

from companion.app import create_app  # noqa: E402
from companion.auth import bootstrap  # noqa: E402
from companion.runtime import Runtime  # noqa: E402


@pytest.fixture(scope="session")
def notify_retriever(hash_retriever: Any) -> Any:
    """The session's hash-embedder index (tests/conftest.py)."""
    return hash_retriever


@dataclass
class App:
    client: TestClient[Any]
    url: str
    settings: Any
    ids: dict[str, int] = field(default_factory=dict)
    token: str = ""

    @property
    def co(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}", "accept": "application/json"}

    def drain(self) -> None:
        """Wait until every job the app's runner was given has finished."""
        runner = self.client.app.state.notifier.runner
        self.client.blocking_portal.call(runner.drain)

    def csrf(self) -> str:
        page = self.client.get("/signin")
        return re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]

    def browser_sign_in(self, link: str) -> None:
        path = "/" + link.split("/", 3)[3]
        page = self.client.get(path)
        token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = self.client.post(path, data={"_csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303, r.text


def build_programme(app: App, **programme: Any) -> None:
    async def coordinator(session: Any) -> str:
        cid = await bootstrap.ensure_coordinator(session, "Katrin Vogel", "hr@example.org")
        app.ids["coordinator"] = cid
        return await bootstrap.api_token(session, coordinator_id=cid)

    app.token = bootstrap.run(app.url, coordinator, migrate=False)
    body = {"name": "Reverse Mentoring Nord", "k_threshold": 3, **programme}
    r = app.client.post("/api/programmes", json=body, headers=app.co)
    assert r.status_code == 201, r.text
    app.ids["programme"] = r.json()["id"]
    for key, name, role, email_address in [
        ("junior", "Jonas Demir", "junior", "jonas@example.org"),
        ("senior", "Helga Brandt", "senior", "helga@example.org"),
        ("noemail", "Sam Ohnemail", "junior", None),
    ]:
        r = app.client.post(
            f"/api/programmes/{app.ids['programme']}/participants",
            json={"display_name": name, "role": role, "email": email_address},
            headers=app.co,
        )
        assert r.status_code == 201, r.text
        app.ids[key] = r.json()["id"]
    r = app.client.post(
        f"/api/programmes/{app.ids['programme']}/pairs",
        json={
            "name": "Tandem Vertrieb",
            "junior_ids": [app.ids["junior"]],
            "senior_ids": [app.ids["senior"]],
        },
        headers=app.co,
    )
    assert r.status_code == 201, r.text
    app.ids["pair"] = r.json()["id"]


@pytest.fixture
def make_app(make_settings, notify_retriever, database_url):
    """An app on SQLite and PostgreSQL with the given settings; no timer scans (tests run jobs)."""
    made: list[TestClient[Any]] = []

    def factory(**overrides: Any) -> App:
        overrides.setdefault("scan_interval_seconds", 0)
        settings = make_settings(database_url=database_url, **overrides)
        runtime = Runtime(settings)
        runtime._retriever = notify_retriever
        client = TestClient(create_app(settings, runtime=runtime), base_url="http://127.0.0.1:8000")
        client.__enter__()
        made.append(client)
        app = App(client, database_url, settings)
        build_programme(app)
        return app

    yield factory
    for client in made:
        client.__exit__(None, None, None)


def links_in(message: EmailMessage) -> list[str]:
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    return re.findall(r"http://127\.0\.0\.1:8000/auth/invite/[A-Za-z0-9_-]+", text)


def member_headers(app: App, key: str) -> dict[str, str]:
    """Bearer headers of a pair member (``junior`` or ``senior``)."""

    async def token(session: Any) -> str:
        return await bootstrap.api_token(session, participant_id=app.ids[key])

    return {
        "authorization": f"Bearer {bootstrap.run(app.url, token, migrate=False)}",
        "accept": "application/json",
    }


def run_job(app: App, job: str, **kwargs: Any) -> Any:
    """Run a job on the app's runner and wait for everything it enqueued."""
    runner = app.client.app.state.notifier.runner
    result = app.client.blocking_portal.call(lambda: runner.run(job, **kwargs))
    app.drain()
    return result


def ics_of(message: EmailMessage) -> Any:
    from icalendar import Calendar

    [attachment] = list(message.iter_attachments())
    return Calendar.from_ical(attachment.get_content())


class FakeClock:
    """A clock tests move by hand (nothing sleeps)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


async def seed_pairs(
    url: str, *, pairs: int, sessions_at: list[datetime], start: Any = None
) -> dict[str, Any]:
    """A programme with ``pairs`` pairs (junior + senior, all with addresses) and one planned session per
    pair at each of ``sessions_at``; returns the ids."""
    from sqlalchemy.ext.asyncio import async_sessionmaker

    from companion.db import engine as dbe
    from companion.db.models import MentoringSession, Pair, PairMember, Participant, Programme

    engine = dbe.make_engine(url)
    await dbe.upgrade(engine)
    ids: dict[str, Any] = {"pairs": [], "sessions": [], "people": []}
    async with async_sessionmaker(engine, expire_on_commit=False)() as db:
        programme = Programme(name="Programm Süd", language="de", start_date=start, duration_months=12)
        db.add(programme)
        await db.flush()
        ids["programme"] = programme.id
        for n in range(pairs):
            people = []
            for role in ("junior", "senior"):
                person = Participant(
                    programme_id=programme.id,
                    display_name=f"{role.title()} {n}",
                    role=role,
                    email=f"{role}{n}@example.org",
                )
                db.add(person)
                people.append(person)
            await db.flush()
            pair = Pair(programme_id=programme.id, name=f"Tandem {n}", format="one-to-one")
            pair.members = [
                PairMember(participant_id=people[0].id, role="junior"),
                PairMember(participant_id=people[1].id, role="senior"),
            ]
            db.add(pair)
            await db.flush()
            ids["pairs"].append(pair.id)
            ids["people"] += [p.id for p in people]
            for number, when in enumerate(sessions_at, start=1):
                session = MentoringSession(
                    pair_id=pair.id, number=number, scheduled_at=when, duration_minutes=60
                )
                db.add(session)
                await db.flush()
                ids["sessions"].append(session.id)
        await db.commit()
    await engine.dispose()
    return ids
