"""Matching suggestions of a programme: run and show them (decisions on them: ``decisions``).

Who takes part: juniors who are in no pair yet; seniors with room left (one-to-one: up to the run's
``max_juniors_per_senior`` counting the pairs they have; groups: seniors in no pair). A coordinator's
rejection is remembered: a later run never proposes a rejected junior–senior combination again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import Pair, PairMember, Participant, Programme
from companion.matching import solver
from companion.matching.explain import explain, reasons_for
from companion.matching.fit import FitModel
from companion.matching.models import MatchingPreference, MatchRun, MatchSuggestion
from companion.matching.schemas import (
    MatchRequest,
    Member,
    RunRead,
    SuggestionRead,
)
from companion.programmes import services as psvc

RULE_TEXT = {
    "reporting_line": "a direct reporting line",
    "rather_not": "a private preference of one of them",
    "rejected": "a combination the coordination rejected",
    "same_department": "the same department (the run asks for different ones)",
}


async def people(db: AsyncSession, programme_id: int) -> dict[int, solver.Person]:
    """Everyone of a programme as matching sees them, by id."""
    rows = (await db.scalars(select(Participant).where(Participant.programme_id == programme_id))).all()
    prefs = {
        p.participant_id: p
        for p in (
            await db.scalars(
                select(MatchingPreference).where(MatchingPreference.participant_id.in_([r.id for r in rows]))
            )
        ).all()
    }
    out = {}
    for r in rows:
        pref = prefs.get(r.id)
        out[r.id] = solver.Person(
            id=r.id,
            name=r.display_name,
            role=r.role,
            department=r.department,
            manager_id=r.manager_id,
            expertise=tuple(r.expertise or ()),
            interests=tuple(r.interests or ()),
            availability=frozenset(pref.availability) if pref else frozenset(),
            formats=frozenset(pref.formats) if pref else frozenset(),
            rather_not=frozenset(pref.rather_not) if pref else frozenset(),
        )
    return out


async def _pair_counts(db: AsyncSession, programme_id: int) -> dict[int, int]:
    stmt = (
        select(PairMember.participant_id, func.count())
        .join(Pair, Pair.id == PairMember.pair_id)
        .where(Pair.programme_id == programme_id)
        .group_by(PairMember.participant_id)
    )
    return {int(pid): int(n) for pid, n in (await db.execute(stmt)).all()}


async def _rejected(db: AsyncSession, programme_id: int) -> frozenset[tuple[int, int]]:
    rows = (
        await db.scalars(
            select(MatchSuggestion).where(
                MatchSuggestion.programme_id == programme_id, MatchSuggestion.status == "rejected"
            )
        )
    ).all()
    return frozenset((j, s) for r in rows for j in r.junior_ids for s in r.senior_ids)


def _honoured(candidates: Sequence[solver.Person]) -> int:
    ids = {p.id for p in candidates}
    return sum(1 for p in candidates for other in p.rather_not if other in ids)


async def run_matching(db: AsyncSession, programme_id: int, model: FitModel, req: MatchRequest) -> MatchRun:
    """Compute and store a new set of suggestions; open suggestions of earlier runs are superseded."""
    programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
    everyone = await people(db, programme_id)
    counts = await _pair_counts(db, programme_id)
    group = programme.format == "group"
    juniors = [p for p in everyone.values() if p.role == "junior" and not counts.get(p.id)]
    seniors = [
        p
        for p in everyone.values()
        if p.role == "senior"
        and (not counts.get(p.id) if group else counts.get(p.id, 0) < req.max_juniors_per_senior)
    ]
    rules = solver.Rules(
        max_juniors_per_senior=req.max_juniors_per_senior,
        avoid_same_department=req.avoid_same_department,
        rejected=await _rejected(db, programme_id),
        load={} if group else {p.id: counts.get(p.id, 0) for p in seniors},
    )
    fit = model.matrices(juniors, seniors, programme.format).fit if juniors and seniors else None
    if fit is None:
        solution = solver.Solution([], list(range(len(juniors))), list(range(len(seniors))))
    elif group:
        solution = solver.solve_groups(juniors, seniors, fit, rules)
    else:
        solution = solver.solve_one_to_one(juniors, seniors, fit, rules)
    await db.execute(
        update(MatchSuggestion)
        .where(MatchSuggestion.programme_id == programme_id, MatchSuggestion.status == "proposed")
        .values(status="superseded")
    )
    run = MatchRun(
        programme_id=programme_id,
        format=programme.format,
        max_juniors_per_senior=req.max_juniors_per_senior,
        avoid_same_department=req.avoid_same_department,
        summary={
            "unmatched_juniors": [juniors[j].id for j in solution.unmatched_juniors],
            "unmatched_seniors": [seniors[s].id for s in solution.unmatched_seniors],
            "private_preferences_honoured": _honoured([*juniors, *seniors]),
            "total_score": round(sum(a.score * len(a.juniors) for a in solution.assignments), 4),
        },
    )
    db.add(run)
    await db.flush()
    for a in solution.assignments:
        members = [juniors[j] for j in a.juniors]
        senior = seniors[a.senior]
        db.add(
            MatchSuggestion(
                run_id=run.id,
                programme_id=programme_id,
                junior_ids=[m.id for m in members],
                senior_ids=[senior.id],
                score=round(a.score, 4),
                reasons=reasons_for(
                    members, [senior], model, avoid_same_department=req.avoid_same_department
                ),
            )
        )
    await db.commit()
    return run


async def latest_run(db: AsyncSession, programme_id: int) -> MatchRun | None:
    """The newest matching run of a programme, or None."""
    await psvc.get_or_404(db, Programme, programme_id, "Programme")
    return await db.scalar(
        select(MatchRun).where(MatchRun.programme_id == programme_id).order_by(MatchRun.id.desc()).limit(1)
    )


async def run_read(db: AsyncSession, run: MatchRun, lang: str) -> RunRead:
    """A run with its suggestions, explanations in ``lang``."""
    everyone = await people(db, run.programme_id)
    rows = (
        await db.scalars(
            select(MatchSuggestion).where(MatchSuggestion.run_id == run.id).order_by(MatchSuggestion.id)
        )
    ).all()

    def member(pid: int) -> Member:
        p = everyone.get(pid)
        return Member(id=pid, name=p.name if p else f"#{pid}", department=p.department if p else None)

    return RunRead(
        id=run.id,
        programme_id=run.programme_id,
        format=run.format,
        max_juniors_per_senior=run.max_juniors_per_senior,
        avoid_same_department=run.avoid_same_department,
        created_at=run.created_at,
        suggestions=[suggestion_read(r, member, lang) for r in rows],
        unmatched_juniors=[member(i) for i in run.summary.get("unmatched_juniors", [])],
        unmatched_seniors=[member(i) for i in run.summary.get("unmatched_seniors", [])],
        private_preferences_honoured=int(run.summary.get("private_preferences_honoured", 0)),
        total_score=float(run.summary.get("total_score", 0.0)),
    )


def suggestion_read(row: MatchSuggestion, member: Any, lang: str) -> SuggestionRead:
    """The API view of one suggestion."""
    return SuggestionRead(
        id=row.id,
        run_id=row.run_id,
        juniors=[member(i) for i in row.junior_ids],
        seniors=[member(i) for i in row.senior_ids],
        score=row.score,
        status=row.status,
        pair_id=row.pair_id,
        explanation=explain(row.reasons, lang),
        reasons=list(row.reasons),
    )
