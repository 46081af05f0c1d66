"""A real server (uvicorn in a background thread, free loopback port, fresh SQLite) and real Chromium
(Debian's /usr/bin/chromium via Playwright). Skipped with a reason when either is unavailable; run
scripts/install-browser.sh (``make test`` does) to install Chromium."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    import uvicorn

    from companion.app import create_app
    from companion.settings import Settings

    port = _free_port()
    data = tmp_path_factory.mktemp("e2e")
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        env="test",
        secret_key="e2e-secret-" + "x" * 32,
        data_dir=data,
        embedder="hash",
        index_on_start=False,
        llm_base_url=None,
        llm_api_key=None,
        base_url=f"http://127.0.0.1:{port}",
        generation_rate_limit=200,
    )
    app = create_app(settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    else:
        raise RuntimeError("e2e server did not start")
    try:
        yield {"base": base, "settings": settings, "url": settings.resolved_database_url}
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium missing; run scripts/install-browser.sh")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()
