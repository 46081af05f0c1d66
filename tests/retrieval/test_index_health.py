"""The service answers while the index is built in the background, and /health says how far it is."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from litestar.testing import TestClient

from companion import runtime
from companion.app import create_app


def test_health_reports_the_index_until_it_is_ready(
    make_settings, sample_dir: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(database_url=sqlite_url, knowledge_dir=sample_dir, index_on_start=True)
    frozen: list[str] = []
    monkeypatch.setattr(runtime.gc, "freeze", lambda: frozen.append("freeze"))
    thread_limits: list[object] = []
    monkeypatch.setattr(
        "threadpoolctl.threadpool_limits", lambda limits=None, **_: thread_limits.append(limits)
    )
    seen = []
    with TestClient(create_app(settings)) as client:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            body = client.get("/health").json()
            seen.append(body["index"]["state"])
            if seen[-1] in ("ready", "failed"):
                break
            time.sleep(0.05)
        while not frozen and time.monotonic() < deadline:  # "ready" is reported just before the freeze
            time.sleep(0.01)
    assert body["status"] == "ok"
    assert set(seen) <= {"loading", "embedding", "ready"}, seen
    assert body["index"] == {
        "state": "ready",
        "passages": body["index"]["passages"],
        "search": "hash512+bm25",
    }
    assert body["index"]["passages"] > 16  # 8 cards in two languages, several passages each
    # Once the index is up, the start-up objects leave the collector's reach (no full-GC pauses).
    assert frozen == ["freeze"]
    assert thread_limits == [1]  # one BLAS/OpenMP thread per serving process


def test_health_says_when_the_index_was_not_built(make_settings, sqlite_url: str) -> None:
    with TestClient(create_app(make_settings(database_url=sqlite_url))) as client:
        assert client.get("/health").json()["index"] == {"state": "not started"}
