"""Time-boxing rules shared by both composers."""

from __future__ import annotations

import pytest

from companion.generation.timing import allocate_minutes, max_items, merge_plan


@pytest.mark.parametrize("duration", [30, 45, 60, 75, 90, 120])
@pytest.mark.parametrize(
    "weights", [[10, 20, 30, 20, 20], [15, 20, 20, 20, 25], [10, 25, 30, 15, 15, 20], [1, 1]]
)
def test_minutes_add_up_in_five_minute_steps(duration: int, weights: list[int]) -> None:
    minutes = allocate_minutes(weights, duration)
    assert sum(minutes) == duration
    assert all(m >= 5 and m % 5 == 0 for m in minutes)


def test_shares_are_respected() -> None:
    assert allocate_minutes([10, 20, 30, 20, 20], 60) == [5, 15, 20, 10, 10]
    assert allocate_minutes([10, 20, 30, 20, 20], 100) == [10, 20, 30, 20, 20]


def test_odd_duration_gives_the_remainder_to_the_longest_item() -> None:
    minutes = allocate_minutes([10, 20, 30, 20, 20], 47)
    assert sum(minutes) == 47
    assert sorted(m % 5 for m in minutes) == [0, 0, 0, 0, 2]
    assert minutes[2] == 12  # the largest share takes the odd minutes


def test_tiny_shares_still_get_five_minutes() -> None:
    assert allocate_minutes([1, 97, 1, 1], 30) == [5, 15, 5, 5]


def test_rescales_a_models_minutes() -> None:
    assert allocate_minutes([5, 15, 15, 10, 5], 50) == [5, 15, 15, 10, 5]
    assert allocate_minutes([5, 15, 15, 10, 5], 60) == [5, 20, 20, 10, 5]


def test_too_many_items_are_refused() -> None:
    assert max_items(30) == 6
    with pytest.raises(ValueError, match="do not fit"):
        allocate_minutes([1] * 7, 30)


def test_merge_plan_keeps_protected_items_apart() -> None:
    groups = merge_plan([10, 5, 20, 5, 15, 20, 20], limit=5, protected={0, 4, 6})
    assert len(groups) == 5
    assert sorted(i for g in groups for i in g) == list(range(7))
    for protected in (0, 4, 6):
        assert any(protected in g for g in groups)
    assert [0] in groups and [4] in groups and [6] in groups
