"""Retrieval work runs on the event loop while every query vector is cached and moves to a worker
thread (repeated from the start) as soon as a model would have to embed."""

from __future__ import annotations

import threading

import anyio
import numpy as np

from companion.retrieval.inline import EmbeddingNeeded, check_may_embed, inline_or_thread
from companion.retrieval.search import DenseChannel


class CountingEmbedder:
    name = "counting"

    def __init__(self) -> None:
        self.threads: list[int] = []

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.threads.append(threading.get_ident())
        return np.ones((len(texts), 3), dtype=np.float32)


def test_cached_vectors_stay_on_the_loop_and_new_ones_go_to_a_thread() -> None:
    embedder = CountingEmbedder()
    channel = DenseChannel(embedder=embedder, vectors=np.zeros((2, 3), dtype=np.float32))  # type: ignore[arg-type]
    calls: list[int] = []

    def work(query: str) -> np.ndarray:
        calls.append(threading.get_ident())
        return channel.query_vector(query)

    async def main() -> int:
        loop_thread = threading.get_ident()
        await inline_or_thread(work, "neu")  # not cached: tried inline, then repeated in a thread
        assert calls[0] == loop_thread and calls[1] != loop_thread and len(calls) == 2
        assert embedder.threads == [calls[1]]
        calls.clear()
        await inline_or_thread(work, "neu")  # cached now: once, on the loop, no model run
        assert calls == [loop_thread]
        assert len(embedder.threads) == 1
        return loop_thread

    anyio.run(main)


def test_outside_inline_work_embedding_is_allowed() -> None:
    check_may_embed()  # no error: plain calls (CLI, indexer, threads) may embed

    async def main() -> None:
        def inner() -> None:
            check_may_embed()

        try:
            await inline_or_thread(inner)
        except EmbeddingNeeded:  # pragma: no cover - the thread retry must not see the inline flag
            raise AssertionError("the retry in the worker thread still saw the inline flag") from None

    anyio.run(main)
