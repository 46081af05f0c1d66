"""Property tests: whatever the people, rules and fit, no suggestion breaks a hard rule, capacities
hold, nobody is left out who could have been matched, and the optimum is really optimal."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.matching.solver import Person, Rules, conflict, group_conflicts, solve_groups, solve_one_to_one

DEPTS = ["IT", "HR", "Vertrieb", None]


@st.composite
def worlds(
    draw: st.DrawFn, max_j: int = 8, max_s: int = 6
) -> tuple[list[Person], list[Person], np.ndarray, Rules]:
    n_j = draw(st.integers(0, max_j))
    n_s = draw(st.integers(0, max_s))
    j_ids, s_ids = list(range(1, n_j + 1)), list(range(100, 100 + n_s))
    everyone = j_ids + s_ids

    def person(pid: int, role: str) -> Person:
        manager = draw(st.one_of(st.none(), st.sampled_from(everyone)))
        others = [i for i in everyone if i != pid]
        rather = draw(st.frozensets(st.sampled_from(others), max_size=2)) if others else frozenset()
        return Person(
            id=pid,
            name=f"P{pid}",
            role=role,
            department=draw(st.sampled_from(DEPTS)),
            manager_id=manager if manager != pid else None,
            rather_not=rather,
        )

    juniors = [person(i, "junior") for i in j_ids]
    seniors = [person(i, "senior") for i in s_ids]
    fit = np.array(
        draw(st.lists(st.floats(-1, 1, allow_nan=False), min_size=n_j * n_s, max_size=n_j * n_s)), dtype=float
    ).reshape(n_j, n_s)
    combos = [(j, s) for j in j_ids for s in s_ids]
    rejected = draw(st.frozensets(st.sampled_from(combos), max_size=3)) if combos else frozenset()
    rules = Rules(
        max_juniors_per_senior=draw(st.integers(1, 4)),
        avoid_same_department=draw(st.booleans()),
        rejected=rejected,
        load={s: draw(st.integers(0, 1)) for s in s_ids},
    )
    return juniors, seniors, fit, rules


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_one_to_one_never_breaks_a_hard_rule(world: tuple) -> None:
    juniors, seniors, fit, rules = world
    solution = solve_one_to_one(juniors, seniors, fit, rules)
    per_senior: dict[int, int] = {}
    seen: set[int] = set()
    for a in solution.assignments:
        (j,) = a.juniors
        junior, senior = juniors[j], seniors[a.senior]
        assert conflict(junior, senior, rules) is None
        assert junior.manager_id != senior.id and senior.manager_id != junior.id
        assert senior.id not in junior.rather_not and junior.id not in senior.rather_not
        assert (junior.id, senior.id) not in rules.rejected
        if rules.avoid_same_department and junior.department and senior.department:
            assert junior.department != senior.department
        assert j not in seen
        seen.add(j)
        per_senior[senior.id] = per_senior.get(senior.id, 0) + 1
    for s in seniors:
        assert per_senior.get(s.id, 0) + rules.load.get(s.id, 0) <= max(
            rules.max_juniors_per_senior, rules.load.get(s.id, 0)
        )
    # maximal: an unmatched junior has no allowed senior with room left
    for j in solution.unmatched_juniors:
        for s in seniors:
            room = rules.max_juniors_per_senior - rules.load.get(s.id, 0) - per_senior.get(s.id, 0)
            assert room <= 0 or conflict(juniors[j], s, rules) is not None


@settings(max_examples=150, deadline=None)
@given(worlds(max_j=5, max_s=5))
def test_one_to_one_is_optimal_against_brute_force(world: tuple) -> None:
    juniors, seniors, fit, rules = world
    rules = Rules(avoid_same_department=rules.avoid_same_department, rejected=rules.rejected)  # capacity 1
    solution = solve_one_to_one(juniors, seniors, fit, rules)
    got = (len(solution.assignments), sum(a.score for a in solution.assignments))
    best = (0, 0.0)
    for k in range(min(len(juniors), len(seniors)), 0, -1):
        for js in itertools.combinations(range(len(juniors)), k):
            for ss in itertools.permutations(range(len(seniors)), k):
                if all(conflict(juniors[j], seniors[s], rules) is None for j, s in zip(js, ss, strict=True)):
                    value = (k, sum(fit[j, s] for j, s in zip(js, ss, strict=True)))
                    if value[0] > best[0] or (value[0] == best[0] and value[1] > best[1]):
                        best = value
        if best[0] == k:
            break
    assert got[0] == best[0]
    assert got[1] >= best[1] - 1e-6


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds(max_j=9, max_s=3))
def test_groups_never_break_a_hard_rule(world: tuple) -> None:
    juniors, seniors, fit, rules = world
    solution = solve_groups(juniors, seniors, fit, rules)
    cap = min(4, max(3, rules.max_juniors_per_senior))
    placed: list[int] = []
    for a in solution.assignments:
        assert 3 <= len(a.juniors) <= cap
        members = [juniors[j] for j in a.juniors] + [seniors[a.senior]]
        assert group_conflicts(members, rules) == []
        placed += list(a.juniors)
    assert len(placed) == len(set(placed))
    assert len({a.senior for a in solution.assignments}) == len(solution.assignments)
