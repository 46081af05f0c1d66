"""Theme counts a coordinator sees: published from periodic (monthly) snapshots, never live.

Against differencing (compare figures before and after adding, dissolving or deleting one pair):

* A snapshot is taken once per period (calendar month, UTC) on the first look at the insights and
  then frozen: nothing done within the month changes what is shown.
* Counts are cumulative: a pair that was counted for a theme stays counted (``theme_contributions``
  keeps a plain pair number, no foreign key), so dissolving or deleting a pair changes nothing.
* New contributions are published only in a batch of at least ``k`` distinct pairs; with fewer, they
  wait for a later period. So every change between two snapshots comes from at least k pairs.
* Shown counts are rounded down to a multiple of ``k`` and hidden below ``k``: two snapshots differ
  by 0 or by at least k, never by less.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import InsightSnapshot, ThemeContribution
from companion.insights.evidence import evidenced_pairs, ticked_themes


def period_of(now: datetime) -> str:
    """The snapshot period of a moment: its calendar month, ``YYYY-MM``."""
    return now.strftime("%Y-%m")


def rounded(count: int, k: int) -> int | None:
    """``count`` rounded down to a multiple of ``k``; None below ``k``."""
    return (count // k) * k if count >= k else None


async def _contribute(db: AsyncSession, programme_id: int, k: int, period: str) -> int:
    """Record new (pair, theme) contributions when at least ``k`` distinct pairs bring some; returns
    how many pairs were added (0 when the batch was too small and waits)."""
    current = await ticked_themes(db, await evidenced_pairs(db, programme_id))
    known = {
        (int(p), t)
        for p, t in (
            await db.execute(
                select(ThemeContribution.pair_ref, ThemeContribution.theme).where(
                    ThemeContribution.programme_id == programme_id
                )
            )
        ).all()
    }
    new = {(p, t) for p, themes in current.items() for t in themes} - known
    pairs = {p for p, _ in new}
    if len(pairs) < k:
        return 0
    for pair, theme in sorted(new):
        db.add(ThemeContribution(programme_id=programme_id, pair_ref=pair, theme=theme, period=period))
    return len(pairs)


async def published_themes(db: AsyncSession, programme_id: int, k: int, now: datetime) -> dict[str, Any]:
    """The snapshot of ``now``'s period (taken now if there is none yet): ``{"period", "themes":
    {theme: rounded count}, "k"}``."""
    period = period_of(now)
    found = await db.scalar(
        select(InsightSnapshot).where(
            InsightSnapshot.programme_id == programme_id, InsightSnapshot.period == period
        )
    )
    if found is not None:
        return dict(found.payload)
    await _contribute(db, programme_id, k, period)
    await db.flush()
    counts: dict[str, set[int]] = defaultdict(set)
    for pair, theme in (
        await db.execute(
            select(ThemeContribution.pair_ref, ThemeContribution.theme).where(
                ThemeContribution.programme_id == programme_id, ThemeContribution.period <= period
            )
        )
    ).all():
        counts[theme].add(int(pair))
    themes = {t: r for t, pairs in counts.items() if (r := rounded(len(pairs), k)) is not None}
    payload = {"period": period, "k": k, "themes": themes}
    db.add(InsightSnapshot(programme_id=programme_id, period=period, payload=payload))
    try:
        await db.commit()
    except IntegrityError:  # another request took this period's snapshot first: show that one
        await db.rollback()
        row = await db.scalar(
            select(InsightSnapshot).where(
                InsightSnapshot.programme_id == programme_id, InsightSnapshot.period == period
            )
        )
        return dict(row.payload) if row is not None else payload
    return payload
