"""Database round trips of one agenda request, counted with SQLAlchemy events: the test fails when a
change adds statements (a new lazy load, a second principal lookup, an extra commit).

Each statement is a round trip through aiosqlite's thread or the PostgreSQL connection; under load
they, not the composer, decided the throughput (issue 13: 13 statements + a 7-statement notification
scan per agenda request before). The budgets below are what the request needs: the principal (one
query), the session with its pair, programme, members and the outline of the pair's sessions (one), and
the new version: on PostgreSQL one INSERT whose CTE raises the session's version counter (the counter
row serialises concurrent writers); on SQLite the write lock (BEGIN IMMEDIATE), the counter and the
INSERT (``companion.sessions.versions``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

from companion.app import create_app
from tests.robustness.conftest import make_pilot

BUDGET = {"sqlite": 5, "postgresql": 3}
COMMITS = 1


@contextmanager
def counting(engine: Engine) -> Iterator[dict[str, list[str]]]:
    """Statements and commits on ``engine`` while the block runs."""
    seen: dict[str, list[str]] = {"statements": [], "commits": []}

    def on_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen["statements"].append(" ".join(statement.split())[:300])

    def on_commit(conn: Any) -> None:
        seen["commits"].append("COMMIT")

    event.listen(engine, "before_cursor_execute", on_execute)
    event.listen(engine, "commit", on_commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        event.remove(engine, "commit", on_commit)


@pytest.fixture
def live(
    make_settings: Any, database_url: str, runtime_factory: Any
) -> Iterator[tuple[TestClient[Any], Any]]:
    # No timed notification scans: their statements would mix with the counted ones. Whether a request
    # asks for a scan is seen at the runner's ``kick``.
    settings = make_settings(database_url=database_url, scan_interval_seconds=0)
    app = create_app(settings, runtime=runtime_factory(settings))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, make_pilot(client, database_url)


def test_one_agenda_request_stays_within_its_query_budget(live: tuple[TestClient[Any], Any]) -> None:
    client, pilot = live
    app = client.app
    engine = app.state.engine.sync_engine
    url = f"/api/sessions/{pilot.ids['session']}/agenda"
    kicks: list[str] = []
    runner = app.state.notifier.runner
    runner.kick = lambda: kicks.append("kick")
    assert client.post(url, headers=pilot.headers("junior")).status_code == 201  # warm caches
    with counting(engine) as seen:
        r = client.post(url, headers=pilot.headers("senior"))
    assert r.status_code == 201, r.text
    assert r.json()["version"] == 2
    listing = "\n".join(seen["statements"])
    budget = BUDGET[engine.dialect.name]
    assert len(seen["statements"]) <= budget, f"{len(seen['statements'])} > {budget}:\n{listing}"
    assert len(seen["commits"]) == COMMITS, listing
    assert kicks == [], "generating an agenda changes no session data: no notification scan"
    # Writing to the session itself still asks for a scan (calendar updates go out at once).
    patch = client.patch(
        f"/api/sessions/{pilot.ids['session']}",
        json={"topic": "topic-remote-work"},
        headers=pilot.headers("junior"),
    )
    assert patch.status_code == 200, patch.text
    assert kicks == ["kick"]


def test_unknown_token_costs_one_query_and_a_401(live: tuple[TestClient[Any], Any]) -> None:
    client, pilot = live
    engine = client.app.state.engine.sync_engine
    with counting(engine) as seen:
        r = client.post(
            f"/api/sessions/{pilot.ids['session']}/agenda",
            headers={"authorization": "Bearer nope-" + "x" * 20},
        )
    assert r.status_code == 401
    assert len(seen["statements"]) == 1, seen["statements"]
