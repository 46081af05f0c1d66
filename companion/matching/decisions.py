"""A coordinator's decisions on suggestions: accept (through the pair service, so all its rules apply),
accept many, reject (remembered by later runs) and swap juniors between two suggestions. Each first
re-checks the run's hard rules on the current data: a manager or a private wish may have changed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.errors import ConflictError, NotFoundError, RuleViolation
from companion.matching import solver
from companion.matching.explain import reasons_for
from companion.matching.fit import FitModel
from companion.matching.models import MatchRun, MatchSuggestion
from companion.matching.schemas import AcceptResult, SwapRequest
from companion.matching.services import RULE_TEXT, _rejected, latest_run, people
from companion.programmes import services as psvc
from companion.programmes.schemas import PairCreate


async def _suggestion(db: AsyncSession, programme_id: int, suggestion_id: int) -> MatchSuggestion:
    row = await db.get(MatchSuggestion, suggestion_id)
    if row is None or row.programme_id != programme_id:
        raise NotFoundError(f"Suggestion {suggestion_id} is not in programme {programme_id}")
    return row


def _open(row: MatchSuggestion) -> None:
    if row.status != "proposed":
        raise ConflictError(
            f"Suggestion {row.id} is {row.status}; only proposed suggestions can change",
            code="suggestion_closed",
        )


async def _check(db: AsyncSession, run: MatchRun, junior_ids: list[int], senior_ids: list[int]) -> None:
    """The run's hard rules on the current data (a manager or a wish may have changed since)."""
    everyone = await people(db, run.programme_id)
    members = [everyone[i] for i in [*junior_ids, *senior_ids] if i in everyone]
    rules = solver.Rules(
        max_juniors_per_senior=run.max_juniors_per_senior,
        avoid_same_department=run.avoid_same_department,
        rejected=await _rejected(db, run.programme_id),
    )
    broken = solver.group_conflicts(members, rules)
    if broken:
        raise RuleViolation(
            f"This composition would break a matching rule: {RULE_TEXT.get(broken[0], broken[0])}",
            code=f"matching_{broken[0]}",
        )


async def accept(db: AsyncSession, programme_id: int, suggestion_id: int) -> MatchSuggestion:
    """Form the suggested pair or group through the pair service (all its rules apply)."""
    row = await _suggestion(db, programme_id, suggestion_id)
    _open(row)
    run = await db.get(MatchRun, row.run_id)
    assert run is not None
    await _check(db, run, row.junior_ids, row.senior_ids)
    everyone = await people(db, programme_id)
    names = [everyone[i].name for i in [*row.junior_ids, *row.senior_ids] if i in everyone]
    pair = await psvc.create_pair(
        db,
        programme_id,
        PairCreate(junior_ids=row.junior_ids, senior_ids=row.senior_ids, name=" & ".join(names)[:120]),
    )
    row.status, row.pair_id = "accepted", pair.id
    await db.commit()
    return row


async def accept_many(db: AsyncSession, programme_id: int, ids: list[int] | None) -> list[AcceptResult]:
    """Accept the named suggestions (default: every open one of the newest run); each on its own, so
    one that breaks a rule does not hold up the others."""
    if ids is None:
        run = await latest_run(db, programme_id)
        ids = (
            []
            if run is None
            else list(
                (
                    await db.scalars(
                        select(MatchSuggestion.id)
                        .where(MatchSuggestion.run_id == run.id, MatchSuggestion.status == "proposed")
                        .order_by(MatchSuggestion.id)
                    )
                ).all()
            )
        )
    results = []
    for sid in ids:
        try:
            row = await accept(db, programme_id, sid)
            results.append(AcceptResult(suggestion_id=sid, pair_id=row.pair_id))
        except (RuleViolation, ConflictError, NotFoundError) as exc:
            await db.rollback()
            results.append(AcceptResult(suggestion_id=sid, pair_id=None, error=exc.detail, code=exc.code))
    return results


async def reject(db: AsyncSession, programme_id: int, suggestion_id: int) -> MatchSuggestion:
    """Reject a suggestion; later runs will not propose its junior–senior combinations again."""
    row = await _suggestion(db, programme_id, suggestion_id)
    _open(row)
    row.status = "rejected"
    await db.commit()
    return row


async def swap(
    db: AsyncSession, programme_id: int, req: SwapRequest, model: FitModel
) -> list[MatchSuggestion]:
    """Exchange one junior between two open suggestions; refused (422) when a rule would break."""
    if req.first == req.second:
        raise RuleViolation("Choose two different suggestions to swap", code="swap_same")
    first = await _suggestion(db, programme_id, req.first)
    second = await _suggestion(db, programme_id, req.second)
    _open(first)
    _open(second)
    a = _pick(first, req.first_junior_id)
    b = _pick(second, req.second_junior_id)
    first_juniors = [b if i == a else i for i in first.junior_ids]
    second_juniors = [a if i == b else i for i in second.junior_ids]
    run = await db.get(MatchRun, first.run_id)
    assert run is not None
    await _check(db, run, first_juniors, first.senior_ids)
    await _check(db, run, second_juniors, second.senior_ids)
    everyone = await people(db, programme_id)
    for row, juniors in ((first, first_juniors), (second, second_juniors)):
        js = [everyone[i] for i in juniors]
        ss = [everyone[i] for i in row.senior_ids]
        matrices = model.matrices(js, ss, run.format)
        row.junior_ids = juniors
        row.score = round(float(matrices.fit.mean()), 4)
        row.reasons = reasons_for(js, ss, model, avoid_same_department=run.avoid_same_department)
    await db.commit()
    return [first, second]


def _pick(row: MatchSuggestion, junior_id: int | None) -> int:
    if junior_id is None:
        if len(row.junior_ids) != 1:
            raise RuleViolation(
                f"Suggestion {row.id} has several juniors: name the one to swap", code="swap_which"
            )
        return row.junior_ids[0]
    if junior_id not in row.junior_ids:
        raise RuleViolation(f"Junior {junior_id} is not in suggestion {row.id}", code="swap_which")
    return junior_id
