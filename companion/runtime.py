"""Long-lived resources of one app instance: knowledge, retriever and composer, built once on demand."""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Any

import anyio

from companion.settings import Settings

log = logging.getLogger(__name__)


def settle_for_serving() -> None:
    """Once the index is up, tune the process for many small requests.

    - Everything alive after start-up (knowledge, index, models, the app) leaves the garbage
      collector's reach: a full collection otherwise walks those hundreds of thousands of long-lived
      objects every few hundred requests, a pause of 50-100 ms that lands in the latency tail.
    - One BLAS/OpenMP thread: a request multiplies a 512-number query vector with a few hundred
      passage vectors, far too little to share out, and with several workers the thread pools of
      all of them fought over the same cores (PostgreSQL, 2 workers, 1 client: 68 -> 93 req/s)."""
    gc.collect()
    gc.freeze()
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


class Runtime:
    """Holds the expensive, shared parts of the service; built lazily so tests and the CLI pay only
    for what they use. The retriever is built in a worker thread because embedding is CPU-bound."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._retriever: Any = None
        self._composer: Any = None
        self._lock = asyncio.Lock()
        self._indexing: asyncio.Task[Any] | None = None
        self._index: dict[str, Any] = {"state": "not started"}

    async def retriever(self) -> Any:
        """The hybrid retriever over the knowledge base (index synced on first use)."""
        if self._retriever is None:
            async with self._lock:
                if self._retriever is None:
                    self._retriever = await anyio.to_thread.run_sync(self._build)
        return self._retriever

    def _build(self) -> Any:
        from companion.retrieval.indexer import IndexProgress, build_retriever

        def progress(p: IndexProgress) -> None:
            self._index = {"state": "embedding", "embedder": p.embedder, "done": p.done, "total": p.total}

        self._index = {"state": "loading"}
        try:
            retriever = build_retriever(self.settings, progress=progress)
        except Exception as exc:
            self._index = {"state": "failed", "error": type(exc).__name__}
            raise
        self._index = {"state": "ready", "passages": len(retriever.records), "search": retriever.name}
        return retriever

    def start_indexing(self) -> None:
        """Sync the index in the background: the service answers (and /health reports progress) while
        it runs; requests that need the retriever wait for the same build."""

        async def run() -> None:
            try:
                await self.retriever()
            except Exception:  # the next request that needs the index retries and reports the error
                log.exception("building the knowledge index failed")
                return
            settle_for_serving()

        if self._retriever is None and self._indexing is None:
            # Loading from now on: /health must not say "not started" in the moment before the build
            # thread gets going (a start-up check read exactly that once).
            self._index = {"state": "loading"}
            self._indexing = asyncio.create_task(run())

    def index_status(self) -> dict[str, Any]:
        """For /health: not started, loading, embedding (``done`` of ``total`` changed cards for
        ``embedder``), ready or failed."""
        if self._retriever is not None and self._index.get("state") != "ready":
            return {"state": "ready", "passages": len(getattr(self._retriever, "records", ()))}
        return dict(self._index)

    async def composer(self) -> Any:
        """The configured composer: LLM when an endpoint is configured, else offline."""
        if self._composer is None:
            retriever = await self.retriever()
            from companion.generation.composer import build_composer

            self._composer = build_composer(self.settings, retriever.knowledge, retriever)
        return self._composer

    async def aclose(self) -> None:
        """Release network clients (the LLM composer keeps an HTTP connection pool)."""
        if self._indexing is not None and not self._indexing.done():
            self._indexing.cancel()
        closer = getattr(self._composer, "aclose", None)
        if closer is not None:
            await closer()

    def set_composer(self, composer: Any) -> None:
        """Swap the composer (tests and benchmarks inject fakes at the model boundary)."""
        self._composer = composer
