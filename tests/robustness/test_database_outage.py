"""A database that goes away, for real: PostgreSQL behind a TCP proxy that is stopped and started. The
service starts without it (migrations wait and retry, with a log line), answers 503 problems with
Retry-After on every route (pages: an HTML message), says whether submitted data was stored, reports
503 on /health, and recovers by itself when the database is back."""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx
import pytest

from companion.auth import bootstrap
from tests.conftest import PG_HOST, PG_PORT
from tests.robustness.live import TcpProxy, free_port, live_server

pytestmark = pytest.mark.postgres


def _wait_until(check: Any, what: str, limit: float = 60.0) -> None:
    # A bounded wait for the service to notice (the migration retry sleeps 1, 2, 4 … s); not a timing assertion.
    deadline = time.monotonic() + limit
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.2)


def _outage(r: httpx.Response, *, stored: bool | None = False) -> None:
    assert r.status_code == 503, r.text[:300]
    assert r.headers["retry-after"].isdigit()
    if r.headers["content-type"].startswith("application/problem+json"):
        body = r.json()
        assert body["status"] == 503 and body["detail"]
        if stored is not None:
            assert body["stored"] is stored
            if r.request.method == "POST":
                assert ("NOT stored" in body["detail"]) is (not stored)
            else:
                assert "nothing was changed" in body["detail"]


def test_database_down_at_start_and_later_gives_503_and_recovers(
    make_settings: Any, postgres_url: str, build_app: Any
) -> None:
    lines: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("companion.db.engine").addHandler(handler)
    port = free_port()
    proxy = TcpProxy(port, (PG_HOST, PG_PORT))
    via_proxy = postgres_url.replace(f"{PG_HOST}:{PG_PORT}", f"127.0.0.1:{port}")
    settings = make_settings(database_url=via_proxy)
    with live_server(build_app(settings)) as base, httpx.Client(base_url=base, timeout=30) as client:
        # 1. started while the database is away: it serves, with 503s, and keeps retrying migrations
        assert any("database not reachable" in line and "retrying" in line for line in lines)
        health = client.get("/health")
        assert health.status_code == 503 and health.json()["status"] == "unavailable"
        bogus = {"authorization": "Bearer " + "x" * 43, "accept": "application/json"}
        _outage(client.get("/api/programmes", headers=bogus), stored=False)
        _outage(client.post("/api/programmes", json={"name": "Lost?"}, headers=bogus), stored=False)
        page = client.get("/me", headers={"accept": "text/html", "cookie": "companion_session=" + "y" * 43})
        assert page.status_code == 503 and "Datenbank" in page.text and page.headers["retry-after"]

        # 2. the database comes back: migrations run, the service answers without a restart
        proxy.start()
        _wait_until(
            lambda: client.get("/health").status_code == 200, "health 200 after the database came back"
        )

        async def coordinator(session: Any) -> str:
            cid = await bootstrap.ensure_coordinator(session, "Olaf Outage", "olaf@example.org")
            return await bootstrap.api_token(session, coordinator_id=cid)

        token = bootstrap.run(via_proxy, coordinator, migrate=False)
        co = {"authorization": f"Bearer {token}", "accept": "application/json"}
        assert client.post("/api/programmes", json={"name": "Vorher"}, headers=co).status_code == 201

        # 3. the database goes away while the service runs
        proxy.stop()
        r = client.post("/api/programmes", json={"name": "Während"}, headers=co)
        _outage(r, stored=False)
        _outage(client.get("/api/programmes", headers=co), stored=False)
        _outage(client.get("/api/programmes/1", headers=co), stored=False)
        assert client.get("/health").status_code == 503

        # 4. and comes back: the pool replaces dead connections by itself
        proxy.start()
        _wait_until(lambda: client.get("/health").status_code == 200, "health 200 after the second outage")
        listed = client.get("/api/programmes", headers=co)
        assert listed.status_code == 200
        assert [p["name"] for p in listed.json()["items"]] == ["Vorher"], "the refused POST stored nothing"
    proxy.stop()
    logging.getLogger("companion.db.engine").removeHandler(handler)
