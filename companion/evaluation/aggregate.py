"""Aggregates of one closed survey round — the only form in which survey answers reach a coordinator.

Rules (documented in the README, "Programme evaluation"):

1. **k respondents.** A group (all respondents, juniors, seniors) is shown only when at least ``k``
   people answered that question; below that only ``"< k"`` is shown, never a mean or a distribution.
2. **Sides together or not at all.** Junior and senior figures of a question are shown only when *both*
   sides reach ``k``; otherwise only the figure over everyone. Showing one side and the total would
   let anyone subtract the other side.
3. **Themes, not text.** Free text is never aggregated. Only themes the respondents ticked themselves
   are counted, over everyone, and a theme ticked by fewer than ``k`` people is dropped entirely.
4. **Frozen once.** The result is computed when the round is closed and stored; no later answer,
   edit or deletion changes it, so comparing two exports can never isolate one answer.

5. **No small remainders.** Pre/post change compares, per person who answered both surveys, the mean
   confidence over the topics they rated both times. Those people are a subset of the start and the end
   respondents, whose confidence is published as well; a change row is shown only when it leaves out
   nobody or at least ``k`` people of either, so no subtraction isolates fewer than ``k`` answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from companion.evaluation.questions import CHOICES, QUESTIONS, SCALE_VALUES, SIDES
from companion.insights import anonymise as an

GROUPS = ("all", *SIDES)
# Both sides look the same when merged, whatever their own size: "–" on one and "< k" on the other
# would tell which side is the small one.
MERGED: dict[str, Any] = {"value": None, "shown": "–"}


@dataclass(frozen=True)
class Answer:
    """One stored response as aggregation needs it (no name, no id leaves this module)."""

    respondent: int
    role: str
    answers: dict[str, Any]
    themes: dict[str, Any]


def cell(value: int, k: int) -> dict[str, Any]:
    """A respondent count as shown: the number when it reaches ``k``, else ``"< k"``."""
    return {"value": value if value >= k else None, "shown": str(value) if value >= k else f"< {k}"}


def _sides_shown(counts: dict[str, int], k: int) -> bool:
    return all(counts[side] >= k for side in SIDES)


def _group_rows(values: dict[str, list[Any]], k: int, summarise: Any) -> tuple[list[dict[str, Any]], bool]:
    """One row per group; side rows only when both sides reach ``k`` (rule 2)."""
    counts = {g: len(values[g]) for g in GROUPS}
    by_side = _sides_shown(counts, k)
    rows = []
    for group in GROUPS:
        if group != "all" and not by_side:
            rows.append({"group": group, "n": dict(MERGED), "merged": True})
            continue
        row: dict[str, Any] = {"group": group, "n": cell(counts[group], k), "merged": False}
        if counts[group] >= k:
            row.update(summarise(values[group]))
        rows.append(row)
    return rows, by_side


def _scale_summary(values: list[float]) -> dict[str, Any]:
    # A person's mean over several topics may lie between two points: it counts at the nearest one.
    distribution = {str(v): sum(1 for x in values if int(x + 0.5) == v) for v in SCALE_VALUES}
    return {"mean": round(fmean(values), 1), "distribution": distribution}


def _choice_summary(options: Sequence[str]) -> Any:
    def summarise(values: list[str]) -> dict[str, Any]:
        return {"distribution": {o: sum(1 for v in values if v == o) for o in options}}

    return summarise


def _by_group(items: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {g: [] for g in GROUPS}
    for role, value in items:
        out["all"].append(value)
        if role in SIDES:
            out[role].append(value)
    return out


def mean_confidence(answers: dict[str, Any]) -> float | None:
    """A person's mean confidence over the topics they rated (None when they rated none)."""
    ratings = [v for v in (answers.get("confidence") or {}).values() if isinstance(v, int)]
    return fmean(ratings) if ratings else None


def _published_n(result: dict[str, Any] | None, qid: str) -> dict[str, int | None]:
    """Respondents per group of question ``qid`` as a published result shows them (None: not shown)."""
    question = next((q for q in (result or {}).get("questions", []) if q["id"] == qid), None)
    groups = {g["group"]: g["n"]["value"] for g in (question or {}).get("groups", [])}
    return {g: groups.get(g) for g in GROUPS}


def _change(
    post: Sequence[Answer], pre: Sequence[Answer], k: int, pre_published: dict[str, Any] | None
) -> list[dict[str, Any]]:
    before = {a.respondent: a for a in pre}
    pairs: list[tuple[str, tuple[float, float]]] = []
    for after in post:
        start = before.get(after.respondent)
        if start is None:
            continue
        # Only topics rated both times, so the comparison is like for like.
        common = set(start.answers.get("confidence") or {}) & set(after.answers.get("confidence") or {})
        if not common:
            continue
        a = fmean(start.answers["confidence"][t] for t in common)
        b = fmean(after.answers["confidence"][t] for t in common)
        pairs.append((after.role, (a, b)))

    def summarise(values: list[tuple[float, float]]) -> dict[str, Any]:
        return {
            "pre_mean": round(fmean(a for a, _ in values), 1),
            "post_mean": round(fmean(b for _, b in values), 1),
            "improved": sum(1 for a, b in values if b > a),
            "same": sum(1 for a, b in values if b == a),
            "lower": sum(1 for a, b in values if b < a),
        }

    rows, _ = _group_rows(_by_group(pairs), k, summarise)
    # Rule 5: the paired people are a subset of the start and end respondents, whose confidence is
    # published too. Left-out groups of 1..k-1 people could be recovered by subtraction, so a change
    # row is shown only when it leaves out nobody or at least k people on either side.
    post_n = {
        g: len(v)
        for g, v in _by_group((r.role, 1) for r in post if mean_confidence(r.answers) is not None).items()
    }
    if pre_published is not None:
        pre_n = _published_n(pre_published, "confidence")
    else:  # no published start result to compare with: be as strict as if it were fully shown
        pre_n = {
            g: len(v)
            for g, v in _by_group((r.role, 1) for r in pre if mean_confidence(r.answers) is not None).items()
        }
    kept = []
    for row in rows:
        n, group = row["n"]["value"], row["group"]
        gaps = [] if n is None else [post_n[group] - n]
        if n is not None and pre_n[group] is not None:
            gaps.append(int(pre_n[group] or 0) - n)
        if any(0 < gap < k for gap in gaps):
            row = {"group": group, "n": {"value": None, "shown": f"< {k}"}, "merged": False}
        kept.append(row)
    return _merge_sides_again(kept)


def _merge_sides_again(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """After suppressing a side row, the other side must go too (rule 2)."""
    sides = [r for r in rows if r["group"] != "all"]
    if all(r["n"]["value"] is not None for r in sides):
        return rows
    return [
        r if r["group"] == "all" else {"group": r["group"], "n": dict(MERGED), "merged": True} for r in rows
    ]


def summarise_round(
    kind: str,
    responses: Sequence[Answer],
    k: int,
    invited: dict[str, int],
    *,
    pre: Sequence[Answer] = (),
    pre_published: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The publishable aggregates of a round (JSON-ready); nothing in it stems from fewer than ``k``
    people. ``invited``: participants per side when the round closed; for the end survey, ``pre`` are
    the start answers and ``pre_published`` the start round's published result."""
    k = an.effective_k(k)
    counts = {g: len(v) for g, v in _by_group((r.role, r.respondent) for r in responses).items()}
    sides = _sides_shown(counts, k)
    result: dict[str, Any] = {
        "kind": kind,
        "k": k,
        "invited": {"all": sum(invited.get(s, 0) for s in SIDES), **{s: invited.get(s, 0) for s in SIDES}},
        "respondents": {g: cell(counts[g], k) if g == "all" or sides else dict(MERGED) for g in GROUPS},
        "questions": [],
        "themes": [],
        "change": [],
    }
    for q in QUESTIONS[kind]:
        if q.type == "scale":
            values = _by_group(
                (r.role, r.answers[q.id]) for r in responses if isinstance(r.answers.get(q.id), int)
            )
            rows, _ = _group_rows(values, k, _scale_summary)
        elif q.type == "choice":
            options = [o for o, _ in CHOICES[q.choices or ""]]
            values = _by_group((r.role, r.answers[q.id]) for r in responses if r.answers.get(q.id) in options)
            rows, _ = _group_rows(values, k, _choice_summary(options))
        elif q.type == "topics":
            values = _by_group(
                (r.role, m) for r in responses if (m := mean_confidence(r.answers)) is not None
            )
            rows, _ = _group_rows(values, k, _scale_summary)
        else:  # free text: only ticked themes, counted over everyone (rule 3)
            ticked: dict[str, set[int]] = defaultdict(set)
            for r in responses:
                for theme in r.themes.get(q.id) or []:
                    ticked[str(theme)].add(r.respondent)
            for theme, count in an.shared_by_k(ticked, k):
                result["themes"].append({"question": q.id, "theme": theme, "count": count})
            continue
        result["questions"].append({"id": q.id, "type": q.type, "groups": rows})
    if kind == "post":
        result["change"] = _change(responses, pre, k, pre_published)
    return result


def enforce_k(result: dict[str, Any], k: int) -> dict[str, Any]:
    """A stored result as it may be shown under today's ``k``: a programme that raised its threshold
    after closing sees fewer groups, never more (suppressed values were never stored)."""
    k = an.effective_k(k)
    if k <= int(result.get("k", 0)):
        return result
    hidden = {"value": None, "shown": f"< {k}"}

    def keeps(c: dict[str, Any] | None) -> bool:
        return ((c or {}).get("value") or 0) >= k

    def strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        sides = all(keeps(r.get("n")) for r in rows if r["group"] != "all")  # rule 2 again
        return [
            r
            if keeps(r.get("n")) and (r["group"] == "all" or sides)
            else {
                "group": r["group"],
                "n": hidden if r["group"] == "all" else dict(MERGED),
                "merged": r["group"] != "all",
            }
            for r in rows
        ]

    out = dict(result, k=k)
    respondents = result["respondents"]
    sides = all(keeps(respondents.get(s)) for s in SIDES)
    out["respondents"] = {
        g: c if keeps(c) and (g == "all" or sides) else (hidden if g == "all" else dict(MERGED))
        for g, c in respondents.items()
    }
    out["questions"] = [dict(q, groups=strip(q["groups"])) for q in result["questions"]]
    out["change"] = strip(result.get("change", []))
    out["themes"] = [t for t in result.get("themes", []) if t["count"] >= k]
    return out
