"""Jobs: two SAQ workers on the real Redis send every mail exactly once; with the SMTP server down,
mails are retried with backoff — nothing lost, nothing duplicated."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from companion.db import engine as dbe
from companion.notifications.context import build_services
from companion.notifications.models import Notification
from companion.notifications.runners import InProcessRunner
from tests.conftest import worker_redis_url
from tests.notifications.conftest import FakeClock, Inbox, _Handler, free_port, seed_pairs

# Queue names are unique per test; the app's rate-limit and invite-link stores are not: a database of
# this xdist worker's own keeps them apart from the other worker's tests.
REDIS_URL = worker_redis_url("redis://127.0.0.1:6379/0")
NOW = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


async def _statuses(maker: Any) -> Counter[str]:
    async with maker() as db:
        rows = await db.execute(select(Notification.status, func.count()).group_by(Notification.status))
        return Counter({status: int(n) for status, n in rows.all()})


@pytest.mark.skipif(not _redis_up(), reason="Redis not reachable at 127.0.0.1:6379; SAQ path NOT tested")
async def test_two_saq_workers_send_each_reminder_exactly_once(
    database_url, make_settings, smtp_server
) -> None:
    from litestar_saq import SAQPlugin
    from redis.asyncio import Redis

    from companion.notifications.saq import saq_config

    queue_name = f"companion-test-{uuid.uuid4().hex[:10]}"
    settings = make_settings(
        database_url=database_url,
        redis_url=REDIS_URL,
        queue_name=queue_name,
        smtp_url=smtp_server.url,
        calendar_invites=False,
        reflection_prompts=False,
        nudges=False,
    )
    # 12 pairs, each with a session tomorrow and one in 40 days: 24 reminders are due now.
    ids = await seed_pairs(
        database_url, pairs=12, sessions_at=[NOW + timedelta(days=1), NOW + timedelta(days=40)]
    )
    engine = dbe.make_engine(database_url)
    services = build_services(settings, engine, clock=FakeClock(NOW))
    workers = []
    for name in ("w1", "w2"):  # two workers with their own Redis connections, one queue
        worker = SAQPlugin(config=saq_config(settings, services=services, worker_id=name)).get_workers()[
            queue_name
        ]
        worker.SIGNALS = []
        workers.append(worker)
    tasks = [asyncio.create_task(w.start()) for w in workers]
    try:
        queues = [w.queue for w in workers]
        for queue in queues:  # both workers scan at the same time, twice each
            await queue.enqueue("scan_due")
            await queue.enqueue("scan_due")
        for _ in range(600):
            statuses = await _statuses(services.maker)
            if statuses["sent"] == 24 and not statuses["pending"] and not statuses["sending"]:
                break
            await asyncio.sleep(0.1)
        # Duplicate deliveries of every notification on both queues must not send anything again.
        async with services.maker() as db:
            notification_ids = (await db.scalars(select(Notification.id))).all()
        for queue in queues:
            for nid in notification_ids:
                await queue.enqueue("deliver", notification_id=nid)
        for _ in range(600):
            if sum([await q.count("queued") + await q.count("active") for q in queues]) == 0:
                break
            await asyncio.sleep(0.1)
    finally:
        for worker in workers:
            await worker.stop()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for worker in workers:
            await worker.queue.disconnect()
        redis = Redis.from_url(REDIS_URL)
        keys = [k async for k in redis.scan_iter(match=f"saq:{queue_name}*")]
        keys += [k async for k in redis.scan_iter(match=f"*{queue_name}*")]
        if keys:
            await redis.delete(*keys)
        await redis.aclose()

    statuses = await _statuses(services.maker)
    await engine.dispose()
    assert statuses == Counter({"sent": 24})
    delivered = Counter(
        (m["To"].addresses[0].addr_spec, str(m["Subject"])) for m in smtp_server.inbox.messages
    )
    assert len(smtp_server.inbox.messages) == 24
    assert set(delivered.values()) == {1}  # every reminder exactly once
    assert {to for to, _ in delivered} == {
        f"{r}{n}@example.org" for r in ("junior", "senior") for n in range(12)
    }
    assert len(ids["sessions"]) == 24
    print(
        f"\nexactly-once: 2 SAQ workers, 4 scans + {2 * len(notification_ids)} duplicate deliveries -> "
        f"{len(notification_ids)} notifications, {len(smtp_server.inbox.messages)} mails"
    )


async def test_smtp_down_is_retried_with_backoff_nothing_lost_nothing_duplicated(
    database_url, make_settings
) -> None:
    port = free_port()
    settings = make_settings(
        database_url=database_url,
        smtp_url=f"smtp://127.0.0.1:{port}",
        calendar_invites=False,
        reflection_prompts=False,
        nudges=False,
        mail_max_attempts=6,
    )
    await seed_pairs(database_url, pairs=3, sessions_at=[NOW + timedelta(days=1)])
    engine = dbe.make_engine(database_url)
    clock = FakeClock(NOW)
    runner = InProcessRunner(build_services(settings, engine, clock=clock))

    async def scan() -> dict[str, int]:
        found = await runner.run("scan_due")
        await runner.drain()
        return found

    assert (await scan())["reminder"] == 6
    assert await _statuses(runner.services.maker) == Counter({"pending": 6})  # failed once, waiting
    async with runner.services.maker() as db:
        rows = (await db.scalars(select(Notification))).all()
    assert {(r.attempts, r.last_error is not None) for r in rows} == {(1, True)}
    assert {r.next_attempt_at.replace(tzinfo=UTC) for r in rows} == {NOW + timedelta(minutes=1)}

    clock.advance(seconds=30)  # before the retry time: nobody tries again
    assert (await scan())["ready"] == 0
    clock.advance(minutes=1)  # second attempt, still down: next wait is 4 minutes
    assert (await scan())["ready"] == 6
    async with runner.services.maker() as db:
        rows = (await db.scalars(select(Notification))).all()
    assert {(r.attempts, r.next_attempt_at.replace(tzinfo=UTC)) for r in rows} == {
        (2, NOW + timedelta(seconds=90) + timedelta(minutes=4))
    }

    inbox = Inbox()
    server = Controller(_Handler(inbox), hostname="127.0.0.1", port=port)
    server.start()
    try:
        clock.advance(minutes=5)
        assert (await scan())["ready"] == 6
        clock.advance(hours=1)
        assert (await scan())["ready"] == 0
    finally:
        server.stop()
    await engine.dispose()
    assert await _statuses(runner.services.maker) == Counter({"sent": 6})
    assert len(inbox.messages) == 6
    assert len({str(m["To"]) for m in inbox.messages}) == 6


async def test_a_mail_that_keeps_failing_is_shown_as_failed(database_url, make_settings) -> None:
    from companion.notifications import service

    settings = make_settings(
        database_url=database_url,
        smtp_url=f"smtp://127.0.0.1:{free_port()}",
        calendar_invites=False,
        reflection_prompts=False,
        nudges=False,
        mail_max_attempts=2,
    )
    ids = await seed_pairs(database_url, pairs=1, sessions_at=[NOW + timedelta(days=1)])
    engine = dbe.make_engine(database_url)
    clock = FakeClock(NOW)
    runner = InProcessRunner(build_services(settings, engine, clock=clock))
    await runner.run("scan_due")
    await runner.drain()
    clock.advance(minutes=2)
    await runner.run("scan_due")
    await runner.drain()
    assert await _statuses(runner.services.maker) == Counter({"failed": 2})
    async with runner.services.maker() as db:
        problems = await service.problems(db, ids["programme"])
    await engine.dispose()
    assert sorted((p.kind, p.recipient, p.state, p.attempts) for p in problems) == [
        ("reminder", "Junior 0", "failed", 2),
        ("reminder", "Senior 0", "failed", 2),
    ]


def test_worker_command_needs_redis(monkeypatch, tmp_path) -> None:
    from typer.testing import CliRunner

    from companion.cli import build_cli

    monkeypatch.delenv("COMPANION_REDIS_URL", raising=False)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(build_cli(), ["worker"])
    assert result.exit_code == 2 and "needs COMPANION_REDIS_URL" in result.output


@pytest.mark.skipif(not _redis_up(), reason="Redis not reachable at 127.0.0.1:6379; SAQ path NOT tested")
def test_with_redis_the_service_hands_jobs_to_a_worker(make_app, smtp_server) -> None:
    import time

    from litestar_saq import SAQPlugin
    from redis import Redis

    from companion.notifications.saq import saq_config

    queue_name = f"companion-test-{uuid.uuid4().hex[:10]}"
    app = make_app(smtp_url=smtp_server.url, redis_url=REDIS_URL, queue_name=queue_name)
    worker = SAQPlugin(config=saq_config(app.settings)).get_workers()[queue_name]  # as `companion worker`
    worker.SIGNALS = []
    portal = app.client.blocking_portal
    portal.start_task_soon(worker.start)
    try:
        r = app.client.post(f"/api/participants/{app.ids['junior']}/invitations", headers=app.co)
        assert r.status_code == 202
        for _ in range(300):  # wait for the worker (not a timing assertion)
            if smtp_server.inbox.messages:
                break
            time.sleep(0.1)
    finally:
        portal.call(worker.stop)
        redis = Redis.from_url(REDIS_URL)
        keys = list(redis.scan_iter(match=f"*{queue_name}*"))
        if keys:
            redis.delete(*keys)
        redis.close()
    [mail] = smtp_server.inbox.to("jonas@example.org")
    assert mail["Subject"].startswith("Willkommen bei")
