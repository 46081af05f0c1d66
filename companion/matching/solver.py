"""The global assignment: juniors to seniors (one-to-one) or into groups, over a fit matrix, under hard
rules. Pure functions on plain data, so the property test and the benchmark call them directly.

One-to-one: SciPy's ``linear_sum_assignment`` (Hungarian method, exact) on a junior × senior-slot cost
matrix; a senior who may take ``N`` juniors appears as ``N`` columns, each further copy a little dearer
so that juniors spread over seniors before anyone gets a second one. Forbidden combinations cost
``FORBIDDEN``: the optimum first uses as few of them as possible (it maximises the number of juniors
with an allowed partner) and then maximises fit; any forbidden one left is dropped (that junior stays
unmatched, with the reason). Groups: a mixed-integer programme (``scipy.optimize.milp``, HiGHS) —
one senior with 3–4 juniors per group, no conflict between any two members, departments spread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse import lil_matrix

FORBIDDEN = 1e6
LOAD_STEP = 0.02  # extra cost of a senior's second, third … junior: spread before doubling up
GROUP_MIN, GROUP_MAX = 3, 4
DEPARTMENT_CROWDING = 0.15  # group penalty for each further junior of a department already in it


@dataclass(frozen=True)
class Person:
    """What matching knows about a participant."""

    id: int
    name: str
    role: str
    department: str | None = None
    manager_id: int | None = None
    expertise: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    availability: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()
    rather_not: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Rules:
    """The hard rules of one run."""

    max_juniors_per_senior: int = 1
    avoid_same_department: bool = False
    rejected: frozenset[tuple[int, int]] = frozenset()  # (junior id, senior id) a coordinator rejected
    load: dict[int, int] = field(default_factory=dict)  # juniors a senior already has in pairs


def _same_department(a: Person, b: Person) -> bool:
    return bool(a.department and b.department and a.department.casefold() == b.department.casefold())


def conflict(a: Person, b: Person, rules: Rules) -> str | None:
    """Why ``a`` and ``b`` must not be in one pair or group (a rule code), or None."""
    if a.manager_id == b.id or b.manager_id == a.id:
        return "reporting_line"
    if b.id in a.rather_not or a.id in b.rather_not:
        return "rather_not"
    if a.role != b.role:
        junior, senior = (a, b) if a.role == "junior" else (b, a)
        if (junior.id, senior.id) in rules.rejected:
            return "rejected"
        if rules.avoid_same_department and _same_department(a, b):
            return "same_department"
    return None


def group_conflicts(members: Sequence[Person], rules: Rules) -> list[str]:
    """Every rule a set of members breaks (empty when the composition is allowed)."""
    found = []
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if (code := conflict(a, b, rules)) is not None:
                found.append(code)
    return found


@dataclass(frozen=True)
class Assignment:
    """One suggested pair or group: indices into the junior and senior lists, and its fit."""

    juniors: tuple[int, ...]
    senior: int
    score: float


@dataclass(frozen=True)
class Solution:
    assignments: list[Assignment]
    unmatched_juniors: list[int]
    unmatched_seniors: list[int]


def allowed_matrix(juniors: Sequence[Person], seniors: Sequence[Person], rules: Rules) -> np.ndarray:
    """Boolean J × S matrix: may junior j be with senior s at all?"""
    ok = np.ones((len(juniors), len(seniors)), dtype=bool)
    for j, junior in enumerate(juniors):
        for s, senior in enumerate(seniors):
            ok[j, s] = conflict(junior, senior, rules) is None
    return ok


def solve_one_to_one(
    juniors: Sequence[Person], seniors: Sequence[Person], fit: np.ndarray, rules: Rules
) -> Solution:
    """Best complete assignment of juniors to senior slots (see the module docstring)."""
    allowed = allowed_matrix(juniors, seniors, rules)
    columns: list[int] = []
    extra: list[float] = []
    for s, senior in enumerate(seniors):
        free = max(0, rules.max_juniors_per_senior - rules.load.get(senior.id, 0))
        for copy in range(free):
            columns.append(s)
            extra.append(LOAD_STEP * (copy + rules.load.get(senior.id, 0)))
    if not juniors or not columns:
        return Solution([], list(range(len(juniors))), list(range(len(seniors))))
    cols = np.asarray(columns)
    cost = -fit[:, cols] + np.asarray(extra)[None, :]
    cost = np.where(allowed[:, cols], cost, FORBIDDEN)
    rows, picked = linear_sum_assignment(cost)
    assignments = []
    matched: set[int] = set()
    used: set[int] = set()
    for j, c in zip(rows.tolist(), picked.tolist(), strict=True):
        s = int(cols[c])
        if allowed[j, s]:
            assignments.append(Assignment((j,), s, float(fit[j, s])))
            matched.add(j)
            used.add(s)
    assignments.sort(key=lambda a: a.juniors)
    return Solution(
        assignments,
        [j for j in range(len(juniors)) if j not in matched],
        [s for s in range(len(seniors)) if s not in used],
    )


def solve_groups(
    juniors: Sequence[Person],
    seniors: Sequence[Person],
    fit: np.ndarray,
    rules: Rules,
    *,
    time_limit: float = 20.0,
) -> Solution:
    """Groups of one senior with 3–4 juniors (at most ``max_juniors_per_senior`` when that is 3 or 4),
    maximising first the number of placed juniors and then fit, with departments spread in each group.
    Seniors who already belong to a pair are left out by the caller."""
    n_j, n_s = len(juniors), len(seniors)
    if n_j < GROUP_MIN or n_s == 0:
        return Solution([], list(range(n_j)), list(range(n_s)))
    cap = min(GROUP_MAX, max(GROUP_MIN, rules.max_juniors_per_senior))
    allowed = allowed_matrix(juniors, seniors, rules)
    pairs = [(j, s) for j in range(n_j) for s in range(n_s) if allowed[j, s]]
    index = {p: k for k, p in enumerate(pairs)}
    n_x = len(pairs)
    depts = sorted({(j.department or "").casefold() for j in juniors if j.department})
    crowd = [(d, s) for d in depts for s in range(n_s)]
    n_vars = n_x + n_s + len(crowd)  # x[j,s], y[s] (senior leads a group), z[d,s] (crowding)
    place = 10.0  # placing a junior outweighs any difference in fit (fit lies in [-1, 1])
    c = np.zeros(n_vars)
    for k, (j, s) in enumerate(pairs):
        c[k] = -(place + fit[j, s])
    c[n_x + n_s :] = DEPARTMENT_CROWDING
    rows: list[tuple[dict[int, float], float, float]] = []
    for j in range(n_j):  # each junior in at most one group
        rows.append(({index[(j, s)]: 1.0 for s in range(n_s) if (j, s) in index}, -np.inf, 1.0))
    for s in range(n_s):  # GROUP_MIN·y ≤ size ≤ cap·y
        members = {index[(j, s)]: 1.0 for j in range(n_j) if (j, s) in index}
        rows.append(({**members, n_x + s: -float(GROUP_MIN)}, 0.0, np.inf))
        rows.append(({**members, n_x + s: -float(cap)}, -np.inf, 0.0))
    for a in range(n_j):  # two juniors in conflict are never in the same group
        for b in range(a + 1, n_j):
            if conflict(juniors[a], juniors[b], rules) is None:
                continue
            for s in range(n_s):
                if (a, s) in index and (b, s) in index:
                    rows.append(({index[(a, s)]: 1.0, index[(b, s)]: 1.0}, -np.inf, 1.0))
    for k, (d, s) in enumerate(crowd):  # juniors of department d with senior s beyond the first
        members = {
            index[(j, s)]: 1.0
            for j in range(n_j)
            if (j, s) in index and (juniors[j].department or "").casefold() == d
        }
        if members:
            rows.append(({**members, n_x + n_s + k: -1.0}, -np.inf, 1.0))
    a_matrix = lil_matrix((len(rows), n_vars))
    lower, upper = np.empty(len(rows)), np.empty(len(rows))
    for r, (coeffs, lo, hi) in enumerate(rows):
        for col, val in coeffs.items():
            a_matrix[r, col] = val
        lower[r], upper[r] = lo, hi
    integrality = np.ones(n_vars)
    integrality[n_x + n_s :] = 0
    ub = np.ones(n_vars)
    ub[n_x + n_s :] = np.inf
    result = milp(
        c,
        constraints=LinearConstraint(a_matrix.tocsr(), lower, upper),
        integrality=integrality,
        bounds=Bounds(np.zeros(n_vars), ub),
        options={"time_limit": time_limit},
    )
    if result.x is None:
        return Solution([], list(range(n_j)), list(range(n_s)))
    x = np.round(result.x[:n_x]).astype(int)
    groups: dict[int, list[int]] = {}
    for k, (j, s) in enumerate(pairs):
        if x[k]:
            groups.setdefault(s, []).append(j)
    assignments = [
        Assignment(tuple(sorted(js)), s, float(np.mean([fit[j, s] for j in js])))
        for s, js in sorted(groups.items())
        if GROUP_MIN <= len(js) <= cap
    ]
    placed = {j for a in assignments for j in a.juniors}
    leading = {a.senior for a in assignments}
    return Solution(
        assignments,
        [j for j in range(n_j) if j not in placed],
        [s for s in range(n_s) if s not in leading],
    )
