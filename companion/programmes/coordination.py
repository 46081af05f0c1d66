"""Which coordinator runs which programme: links, co-coordinators (added and removed) and the scoped
programme list.

A coordinator reaches only the programmes linked to them in ``programme_coordinators``; the guard
(``companion.auth.policy``) asks :func:`coordinates` for single objects, and lists are filtered here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.models import Coordinator, ProgrammeCoordinator
from companion.db.models import Programme
from companion.errors import ConflictError, NotFoundError


async def coordinates(db: AsyncSession, coordinator_id: int, programme_id: int) -> bool:
    """True when the coordinator is linked to the programme."""
    found = await db.scalar(
        select(ProgrammeCoordinator.programme_id).where(
            ProgrammeCoordinator.programme_id == programme_id,
            ProgrammeCoordinator.coordinator_id == coordinator_id,
        )
    )
    return found is not None


async def link(db: AsyncSession, programme_id: int, coordinator_id: int, *, commit: bool = True) -> bool:
    """Link a coordinator to a programme; idempotent. True when a new link was made."""
    if await coordinates(db, coordinator_id, programme_id):
        return False
    db.add(ProgrammeCoordinator(programme_id=programme_id, coordinator_id=coordinator_id))
    if commit:
        await db.commit()
    else:
        await db.flush()
    return True


def programmes_of(coordinator_id: int) -> Select[Any]:
    """The programmes a coordinator runs, newest first (a query to paginate)."""
    return (
        select(Programme)
        .join(ProgrammeCoordinator, ProgrammeCoordinator.programme_id == Programme.id)
        .where(ProgrammeCoordinator.coordinator_id == coordinator_id)
        .order_by(Programme.id.desc())
    )


def coordinators_of(programme_id: int) -> Select[Any]:
    """The coordinators of a programme, by name (a query to paginate)."""
    return (
        select(Coordinator)
        .join(ProgrammeCoordinator, ProgrammeCoordinator.coordinator_id == Coordinator.id)
        .where(ProgrammeCoordinator.programme_id == programme_id)
        .order_by(Coordinator.name, Coordinator.id)
    )


async def add_coordinator(db: AsyncSession, programme_id: int, email: str) -> tuple[Coordinator, bool]:
    """Make the existing coordinator with ``email`` a co-coordinator of the programme.

    Idempotent; returns the coordinator and whether a new link was made. 404 for an unknown programme
    or e-mail address (coordinators are created with ``companion coordinator create``)."""
    if await db.get(Programme, programme_id) is None:
        raise NotFoundError(f"Programme {programme_id} does not exist")
    normalised = email.strip().lower()
    coordinator = await db.scalar(select(Coordinator).where(Coordinator.email == normalised))
    if coordinator is None:
        raise NotFoundError(
            f"No coordinator with e-mail {normalised}; create one first",
            code="unknown_coordinator",
            params={"email": normalised},
        )
    return coordinator, await link(db, programme_id, coordinator.id)


async def remove_coordinator(db: AsyncSession, programme_id: int, coordinator_id: int) -> None:
    """Unlink a coordinator from a programme (they may remove themselves while others remain).

    404 for an unknown programme or a coordinator who is not linked to it; 409 for the last one, so
    that a programme always has someone who runs it. The programme row is locked (PostgreSQL) so two
    coordinators removing each other at once cannot leave it without one."""
    locked = select(Programme.id).where(Programme.id == programme_id).with_for_update()
    if await db.scalar(locked) is None:
        raise NotFoundError(f"Programme {programme_id} does not exist")
    if not await coordinates(db, coordinator_id, programme_id):
        raise NotFoundError(
            f"Coordinator {coordinator_id} does not coordinate programme {programme_id}",
            code="not_a_coordinator",
        )
    count = await db.scalar(select(func.count()).where(ProgrammeCoordinator.programme_id == programme_id))
    if int(count or 0) <= 1:
        raise ConflictError(
            f"Coordinator {coordinator_id} is the last coordinator of programme {programme_id}; "
            "add another coordinator first"
        )
    await db.execute(
        delete(ProgrammeCoordinator).where(
            ProgrammeCoordinator.programme_id == programme_id,
            ProgrammeCoordinator.coordinator_id == coordinator_id,
        )
    )
    await db.commit()
