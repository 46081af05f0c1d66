"""When a survey is due for a participant: from the programme's frame and the pair's own progress.

* start self-assessment: from the moment someone is in the programme, best before the first session;
* first pulse: after the pair's second held session;
* mid-point pulse: from the programme's half-time (start date + half the duration), or once the pair
  has held half of its monthly sessions when the programme has no start date;
* end survey: from two weeks before the programme's end, or once the pair has held all its sessions.

A coordinator can open a round early for everyone; a closed round takes no more answers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

State = Literal["due", "answered", "upcoming", "closed"]


def add_months(day: date, months: int | float) -> date:
    """``day`` plus whole and half months (a half month is 15 days), clamped to the month's end."""
    whole = int(months)
    month0 = day.month - 1 + whole
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            moved = date(year, month, min(day.day, last))
            break
        except ValueError:
            continue
    return moved + timedelta(days=15 if months - whole >= 0.5 else 0)


@dataclass(frozen=True)
class Progress:
    """What the schedule needs to know about a participant's pair(s)."""

    held: int = 0
    first_session: datetime | None = None


@dataclass(frozen=True)
class Due:
    kind: str
    state: State
    since: date | None  # from when it is (or will be) due, when a date is known
    hint: str  # key of the text that explains when it is due


def due(
    kind: str,
    *,
    start: date | None,
    duration_months: int,
    progress: Progress,
    today: date,
    opened: bool,
    closed: bool,
    answered: bool,
) -> Due:
    """The state of survey ``kind`` for one participant today."""
    since: date | None = None
    if kind == "pre":
        available, hint = True, "due_pre"
        since = start
    elif kind == "pulse_first":
        available, hint = progress.held >= 2, "due_pulse_first"
    elif kind == "pulse_mid":
        since = add_months(start, duration_months / 2) if start else None
        enough = progress.held >= max(2, math.ceil(duration_months / 2))
        available, hint = (
            (since is not None and today >= since) or (start is None and enough),
            "due_pulse_mid",
        )
    else:
        since = add_months(start, duration_months) - timedelta(days=14) if start else None
        enough = progress.held >= max(3, duration_months)
        available, hint = (since is not None and today >= since) or (start is None and enough), "due_post"
    if closed:
        state: State = "closed"
    elif answered:
        state = "answered"
    elif available or opened:
        state = "due"
    else:
        state = "upcoming"
    return Due(kind, state, since, hint)
