"""Long-lived resources of one app instance: knowledge, retriever and composer, built once on demand."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import anyio

from companion.settings import Settings

log = logging.getLogger(__name__)


class Runtime:
    """Holds the expensive, shared parts of the service; built lazily so tests and the CLI pay only
    for what they use. The retriever is built in a worker thread because embedding is CPU-bound."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._retriever: Any = None
        self._composer: Any = None
        self._lock = asyncio.Lock()

    async def retriever(self) -> Any:
        """The hybrid retriever over the knowledge base (index synced on first use)."""
        if self._retriever is None:
            async with self._lock:
                if self._retriever is None:
                    from companion.retrieval.indexer import build_retriever

                    self._retriever = await anyio.to_thread.run_sync(build_retriever, self.settings)
        return self._retriever

    async def composer(self) -> Any:
        """The configured composer: LLM when an endpoint is configured, else offline."""
        if self._composer is None:
            retriever = await self.retriever()
            from companion.generation.composer import build_composer

            self._composer = build_composer(self.settings, retriever.knowledge, retriever)
        return self._composer

    async def aclose(self) -> None:
        """Release network clients (the LLM composer keeps an HTTP connection pool)."""
        closer = getattr(self._composer, "aclose", None)
        if closer is not None:
            await closer()

    def set_composer(self, composer: Any) -> None:
        """Swap the composer (tests and benchmarks inject fakes at the model boundary)."""
        self._composer = composer
