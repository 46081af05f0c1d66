"""Summary figures on the realistic German sessions of ``evals/datasets/reflections_de.yaml``.

    python benchmarks/summaries.py                      # compose with the offline composer, print figures
    python benchmarks/summaries.py --outputs OUT.json   # judge summaries made elsewhere ({case: summary})
    python benchmarks/summaries.py --show refl-de-recruiting-werkstudentin   # print one summary

Per session: confidential sentences (marked in the answers, the private note, or listed in the
case) that reach the summary, names of people outside the pair, cut sentences (quotes and list lines
that are not whole sentences), next steps that do not come from a next-step answer, and themes that
are neither the topic card nor ticked.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from companion.generation.schemas import ReflectionSummary
from evals.base import Unit, default_knowledge
from evals.cases import load_datasets
from evals.summary_evaluators import SummaryDiscreet, SummaryThemes, SummaryWholeSentences


def _compose(case: Any) -> ReflectionSummary:
    from companion.generation.summarise import summarise

    kb = default_knowledge()
    ctx = case.inputs.context
    # a summary needs the topic card, not retrieval: the cases name topic card ids
    ctx = ctx.model_copy(update={"topic_id": ctx.topic if ctx.topic in set(kb.topic_ids()) else None})
    return summarise(ctx, kb, "offline")


def figures(case: Any, summary: ReflectionSummary) -> dict[str, int]:
    """Counts of the four kinds of failure the issue names, for one session."""
    kb = default_knowledge()
    unit = Unit(summary, case.inputs.context, case.metadata)
    discreet = SummaryDiscreet(knowledge=kb).check(unit) or []
    whole = SummaryWholeSentences(knowledge=kb).check(unit) or []
    themes = SummaryThemes(knowledge=kb).check(unit) or []
    return {
        "confidential": sum("confidential" in p or "private" in p for p in discreet),
        "third_party": sum("outside the pair" in p for p in discreet),
        "cut": sum("cut sentence" in p or "not a whole sentence" in p for p in whole),
        "steps_total": len(summary.next_steps),
        "steps_not_from_step_answer": sum(p.startswith("next step") and "does not come" in p for p in whole),
        "themes_not_ticked": sum("not ticked" in p for p in themes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--outputs", type=Path, help="JSON {case name: summary} to judge instead of composing"
    )
    parser.add_argument("--show", help="print the summary of one case")
    args = parser.parse_args()
    cases = load_datasets(names=["reflections_de"])[0].cases
    given = json.loads(args.outputs.read_text(encoding="utf-8")) if args.outputs else {}
    totals: dict[str, int] = {}
    print(f"{'session':40} conf third cut steps(bad/all) themes")
    for case in cases:
        summary = ReflectionSummary.model_validate(given[case.name]) if given else _compose(case)
        if args.show == case.name:
            print(summary.model_dump_json(indent=1))
        row = figures(case, summary)
        for key, value in row.items():
            totals[key] = totals.get(key, 0) + value
        print(
            f"{case.name:40} {row['confidential']:4} {row['third_party']:5} {row['cut']:3} "
            f"{row['steps_not_from_step_answer']:5}/{row['steps_total']:<5} {row['themes_not_ticked']:6}"
        )
    print(f"{len(cases)} sessions, totals: {json.dumps(totals)}")


if __name__ == "__main__":
    main()
