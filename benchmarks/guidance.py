"""Guidance benchmark: how far offline agendas are shaped by the pair, and how fast they are composed.

    python benchmarks/guidance.py                    # figures over benchmarks/data/guidance_cases.yaml
    python benchmarks/guidance.py --show NAME [...]  # also print the agendas of these cases
    python benchmarks/guidance.py --keyword-search   # keyword retriever only (no search index needed)

Figures (targets of issue 10 in brackets):

1. goal-variation ratio: per case, the mean difflib ratio of the agenda texts for its goal variants
   (same pair, topic and session; only the goals differ), averaged over the cases [<= 0.60];
2. goal coverage: share of goals that some agenda item takes up (:mod:`evals.guidance_metrics`) [1.0];
3. recurring lines: share of agenda lines (item titles, purposes, prompts) whose text recurs in >= 5
   cases once quoted text and names are blanked [<= 0.15]; the same for preparation, for information;
4. offline compose time p50/p95: the full ``agenda`` call (topic resolution, retrieval, composition) on
   a raw context, with the configured hybrid retriever and with the keyword retriever [<= 20 ms p50].
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from companion.generation.context import ContextBuilder
from companion.generation.keyword import KeywordRetriever
from companion.generation.offline import OfflineComposer
from companion.generation.render import render
from companion.generation.schemas import Agenda, GenerationContext, Participant
from companion.retrieval.knowledge import KnowledgeBase, load_knowledge
from companion.retrieval.types import Retriever
from companion.settings import get_settings
from evals.guidance_metrics import (
    agenda_text,
    mean_pairwise_similarity,
    missing_goals,
    names_of,
    normalised_lines,
    recurring_share,
)

CASES = Path(__file__).parent / "data" / "guidance_cases.yaml"
RECUR_MIN_CASES = 5


def _person(raw: dict[str, Any]) -> dict[str, Any]:
    """A participant as this version of the schema takes it (so the benchmark also runs on older code:
    no ``pronouns`` field there, and free-text fields only as strings)."""
    fields = Participant.model_fields
    person = {k: v for k, v in raw.items() if k in fields}
    for key, value in person.items():
        if isinstance(value, list) and "list" not in str(fields[key].annotation):
            person[key] = ", ".join(value)
    return person


def load_cases() -> list[tuple[str, list[GenerationContext]]]:
    """(name, one context per goal variant) for every case."""
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    cases = []
    for case in data["cases"]:
        base = dict(case["context"])
        for side in ("juniors", "seniors"):
            base[side] = [_person(p) for p in base.get(side, [])]
        variants = [GenerationContext.model_validate({**base, "goals": goals}) for goals in case["goals"]]
        cases.append((case["name"], variants))
    return cases


def composer_for(knowledge: KnowledgeBase, retriever: Retriever) -> OfflineComposer:
    return OfflineComposer(knowledge, ContextBuilder(knowledge, retriever))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def hybrid_retriever(knowledge: KnowledgeBase) -> tuple[Retriever | None, str]:
    try:
        from companion.retrieval.indexer import build_retriever

        retriever = build_retriever(get_settings(), knowledge)
        return retriever, f"hybrid ({getattr(retriever, 'name', get_settings().embedder)})"
    except Exception as exc:  # no index or model files: say so, measure keyword only
        return None, f"hybrid unavailable ({type(exc).__name__}: {exc})"


def quality(composer: OfflineComposer, cases: list[tuple[str, list[GenerationContext]]]) -> dict[str, Any]:
    ratios, covered, total = [], 0, 0
    agenda_lines, prep_lines, missing = [], [], []
    for name, variants in cases:
        agendas: list[Agenda] = [asyncio.run(composer.agenda(ctx)) for ctx in variants]
        ratios.append(mean_pairwise_similarity([agenda_text(a) for a in agendas]))
        for ctx, agenda in zip(variants, agendas, strict=True):
            gone = missing_goals(ctx, agenda)
            total += len(ctx.goals)
            covered += len(ctx.goals) - len(gone)
            missing += [f"{name}: {g}" for g in gone]
        agenda_lines.append(normalised_lines(agendas[0], names_of(variants[0])))
        prep = asyncio.run(composer.preparation(variants[0]))
        prep_lines.append(
            [
                " ".join(line.casefold().split())
                for line in [
                    *prep.junior_questions,
                    *prep.senior_questions,
                    *prep.junior_to_bring,
                    *prep.senior_to_bring,
                ]
            ]
        )
    agenda_share, agenda_stock = recurring_share(agenda_lines, RECUR_MIN_CASES)
    prep_share, prep_stock = recurring_share(prep_lines, RECUR_MIN_CASES)
    return {
        "variation": statistics.mean(ratios),
        "worst_variation": max(zip(ratios, [n for n, _ in cases], strict=True)),
        "coverage": covered / total if total else 1.0,
        "missing": missing,
        "recurring": agenda_share,
        "stock": agenda_stock,
        "prep_recurring": prep_share,
        "prep_stock": prep_stock,
    }


def latency(
    composer: OfflineComposer, cases: list[tuple[str, list[GenerationContext]]]
) -> tuple[float, float]:
    contexts = [v for _, variants in cases for v in variants]
    for ctx in contexts[:5]:  # warm-up (model sessions, caches)
        asyncio.run(composer.agenda(ctx))
    times = []
    for _ in range(3):
        for ctx in contexts:
            start = time.perf_counter()
            asyncio.run(composer.agenda(ctx))
            times.append(time.perf_counter() - start)
    return pct(times, 0.5) * 1000, pct(times, 0.95) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--show", nargs="*", default=[], help="print the agendas of these cases")
    parser.add_argument("--keyword-search", action="store_true", help="keyword retriever only")
    args = parser.parse_args()
    knowledge = load_knowledge(get_settings().knowledge_dir)
    cases = load_cases()
    keyword = composer_for(knowledge, KeywordRetriever(knowledge))
    hybrid, label = (None, "hybrid skipped") if args.keyword_search else hybrid_retriever(knowledge)
    main_composer = composer_for(knowledge, hybrid) if hybrid is not None else keyword
    n_variants = sum(len(v) for _, v in cases)
    print(f"Guidance benchmark: {len(cases)} cases, {n_variants} goal variants; quality with {label}")
    q = quality(main_composer, cases)
    print(f"1. goal-variation ratio (mean difflib, target <= 0.60): {q['variation']:.2f}")
    print(f"   most similar case: {q['worst_variation'][1]} ({q['worst_variation'][0]:.2f})")
    print(f"2. goal coverage (target 1.0): {q['coverage']:.2f}")
    for line in q["missing"][:8]:
        print(f"   not taken up: {line}")
    print(f"3. agenda lines recurring in >= {RECUR_MIN_CASES} cases (target <= 0.15): {q['recurring']:.2f}")
    for line in q["stock"][:6]:
        print(f"   e.g. {line[:110]}")
    print(
        f"   preparation lines recurring in >= {RECUR_MIN_CASES} cases (information): {q['prep_recurring']:.2f}"
    )
    print("4. offline agenda compose time incl. topic resolution and retrieval (target <= 20 ms p50)")
    if hybrid is not None:
        p50, p95 = latency(composer_for(knowledge, hybrid), cases)
        print(f"   {label:<40} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
    p50, p95 = latency(keyword, cases)
    print(f"   {'keyword (no index)':<40} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
    for name in args.show:
        for case_name, variants in cases:
            if case_name == name:
                print(f"\n===== {name} (goals: {variants[0].goals}) =====")
                print(render(asyncio.run(main_composer.agenda(variants[0]))))


if __name__ == "__main__":
    main()
