"""``companion serve --workers 2`` as a real command: the parent migrates once, two worker processes
serve the same port, and requests that write through one worker are read through the other."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from companion.auth import bootstrap
from tests.conftest import PG_REASON, TEST_SECRET, _fresh_pg
from tests.robustness.live import free_port


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (from /proc, Linux)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def module_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database at the newest revision once per backend for this module (see ``two_workers``)."""
    if request.param == "sqlite":
        target = tmp_path_factory.mktemp("workers-db") / "companion.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        yield f"sqlite+aiosqlite:///{target}"
    else:
        if not request.getfixturevalue("pg_available"):
            pytest.skip(PG_REASON)
        yield from _fresh_pg(request.getfixturevalue("pg_template"))


# Module-scoped: starting the three processes takes 8-13 s, and neither test changes what the other
# checks (the first writes programmes and reads them back, the second looks at the listening sockets).
@pytest.fixture(scope="module")
def two_workers(
    tmp_path_factory: pytest.TempPathFactory, module_database_url: str
) -> Iterator[tuple[str, str, subprocess.Popen[str]]]:
    port = free_port()
    env = {
        **os.environ,
        "COMPANION_ENV": "test",
        "COMPANION_SECRET_KEY": TEST_SECRET,
        "COMPANION_DATA_DIR": str(tmp_path_factory.mktemp("workers-data")),
        "COMPANION_DATABASE_URL": module_database_url,
        "COMPANION_EMBEDDER": "hash",
        "COMPANION_INDEX_ON_START": "false",
        "COMPANION_SCAN_INTERVAL_SECONDS": "0",
        "COMPANION_LLM_BASE_URL": "",
        "OPENAI_BASE_URL": "",
        "OPENAI_API_KEY": "",
    }
    cmd = [sys.executable, "-m", "companion", "serve", "--workers", "2", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else "server exited"
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "two workers did not answer within 120 s"
            time.sleep(0.3)
        yield base, module_database_url, proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_two_workers_share_one_port_and_one_database(two_workers: tuple[str, str, Any]) -> None:
    base, url, proc = two_workers
    workers = _children(proc.pid)
    # uvicorn's supervisor may also run a resource tracker child; the workers are the ones serving.
    assert len(workers) >= 2, f"expected two worker processes, found {workers}"

    async def token(session: Any) -> str:
        cid = await bootstrap.ensure_coordinator(session, "Wanda Worker", "wanda@example.org")
        return await bootstrap.api_token(session, coordinator_id=cid)

    headers = {"authorization": f"Bearer {bootstrap.run(url, token, migrate=False)}"}
    with httpx.Client(base_url=base, timeout=30) as client:
        created = [
            client.post("/api/programmes", json={"name": f"Programm {i}"}, headers=headers) for i in range(12)
        ]
        assert [r.status_code for r in created] == [201] * 12
    for _ in range(10):  # new connections each time: they are spread over both workers
        with httpx.Client(base_url=base, timeout=30) as client:
            listing = client.get("/api/programmes", params={"limit": 50}, headers=headers)
            assert listing.status_code == 200
            assert {p["name"] for p in listing.json()["items"]} >= {f"Programm {i}" for i in range(12)}
    assert proc.poll() is None


def test_each_worker_listens_on_its_own_reuseport_socket(two_workers: tuple[str, str, Any]) -> None:
    """The kernel spreads new connections over the workers' own sockets; with one shared socket a
    burst of connections could all land on whichever worker was waiting in accept() (issue 13).
    Two listening sockets on one port can only exist with SO_REUSEPORT."""
    import re

    if shutil.which("ss") is None:
        pytest.skip("ss (iproute2) is not installed")
    base, _, proc = two_workers
    port = base.rsplit(":", 1)[1]
    out = subprocess.run(
        ["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=True
    ).stdout
    pids = [int(p) for p in re.findall(r"pid=(\d+)", out)]
    workers = set(_children(proc.pid))
    assert len(out.strip().splitlines()) == 2, out  # two listening sockets on the port
    assert len(pids) == 2 and len(set(pids)) == 2, out  # each in one process
    assert set(pids) <= workers, (pids, workers)  # the workers', not one shared from the parent
