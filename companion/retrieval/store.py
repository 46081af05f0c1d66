"""Chroma as the store of record for passage vectors: embedded on disk, or a Chroma server."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from companion.retrieval.passages import PassageRecord, card_key
from companion.settings import Settings

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # before chromadb pulls in onnxruntime

COLLECTION_PREFIX = "knowledge"


class StoreError(RuntimeError):
    """The Chroma store cannot be opened or reached."""


def collection_name(embedder_name: str, prefix: str = COLLECTION_PREFIX) -> str:
    """One collection per embedder, so switching models never mixes vector spaces."""
    name = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"{prefix}-{embedder_name}").strip("-._")
    return name[:512]


@dataclass
class StoredPassages:
    """Everything a collection holds, ready for in-memory scoring."""

    records: list[PassageRecord]
    vectors: np.ndarray  # (n, dim) float32, rows aligned with records


class ChromaStore:
    """Thin wrapper over a Chroma client: per-card hashes, upsert, delete, load everything.

    Vectors are always computed by us and passed in; collections are created without an embedding
    function so Chroma never loads (or downloads) a model of its own.
    """

    def __init__(self, client: Any, prefix: str = COLLECTION_PREFIX) -> None:
        self.client = client
        self.prefix = prefix
        self._collections: dict[str, Any] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> ChromaStore:
        """``HttpClient`` when ``chroma_url`` is set, else a ``PersistentClient`` under ``data_dir/chroma``."""
        if settings.chroma_url:
            return cls(http_client(settings.chroma_url))
        return cls(persistent_client(Path(settings.data_dir) / "chroma"))

    def collection(self, embedder_name: str) -> Any:
        """The collection for this embedder (created on first use, cosine space)."""
        if embedder_name not in self._collections:
            self._collections[embedder_name] = self.client.get_or_create_collection(
                collection_name(embedder_name, self.prefix),
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
            )
        return self._collections[embedder_name]

    def card_hashes(self, embedder_name: str) -> dict[str, tuple[str, list[str]]]:
        """Card key -> (stored card hash, ids of its passages)."""
        got = self.collection(embedder_name).get(include=["metadatas"])
        out: dict[str, tuple[str, list[str]]] = {}
        for pid, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
            key = card_key(str(meta["card_id"]), str(meta["lang"]))
            stored_hash, ids = out.get(key, (str(meta.get("hash", "")), []))
            # Passages of one card with differing hashes (an interrupted sync) count as changed.
            if stored_hash != str(meta.get("hash", "")):
                stored_hash = ""
            ids.append(pid)
            out[key] = (stored_hash, ids)
        return out

    def upsert(self, embedder_name: str, records: Sequence[PassageRecord], vectors: np.ndarray) -> None:
        """Add or replace passages with their vectors."""
        if not records:
            return
        self.collection(embedder_name).upsert(
            ids=[r.id for r in records],
            embeddings=np.asarray(vectors, dtype=np.float32),
            documents=[r.text for r in records],
            metadatas=[r.metadata() for r in records],
        )

    def delete(self, embedder_name: str, ids: Sequence[str]) -> None:
        """Remove passages by id."""
        if ids:
            self.collection(embedder_name).delete(ids=list(ids))

    def load(self, embedder_name: str) -> StoredPassages:
        """All passages of the collection with their vectors, sorted by id for a stable order."""
        got = self.collection(embedder_name).get(include=["embeddings", "metadatas", "documents"])
        rows = sorted(
            zip(
                got["ids"],
                got["documents"] or [],
                got["metadatas"] or [],
                range(len(got["ids"])),
                strict=True,
            )
        )
        records = [PassageRecord.from_store(pid, doc or "", dict(meta)) for pid, doc, meta, _ in rows]
        emb = got["embeddings"]
        if emb is None or len(rows) == 0:
            return StoredPassages(records, np.zeros((0, 0), dtype=np.float32))
        matrix = np.asarray(emb, dtype=np.float32)
        return StoredPassages(records, matrix[[i for *_, i in rows]])

    def drop(self, embedder_name: str) -> None:
        """Delete this embedder's collection (a full rebuild follows on the next sync)."""
        name = collection_name(embedder_name, self.prefix)
        self._collections.pop(embedder_name, None)
        if name in {c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()}:
            self.client.delete_collection(name)


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def persistent_client(path: Path) -> Any:
    """An embedded Chroma that keeps its files under ``path``."""
    import chromadb

    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except Exception as exc:  # chroma raises a variety of errors for a broken or locked directory
        raise StoreError(f"cannot open the Chroma index at {path}: {exc}") from exc


def http_client(url: str) -> Any:
    """A client of the Chroma server at ``url`` (http://host:port)."""
    import chromadb

    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise StoreError(f"COMPANION_CHROMA_URL must look like http://host:8000, got {url!r}")
    port = parsed.port or (443 if parsed.scheme == "https" else 8000)
    try:
        return chromadb.HttpClient(
            host=parsed.hostname, port=port, ssl=parsed.scheme == "https", settings=_chroma_settings()
        )
    except Exception as exc:  # connection refused, wrong version, ...
        raise StoreError(f"cannot reach the Chroma server at {url}: {exc}") from exc
