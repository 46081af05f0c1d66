"""When each survey is due: programme frame (start, duration) and the pair's progress."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from companion.evaluation.schedule import Progress, add_months, due

START = date(2026, 9, 1)


def _state(kind: str, *, today: date, held: int = 0, start: date | None = START, **flags: bool) -> str:
    return due(
        kind,
        start=start,
        duration_months=6,
        progress=Progress(held, datetime(2026, 9, 10)),
        today=today,
        opened=flags.get("opened", False),
        closed=flags.get("closed", False),
        answered=flags.get("answered", False),
    ).state


def test_add_months_clamps_and_halves() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 9, 1), 3) == date(2026, 12, 1)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2026, 9, 1), 2.5) == date(2026, 11, 16)


def test_start_self_assessment_is_due_from_the_beginning() -> None:
    assert _state("pre", today=date(2026, 8, 20)) == "due"
    assert _state("pre", today=date(2026, 8, 20), answered=True) == "answered"
    assert _state("pre", today=date(2026, 8, 20), answered=True, closed=True) == "closed"


@pytest.mark.parametrize(("held", "expected"), [(0, "upcoming"), (1, "upcoming"), (2, "due"), (5, "due")])
def test_first_pulse_after_the_second_held_session(held: int, expected: str) -> None:
    assert _state("pulse_first", today=date(2026, 10, 1), held=held) == expected


def test_mid_point_and_end_follow_the_programme_frame() -> None:
    assert _state("pulse_mid", today=date(2026, 11, 30)) == "upcoming"
    assert _state("pulse_mid", today=date(2026, 12, 1)) == "due"
    assert _state("post", today=date(2027, 2, 14)) == "upcoming"
    assert _state("post", today=date(2027, 2, 15)) == "due"  # two weeks before 1 March 2027
    state = due(
        "post",
        start=START,
        duration_months=6,
        progress=Progress(),
        today=START,
        opened=False,
        closed=False,
        answered=False,
    )
    assert state.since == date(2027, 2, 15)


def test_without_a_start_date_progress_decides_and_a_coordinator_can_open_early() -> None:
    assert _state("pulse_mid", today=date(2026, 10, 1), start=None, held=2) == "upcoming"
    assert _state("pulse_mid", today=date(2026, 10, 1), start=None, held=3) == "due"
    assert _state("post", today=date(2026, 10, 1), start=None, held=5) == "upcoming"
    assert _state("post", today=date(2026, 10, 1), start=None, held=6) == "due"
    assert _state("post", today=date(2026, 10, 1), opened=True) == "due"
    assert _state("post", today=date(2026, 10, 1), opened=True, closed=True) == "closed"
