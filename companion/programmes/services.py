"""Programme, participant and pair logic: the rules live here, controllers only translate HTTP."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import Base, Pair, PairMember, Participant, Programme
from companion.errors import NotFoundError, RuleViolation
from companion.programmes import coordination
from companion.programmes.schemas import (
    PairCreate,
    PairRead,
    PairUpdate,
    ParticipantCreate,
    ParticipantUpdate,
    ProgrammeCreate,
    ProgrammeUpdate,
)

M = TypeVar("M", bound=Base)

# (min juniors, max juniors, min seniors, max seniors) per format. Groups follow the seeds'
# 3–4 juniors with 1–2 seniors; one-to-one and peer pairs are exactly one plus one.
FORMAT_SIZES: dict[str, tuple[int, int, int, int]] = {
    "one-to-one": (1, 1, 1, 1),
    "peer": (1, 1, 1, 1),
    "group": (3, 4, 1, 2),
    "project": (1, 4, 1, 2),
}


async def get_or_404(db: AsyncSession, model: type[M], obj_id: int, label: str) -> M:
    """Load a row by primary key or raise a 404 that names what was missing."""
    obj = await db.get(model, obj_id)
    if obj is None:
        raise NotFoundError(f"{label} {obj_id} does not exist")
    return obj


async def get_in_programme(db: AsyncSession, model: type[M], obj_id: int, programme_id: int, label: str) -> M:
    """Load a participant or pair of ``programme_id``; 404 when missing or in another programme."""
    obj = await db.get(model, obj_id)
    if obj is None or getattr(obj, "programme_id", None) != programme_id:
        raise NotFoundError(f"{label} {obj_id} is not in programme {programme_id}")
    return obj


async def paginate(db: AsyncSession, stmt: Select[Any], limit: int, offset: int) -> tuple[list[Any], int]:
    """Run a select with limit/offset; also return the total count."""
    total = await db.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (await db.scalars(stmt.limit(limit).offset(offset))).unique().all()
    return list(rows), int(total or 0)


# --- programmes ---------------------------------------------------------------------------


async def create_programme(db: AsyncSession, data: ProgrammeCreate, coordinator_id: int) -> Programme:
    """Create a programme; the coordinator who creates it becomes its (first) coordinator."""
    programme = Programme(**data.model_dump())
    db.add(programme)
    await db.flush()
    await coordination.link(db, programme.id, coordinator_id, commit=False)
    await db.commit()
    return programme


async def list_programmes(
    db: AsyncSession, coordinator_id: int, limit: int, offset: int
) -> tuple[list[Programme], int]:
    """One page of the programmes a coordinator runs (never anyone else's), newest first."""
    return await paginate(db, coordination.programmes_of(coordinator_id), limit, offset)


async def update_programme(db: AsyncSession, programme_id: int, data: ProgrammeUpdate) -> Programme:
    programme = await get_or_404(db, Programme, programme_id, "Programme")
    for key, value in data.model_dump(exclude_unset=True).items():
        if value is not None or key == "start_date":
            setattr(programme, key, value)
    await db.commit()
    await db.refresh(programme)
    return programme


async def delete_row(db: AsyncSession, model: type[Base], obj_id: int, label: str) -> None:
    """Delete a row (children cascade); 404 when it does not exist."""
    obj = await get_or_404(db, model, obj_id, label)
    await db.delete(obj)
    await db.commit()


# --- participants -------------------------------------------------------------------------


async def _check_manager(
    db: AsyncSession, programme_id: int, manager_id: int | None, self_id: int | None
) -> None:
    if manager_id is None:
        return
    if manager_id == self_id:
        raise RuleViolation("A participant cannot be their own manager", code="own_manager")
    manager = await db.get(Participant, manager_id)
    if manager is None or manager.programme_id != programme_id:
        raise RuleViolation(
            f"Manager {manager_id} is not a participant of programme {programme_id}",
            code="manager_elsewhere",
        )


async def _check_no_line_in_pairs(db: AsyncSession, participant: Participant, manager_id: int | None) -> None:
    """Refuse a new manager who shares a pair with the participant (the reporting-line rule)."""
    if manager_id is None or manager_id == participant.manager_id:
        return
    mine = select(PairMember.pair_id).where(PairMember.participant_id == participant.id)
    shared = (
        await db.execute(
            select(Pair.id, Pair.format)
            .join(PairMember, PairMember.pair_id == Pair.id)
            .where(PairMember.participant_id == manager_id, PairMember.pair_id.in_(mine))
            .limit(1)
        )
    ).first()
    if shared is not None:
        manager = await db.get(Participant, manager_id)
        name = manager.display_name if manager else str(manager_id)
        raise RuleViolation(
            f"{participant.display_name} (participant {participant.id}) cannot report directly to {name} "
            f"(participant {manager_id}): both are in pair {shared.id}, and a pair must not contain a "
            "direct reporting line",
            errors=[{"key": "manager_id", "message": "direct reporting line inside a pair"}],
            code="reporting_line_in_pair",
            # the shared pair's format, so pages say "in derselben Gruppe" for a group
            params={"member": participant.display_name, "manager": name, "format": shared.format},
        )


async def create_participant(db: AsyncSession, programme_id: int, data: ParticipantCreate) -> Participant:
    await get_or_404(db, Programme, programme_id, "Programme")
    await _check_manager(db, programme_id, data.manager_id, None)
    participant = Participant(programme_id=programme_id, **data.model_dump())
    db.add(participant)
    await db.commit()
    return participant


async def update_participant(db: AsyncSession, participant_id: int, data: ParticipantUpdate) -> Participant:
    participant = await get_or_404(db, Participant, participant_id, "Participant")
    changes = data.model_dump(exclude_unset=True)
    if "manager_id" in changes:
        await _check_manager(db, participant.programme_id, changes["manager_id"], participant.id)
        await _check_no_line_in_pairs(db, participant, changes["manager_id"])
    for key, value in changes.items():
        setattr(participant, key, value)
    await db.commit()
    await db.refresh(participant)
    return participant


async def pairs_with(db: AsyncSession, participant_id: int) -> list[Pair]:
    """The pairs a participant is a member of, by id."""
    stmt = (
        select(Pair)
        .join(PairMember, PairMember.pair_id == Pair.id)
        .where(PairMember.participant_id == participant_id)
        .order_by(Pair.id)
    )
    return list((await db.scalars(stmt)).unique().all())


def in_groups(pairs: Iterable[Pair]) -> bool | None:
    """Which word a member's texts use for "your pair": True when every one of ``pairs`` is a group
    ("deine Gruppe"), False when none is ("dein Tandem"), None when there are none yet or both
    kinds, where a text has to hold for either."""
    kinds = {pair.format == "group" for pair in pairs}
    return kinds.pop() if len(kinds) == 1 else None


# --- pairs --------------------------------------------------------------------------------


def pair_read(pair: Pair) -> PairRead:
    """The API view of a pair with its member ids."""
    return PairRead(
        id=pair.id,
        programme_id=pair.programme_id,
        name=pair.name,
        format=pair.format,
        goals=list(pair.goals),
        junior_ids=pair.member_ids("junior"),
        senior_ids=pair.member_ids("senior"),
        created_at=pair.created_at,
    )


def check_format_sizes(fmt: str, juniors: int, seniors: int) -> None:
    """Refuse member counts that the pair's format does not allow."""
    jmin, jmax, smin, smax = FORMAT_SIZES[fmt]
    if not (jmin <= juniors <= jmax and smin <= seniors <= smax):
        want_j = f"{jmin}" if jmin == jmax else f"{jmin}–{jmax}"
        want_s = f"{smin}" if smin == smax else f"{smin}–{smax}"
        raise RuleViolation(
            f"Format '{fmt}' needs {want_j} junior(s) and {want_s} senior(s); "
            f"got {juniors} junior(s) and {seniors} senior(s)",
            code="format_sizes",
            params={
                "format": fmt,
                "want_j": want_j,
                "want_s": want_s,
                "juniors": juniors,
                "seniors": seniors,
            },
        )


def check_reporting_lines(members: Sequence[Participant], fmt: str) -> None:
    """Refuse a pair in which one member reports directly to another (no line manager in a pair);
    ``fmt`` is the pair's format, so pages can say "Gruppe" for a group."""
    by_id = {m.id: m for m in members}
    for member in members:
        if member.manager_id is not None and member.manager_id in by_id:
            manager = by_id[member.manager_id]
            raise RuleViolation(
                f"{member.display_name} (participant {member.id}) reports directly to "
                f"{manager.display_name} (participant {manager.id}); a pair must not contain a "
                "direct reporting line",
                errors=[{"key": "junior_ids/senior_ids", "message": "direct reporting line inside the pair"}],
                code="reporting_line",
                params={"member": member.display_name, "manager": manager.display_name, "format": fmt},
            )


async def create_pair(db: AsyncSession, programme_id: int, data: PairCreate) -> Pair:
    programme = await get_or_404(db, Programme, programme_id, "Programme")
    fmt = data.format or programme.format
    ids = data.junior_ids + data.senior_ids
    if len(set(ids)) != len(ids):
        raise RuleViolation("A participant appears more than once in the pair", code="duplicate_member")
    check_format_sizes(fmt, len(data.junior_ids), len(data.senior_ids))
    found = {p.id: p for p in (await db.scalars(select(Participant).where(Participant.id.in_(ids)))).all()}
    for pid, role in [(i, "junior") for i in data.junior_ids] + [(i, "senior") for i in data.senior_ids]:
        participant = found.get(pid)
        if participant is None or participant.programme_id != programme_id:
            raise RuleViolation(
                f"Participant {pid} is not part of programme {programme_id}", code="not_in_programme"
            )
        if participant.role != role:
            raise RuleViolation(
                f"Participant {pid} ({participant.display_name}) is a {participant.role}, not a {role}",
                code="wrong_role",
                params={"member": participant.display_name, "is_role": participant.role, "want_role": role},
            )
    check_reporting_lines(list(found.values()), fmt)
    pair = Pair(programme_id=programme_id, format=fmt, name=data.name, goals=list(data.goals))
    pair.members = [PairMember(participant_id=i, role="junior") for i in data.junior_ids] + [
        PairMember(participant_id=i, role="senior") for i in data.senior_ids
    ]
    db.add(pair)
    await db.commit()
    await db.refresh(pair)
    return pair


async def update_pair(db: AsyncSession, pair_id: int, data: PairUpdate) -> Pair:
    pair = await get_or_404(db, Pair, pair_id, "Pair")
    for key, value in data.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(pair, key, value)
    await db.commit()
    await db.refresh(pair)
    return pair
