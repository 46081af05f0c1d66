"""Programme health for coordinators, without content (Mentorloop-style check on how the programme runs).

* Pairs active / stalled: a pair is *stalled* when it has had no held session and has no planned one
  within the last 30 days (and none ahead), unless it was formed less than 30 days ago. Which pairs exist
  is the coordinator's own data, and activity says nothing about what a pair discussed, so these are
  exact counts — the coordinator needs them to step in early.
* Sessions planned vs held per month and the share of held sessions with an agenda, reflections and a
  summary come from the pairs' own workspace: like the insights, each figure needs at least k distinct
  pairs behind it (``anonymise.figure``).
* Survey response rates concern people's answers: counts below k respondents are shown as ``< k``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import GeneratedOutput, MentoringSession, Pair, Programme, Reflection
from companion.evaluation.services import evaluation_overview
from companion.i18n import month_label
from companion.insights import anonymise as an
from companion.programmes.services import get_or_404

STALLED_DAYS = 30


class Cell(BaseModel):
    """A figure: ``value`` is null when it is suppressed; ``shown`` is what to print."""

    value: int | None
    shown: str


class MonthHealth(BaseModel):
    month: str
    label: str
    planned: Cell
    held: Cell


class SurveyRate(BaseModel):
    kind: str
    title: str
    state: str
    invited: int
    respondents: Cell
    rate: Cell


class ProgrammeHealth(BaseModel):
    programme_id: int
    k: int
    as_of: datetime
    stalled_after_days: int
    pairs_total: int
    pairs_active: int
    pairs_stalled: int
    months: list[MonthHealth]
    sessions_held: Cell
    with_agenda: Cell
    with_reflection: Cell
    with_summary: Cell
    surveys: list[SurveyRate]


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _count(count: int, pairs: int, k: int) -> Cell:
    fig = an.figure(count, pairs, k)
    return Cell(value=fig.value, shown=fig.shown)


def _share(part: int, whole: int, pairs: int, k: int) -> Cell:
    if pairs < k or whole == 0:
        return Cell(value=None, shown=f"< {k}" if pairs < k else "–")
    value = round(100 * part / whole)
    return Cell(value=value, shown=f"{value} %")


async def programme_health(
    db: AsyncSession, programme_id: int, now: datetime | None = None
) -> ProgrammeHealth:
    """Health figures of one programme (see the module docstring for what is exact and what needs k)."""
    programme = await get_or_404(db, Programme, programme_id, "Programme")
    k = an.effective_k(programme.k_threshold)
    now = now or datetime.now(UTC)
    since = now - timedelta(days=STALLED_DAYS)
    pairs = (
        await db.execute(select(Pair.id, Pair.created_at).where(Pair.programme_id == programme_id))
    ).all()
    pair_ids = {p.id for p in pairs}
    sessions = (
        await db.execute(
            select(
                MentoringSession.id,
                MentoringSession.pair_id,
                MentoringSession.status,
                MentoringSession.scheduled_at,
                MentoringSession.created_at,
            ).where(MentoringSession.pair_id.in_(pair_ids))
        )
    ).all()
    active = {p.id for p in pairs if p.created_at is not None and _aware(p.created_at) >= since}
    months: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for s in sessions:
        when = s.scheduled_at or s.created_at
        if s.status == "cancelled" or when is None:
            continue
        when = _aware(when)
        if when >= since:  # held recently, or planned recently or ahead
            active.add(s.pair_id)
        key = when.strftime("%Y-%m")
        months[key]["planned"].append(s.pair_id)
        if s.status == "held":
            months[key]["held"].append(s.pair_id)
    month_rows = [
        MonthHealth(
            month=key,
            label=month_label(key, programme.language),
            planned=_count(len(cells["planned"]), len(set(cells["planned"])), k),
            held=_count(len(cells["held"]), len(set(cells["held"])), k),
        )
        for key, cells in sorted(months.items())
    ]
    held = {s.id: s.pair_id for s in sessions if s.status == "held"}
    held_pairs = len(set(held.values()))
    with_output: dict[str, set[int]] = defaultdict(set)
    if held:
        for session_id, kind in (
            await db.execute(
                select(GeneratedOutput.session_id, GeneratedOutput.kind).where(
                    GeneratedOutput.session_id.in_(held), GeneratedOutput.kind.in_(("agenda", "summary"))
                )
            )
        ).all():
            with_output[kind].add(session_id)
        with_output["reflection"] = set(
            (await db.scalars(select(Reflection.session_id).where(Reflection.session_id.in_(held)))).all()
        )
    overview = await evaluation_overview(db, programme_id)
    surveys = []
    for rnd in overview["rounds"]:
        responded = rnd["respondents"]["all"]["value"]
        invited = int(rnd["invited"]["all"])
        surveys.append(
            SurveyRate(
                kind=rnd["kind"],
                title=rnd["title"],
                state=rnd["state"],
                invited=invited,
                respondents=Cell(value=responded, shown=rnd["respondents"]["all"]["shown"]),
                rate=(
                    Cell(
                        value=round(100 * responded / invited), shown=f"{round(100 * responded / invited)} %"
                    )
                    if responded is not None and invited
                    else Cell(value=None, shown=f"< {k}")
                ),
            )
        )
    return ProgrammeHealth(
        programme_id=programme_id,
        k=k,
        as_of=now,
        stalled_after_days=STALLED_DAYS,
        pairs_total=len(pair_ids),
        pairs_active=len(active),
        pairs_stalled=len(pair_ids) - len(active),
        months=month_rows,
        sessions_held=_count(len(held), held_pairs, k),
        with_agenda=_share(len(with_output["agenda"]), len(held), held_pairs, k),
        with_reflection=_share(len(with_output["reflection"]), len(held), held_pairs, k),
        with_summary=_share(len(with_output["summary"]), len(held), held_pairs, k),
        surveys=surveys,
    )
