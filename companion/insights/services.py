"""Coordinator insights for one programme, computed from stored data and anonymised on the way out.

Only aggregates leave this module: no pair ids, names or texts of a single pair. Inputs are read per
pair so that every figure knows how many distinct pairs it comes from (see ``anonymise``). Themes
are the ones participants ticked, counted only for pairs that are real by the programme's evidence
(``evidence``) and published from monthly snapshots (``snapshots``); free text never leaves the pair.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import MentoringSession, Pair, Programme
from companion.insights import anonymise as an
from companion.insights.snapshots import published_themes
from companion.programmes.services import get_or_404

CATEGORIES = ("technology", "work", "culture")


class Cell(BaseModel):
    """A figure: ``value`` is null when fewer than k pairs stand behind it; ``shown`` is what to print."""

    value: int | None
    shown: str


class MonthRow(BaseModel):
    month: str
    held: Cell
    planned: Cell
    cancelled: Cell


class CategoryRow(BaseModel):
    category: str
    sessions: Cell
    pairs: Cell


class ThemeRow(BaseModel):
    """A ticked theme: ``pairs`` is rounded down to a multiple of k (e.g. 6 means 6 to 8 pairs)."""

    theme: str
    label: str
    pairs: int


class Insights(BaseModel):
    programme_id: int
    k: int
    pairs_total: Cell
    pairs_active: Cell
    months: list[MonthRow]
    topic_mix: list[CategoryRow]
    themes: list[ThemeRow]
    themes_period: str = Field(description="The snapshot (calendar month, UTC) the themes come from.")


def _cell(fig: an.Figure) -> Cell:
    return Cell(value=fig.value, shown=fig.shown)


def _category(topic: str | None, knowledge: Any, lang: str) -> str | None:
    if not topic or knowledge is None:
        return None
    card = knowledge.get(topic, lang) or knowledge.get(topic, "de") or knowledge.get(topic, "en")
    if card is None:  # free text: match a topic card title
        wanted = topic.strip().lower()
        for candidate in knowledge.by_kind("topic", lang):
            if candidate.title.lower() == wanted:
                card = candidate
                break
    return card.category if card is not None and card.category in CATEGORIES else None


def _label(theme: str, knowledge: Any, lang: str) -> str:
    card = knowledge.get(theme, lang) if knowledge is not None else None
    return card.title if card is not None else theme


async def programme_insights(
    db: AsyncSession, programme_id: int, knowledge: Any = None, now: datetime | None = None
) -> Insights:
    """Programme health, topic mix and shared themes, all behind the programme's k-threshold;
    ``now`` picks the themes' snapshot period (default: the current month)."""
    programme = await get_or_404(db, Programme, programme_id, "Programme")
    k = an.effective_k(programme.k_threshold)
    lang = programme.language
    pair_ids = set((await db.scalars(select(Pair.id).where(Pair.programme_id == programme_id))).all())
    sessions = (
        await db.execute(
            select(
                MentoringSession.id,
                MentoringSession.pair_id,
                MentoringSession.scheduled_at,
                MentoringSession.created_at,
                MentoringSession.status,
                MentoringSession.topic,
            ).where(MentoringSession.pair_id.in_(pair_ids))
        )
    ).all()
    active = {s.pair_id for s in sessions if s.status != "cancelled"}

    by_month: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for s in sessions:
        # Undated sessions count in the month they were planned, so the health figures are complete.
        when = s.scheduled_at or s.created_at
        if when is not None:
            when = when if when.tzinfo else when.replace(tzinfo=UTC)
            by_month[when.strftime("%Y-%m")][s.status].append(s.pair_id)
    months = [
        MonthRow(
            month=month,
            **{
                status: _cell(an.figure(len(cells.get(status, [])), len(set(cells.get(status, []))), k))
                for status in ("held", "planned", "cancelled")
            },
        )
        for month, cells in sorted(by_month.items())
    ]

    cat_sessions: dict[str, int] = defaultdict(int)
    cat_pairs: dict[str, set[int]] = defaultdict(set)
    for s in sessions:
        if s.status == "cancelled":
            continue
        category = _category(s.topic, knowledge, lang)
        if category is not None:
            cat_sessions[category] += 1
            cat_pairs[category].add(s.pair_id)
    topic_mix = [
        CategoryRow(
            category=c,
            sessions=_cell(an.figure(cat_sessions[c], len(cat_pairs[c]), k)),
            pairs=_cell(an.figure(len(cat_pairs[c]), len(cat_pairs[c]), k)),
        )
        for c in CATEGORIES
    ]

    snapshot = await published_themes(db, programme_id, k, now or datetime.now(UTC))
    themes = sorted(snapshot["themes"].items(), key=lambda item: (-item[1], item[0]))
    return Insights(
        programme_id=programme_id,
        k=k,
        pairs_total=_cell(an.figure(len(pair_ids), len(pair_ids), k)),
        pairs_active=_cell(an.figure(len(active), len(active), k)),
        months=months,
        topic_mix=topic_mix,
        themes=[ThemeRow(theme=t, label=_label(t, knowledge, lang), pairs=n) for t, n in themes],
        themes_period=str(snapshot["period"]),
    )
