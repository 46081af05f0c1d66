"""Fixtures for the knowledge and retrieval tests: card writers, small knowledge bases, hash retrievers."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from companion.retrieval.embeddings import HashEmbedder
from companion.retrieval.indexer import build_retriever
from companion.retrieval.knowledge import SECTIONS, KnowledgeBase, load_knowledge
from companion.retrieval.search import HybridRetriever
from companion.retrieval.store import ChromaStore, persistent_client
from companion.settings import REPO_ROOT, Settings, get_settings

KNOWLEDGE = REPO_ROOT / "knowledge"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
SEED = "003_55dda6d317e9cd25.txt"

# A handful of real cards for small, fast indexes (both languages are copied).
SAMPLE_IDS = (
    "topic-remote-work",
    "topic-feedback-culture",
    "topic-ai-automation",
    "topic-inclusive-language",
    "pitfall-no-time",
    "challenge-chemistry",
    "pattern-first-session",
    "principle-confidentiality",
)


class CountingEmbedder(HashEmbedder):
    """A hash embedder that records every passage it is asked to embed (a real subclass, not a mock)."""

    def __init__(self, dim: int = 512) -> None:
        super().__init__(dim)
        self.embedded: list[str] = []

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return super().embed_passages(texts)


def card_text(
    card_id: str,
    lang: str = "de",
    kind: str = "topic",
    *,
    category: str | None = "work",
    title: str | None = None,
    body: dict[str, str] | None = None,
    drop_field: str | None = None,
    headings: list[str] | None = None,
) -> str:
    """Markdown of a valid card (or an invalid one, via ``drop_field`` / ``headings``)."""
    fields: dict[str, str] = {
        "id": card_id,
        "lang": lang,
        "kind": kind,
        "title": title or f"Titel {card_id}",
        "summary": f"Worum es in {card_id} geht.",
        "tags": "[test]",
        "sources": f"[{SEED}]",
    }
    if kind == "topic" and category:
        fields["category"] = category
    if drop_field:
        fields.pop(drop_field)
    lines = ["---", *(f"{k}: {v}" for k, v in fields.items())]
    if kind == "session-pattern":
        lines += [
            "steps:",
            "  - {title: Start, share: 50, lead: both, purpose: Ankommen.}",
            "  - {title: Ende, share: 50, lead: junior, purpose: Nächsten Schritt vereinbaren.}",
        ]
    lines.append("---")
    spec = SECTIONS.get(kind, SECTIONS["topic"])
    names = headings or [de if lang == "de" else en for _, de, en in spec]
    keys = [k for k, _, _ in spec]
    for i, heading in enumerate(names):
        key = keys[i] if i < len(keys) else f"extra{i}"
        lines += ["", f"## {heading}", "", (body or {}).get(key, f"- Punkt zu {heading}.")]
    return "\n".join(lines) + "\n"


def write_card(root: Path, card_id: str, lang: str = "de", **kwargs: object) -> Path:
    """Write one card file under ``root/<lang>/<card_id>.md``."""
    path = root / lang / f"{card_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(card_text(card_id, lang, **kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return path


def copy_cards(dest: Path, ids: Sequence[str] = SAMPLE_IDS) -> Path:
    """Copy real cards (both languages) into ``dest`` and return it."""
    for lang in ("de", "en"):
        (dest / lang).mkdir(parents=True, exist_ok=True)
        for card_id in ids:
            shutil.copy(KNOWLEDGE / lang / f"{card_id}.md", dest / lang / f"{card_id}.md")
    return dest


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    """The whole real knowledge base, loaded once."""
    return load_knowledge(KNOWLEDGE, seeds_dir=SEEDS if SEEDS.is_dir() else None)


@pytest.fixture(scope="session")
def full_retriever(tmp_path_factory: pytest.TempPathFactory, knowledge: KnowledgeBase) -> HybridRetriever:
    """A hash-embedder retriever over the whole knowledge base (indexed once per test session)."""
    data = tmp_path_factory.mktemp("full-index")
    store = ChromaStore(persistent_client(data / "chroma"))
    settings = get_settings(data_dir=data, embedder="hash")
    return build_retriever(settings, knowledge, embedders=[HashEmbedder()], store=store)


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A writable copy of a few real cards in both languages."""
    return copy_cards(tmp_path / "knowledge")


@pytest.fixture
def sample_settings(tmp_path: Path, sample_dir: Path) -> Settings:
    """Settings pointing at the sample cards and a fresh data directory, hash embedder."""
    return get_settings(data_dir=tmp_path / "data", knowledge_dir=sample_dir, embedder="hash")


class CardTools:
    """Card helpers handed to tests as a fixture (test modules cannot import this conftest)."""

    text = staticmethod(card_text)
    write = staticmethod(write_card)
    copy = staticmethod(copy_cards)
    Counting = CountingEmbedder
    sample_ids = SAMPLE_IDS
    knowledge_dir = KNOWLEDGE


@pytest.fixture
def cards() -> type[CardTools]:
    """Helpers to write, copy and embed cards."""
    return CardTools
