"""Run retrieval-bound work on the event loop unless a model has to embed something.

Composing an agenda with cached query vectors is a few milliseconds of pure Python. Sending that to a
worker thread costs more than it saves: the thread and the event loop then fight over the GIL (the
switch interval is 5 ms), which stretches every other request's latency. Embedding a new query, on the
other hand, takes tens of milliseconds in a model that releases the GIL, and must not block the loop.
So the work first runs inline with embedding forbidden; if a query vector is missing, the embedder
raises :class:`EmbeddingNeeded` before doing anything, and the whole call is repeated in a thread.
The callers are pure (they only fill caches), so repeating them is safe.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import anyio

P = ParamSpec("P")
T = TypeVar("T")

_INLINE = contextvars.ContextVar("companion_inline_retrieval", default=False)


class EmbeddingNeeded(RuntimeError):
    """Raised by an embedder asked for a new vector while running inline on the event loop."""


def check_may_embed() -> None:
    """Call before running a model: raises :class:`EmbeddingNeeded` when running inline."""
    if _INLINE.get():
        raise EmbeddingNeeded("a query vector must be computed; retry in a worker thread")


async def inline_or_thread(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` on the event loop if it needs no model run, else in a worker thread."""
    token = _INLINE.set(True)
    try:
        return fn(*args, **kwargs)
    except EmbeddingNeeded:
        pass
    finally:
        _INLINE.reset(token)
    return await anyio.to_thread.run_sync(lambda: fn(*args, **kwargs))
