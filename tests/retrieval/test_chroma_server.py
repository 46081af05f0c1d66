"""The Chroma server path: a real ``chroma run`` started here, used through ``COMPANION_CHROMA_URL``."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from companion.retrieval.indexer import build_retriever
from companion.retrieval.store import ChromaStore, StoreError, http_client
from companion.settings import get_settings


def _chroma_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "chroma"
    return str(beside_python) if beside_python.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = _chroma_binary()
    if binary is None:
        pytest.skip("the `chroma` CLI is not installed next to this Python; Chroma server path NOT tested")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("wb")
    proc = subprocess.Popen(
        [binary, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"chroma server did not start: {(path / 'server.log').read_text()[-2000:]}"
                )
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.mark.slow
def test_index_and_search_through_a_chroma_server(
    chroma_url: str, tmp_path: Path, sample_dir: Path, cards
) -> None:
    settings = get_settings(data_dir=tmp_path / "data", knowledge_dir=sample_dir, chroma_url=chroma_url)
    first = cards.Counting()
    retriever = build_retriever(settings, embedders=[first])
    activities = len(retriever.activities.records) if retriever.activities else 0
    # The passages, plus the topic cards' activities embedded one by one (their own collection).
    assert first.embedded and len(retriever.records) + activities == len(first.embedded)
    assert not (tmp_path / "data" / "chroma").exists(), "server mode must not create an embedded index"
    top = retriever.search("Homeoffice und Präsenztage", lang="de", k=1)[0]
    assert (top.card_id, top.lang) == ("topic-remote-work", "de")

    # A second client sees the stored vectors: nothing is re-embedded.
    again = cards.Counting()
    reopened = build_retriever(settings, embedders=[again])
    assert again.embedded == []
    assert [r.id for r in reopened.records] == [r.id for r in retriever.records]
    stored = ChromaStore.from_settings(settings).card_hashes(again.name)
    assert len(stored) == 2 * len(cards.sample_ids)


def test_bad_chroma_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="must look like http://host:8000"):
        http_client("localhost:8000")
    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        http_client(f"http://127.0.0.1:{_free_port()}")
