"""Time-boxing: split a session's minutes over agenda items, deterministically.

Rules (shared by the offline composer and the repair step of the LLM composer):
- the minutes add up exactly to the duration;
- every item gets a multiple of 5 minutes, except that a duration not divisible by 5 gives its
  remainder to the item with the largest share;
- no item gets less than 5 minutes, so a session has at most ``duration // 5`` items
  (:func:`merge_plan` says which items to merge when there are more).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

STEP = 5
MIN_MINUTES = 5


def max_items(duration: int) -> int:
    """How many items fit into ``duration`` minutes at five minutes or more each."""
    return max(1, duration // MIN_MINUTES)


def allocate_minutes(weights: Sequence[float], duration: int) -> list[int]:
    """Minutes per item in proportion to ``weights`` (shares, or a model's minutes to rescale)."""
    n = len(weights)
    if n == 0:
        raise ValueError("nothing to allocate minutes to")
    if n > max_items(duration):
        raise ValueError(f"{n} items do not fit into {duration} minutes at {MIN_MINUTES}+ minutes each")
    units, rest = divmod(duration, STEP)
    alloc = _largest_remainder(weights, units, minimum=1)
    minutes = [a * STEP for a in alloc]
    if rest:
        heaviest = max(range(n), key=lambda i: (weights[i], minutes[i], -i))
        minutes[heaviest] += rest
    return minutes


def _largest_remainder(weights: Sequence[float], units: int, minimum: int) -> list[int]:
    clean = [w if w > 0 else 0.0 for w in weights]
    total = sum(clean) or float(len(clean))
    raw = [(w if sum(clean) else 1.0) / total * units for w in clean]
    alloc = [max(minimum, math.floor(r)) for r in raw]
    while sum(alloc) > units:  # minimums pushed us over: take from the most over-served item
        i = max((i for i in range(len(alloc)) if alloc[i] > minimum), key=lambda i: (alloc[i] - raw[i], i))
        alloc[i] -= 1
    while sum(alloc) < units:  # hand out what is left to the most under-served item, earliest first
        i = max(range(len(alloc)), key=lambda i: (raw[i] - alloc[i], -i))
        alloc[i] += 1
    return alloc


def merge_plan(weights: Sequence[float], limit: int, protected: Collection[int] = ()) -> list[list[int]]:
    """Groups of item indices so that at most ``limit`` groups remain.

    The lightest unprotected item is merged into its predecessor (or successor for the first item)
    until the count fits. Protected items (opening, closing, the non-technical part ...) are merged
    only when nothing else is left.
    """
    groups: list[list[int]] = [[i] for i in range(len(weights))]
    weight = list(weights)

    def group_weight(g: list[int]) -> float:
        return sum(weight[i] for i in g)

    while len(groups) > max(1, limit):
        candidates = [k for k, g in enumerate(groups) if not any(i in protected for i in g)]
        if not candidates:
            candidates = list(range(1, len(groups) - 1)) or list(range(len(groups)))
        k = min(candidates, key=lambda k: (group_weight(groups[k]), -k))
        neighbours = [j for j in (k - 1, k + 1) if 0 <= j < len(groups)]
        free = [j for j in neighbours if not any(i in protected for i in groups[j])]
        # Prefer merging into an unprotected neighbour, the lighter one; else the predecessor.
        target = min(free, key=lambda j: (group_weight(groups[j]), j)) if free else neighbours[0]
        merged = sorted(groups[target] + groups[k])
        groups[min(k, target)] = merged
        del groups[max(k, target)]
    return groups
