"""JSON API for programmes, participants and pairs. Thin: parse, call the service, shape output."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.params import Parameter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import acting_coordinator
from companion.db.models import Pair, Participant, Programme
from companion.programmes import coordination
from companion.programmes import services as svc
from companion.programmes.schemas import (
    CoordinatorAdd,
    CoordinatorRead,
    Page,
    PairCreate,
    PairRead,
    PairUpdate,
    ParticipantCreate,
    ParticipantRead,
    ParticipantUpdate,
    ProgrammeCreate,
    ProgrammeRead,
    ProgrammeUpdate,
)
from companion.validation import MAX_ID

Limit = Annotated[int, Parameter(ge=1, le=100, description="Page size")]
Offset = Annotated[int, Parameter(ge=0, le=1_000_000, description="Items to skip")]
ProgrammeId = Annotated[int, Parameter(ge=1, le=MAX_ID)]
ObjId = Annotated[int, Parameter(ge=1, le=MAX_ID)]


class ProgrammeController(Controller):
    path = "/api/programmes"
    tags = ["programmes"]

    @post("/")
    async def create(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, data: ProgrammeCreate
    ) -> ProgrammeRead:
        """Create a programme; the caller becomes its coordinator."""
        programme = await svc.create_programme(db_session, data, acting_coordinator(request))
        return ProgrammeRead.model_validate(programme)

    @get("/")
    async def list_programmes(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, limit: Limit = 20, offset: Offset = 0
    ) -> Page[ProgrammeRead]:
        """The programmes the caller coordinates, newest first."""
        rows, total = await svc.list_programmes(db_session, acting_coordinator(request), limit, offset)
        return Page(
            items=[ProgrammeRead.model_validate(r) for r in rows], total=total, limit=limit, offset=offset
        )

    @get("/{programme_id:int}")
    async def read(self, db_session: AsyncSession, programme_id: ProgrammeId) -> ProgrammeRead:
        """One programme."""
        return ProgrammeRead.model_validate(
            await svc.get_or_404(db_session, Programme, programme_id, "Programme")
        )

    @patch("/{programme_id:int}")
    async def update(
        self, db_session: AsyncSession, programme_id: ProgrammeId, data: ProgrammeUpdate
    ) -> ProgrammeRead:
        """Change a programme's settings."""
        return ProgrammeRead.model_validate(await svc.update_programme(db_session, programme_id, data))

    @delete("/{programme_id:int}")
    async def remove(self, db_session: AsyncSession, programme_id: ProgrammeId) -> None:
        """Delete a programme with everything in it."""
        await svc.delete_row(db_session, Programme, programme_id, "Programme")

    @post("/{programme_id:int}/participants")
    async def add_participant(
        self, db_session: AsyncSession, programme_id: ProgrammeId, data: ParticipantCreate
    ) -> ParticipantRead:
        """Add a participant (junior or senior) to a programme."""
        return ParticipantRead.model_validate(await svc.create_participant(db_session, programme_id, data))

    @get("/{programme_id:int}/participants")
    async def list_participants(
        self, db_session: AsyncSession, programme_id: ProgrammeId, limit: Limit = 20, offset: Offset = 0
    ) -> Page[ParticipantRead]:
        """Participants of a programme."""
        await svc.get_or_404(db_session, Programme, programme_id, "Programme")
        stmt = select(Participant).where(Participant.programme_id == programme_id).order_by(Participant.id)
        rows, total = await svc.paginate(db_session, stmt, limit, offset)
        return Page(
            items=[ParticipantRead.model_validate(r) for r in rows], total=total, limit=limit, offset=offset
        )

    @post("/{programme_id:int}/pairs")
    async def add_pair(
        self, db_session: AsyncSession, programme_id: ProgrammeId, data: PairCreate
    ) -> PairRead:
        """Form a pair or small group; refused when a member reports directly to another."""
        return svc.pair_read(await svc.create_pair(db_session, programme_id, data))

    @get("/{programme_id:int}/pairs")
    async def list_pairs(
        self, db_session: AsyncSession, programme_id: ProgrammeId, limit: Limit = 20, offset: Offset = 0
    ) -> Page[PairRead]:
        """Pairs of a programme."""
        await svc.get_or_404(db_session, Programme, programme_id, "Programme")
        stmt = select(Pair).where(Pair.programme_id == programme_id).order_by(Pair.id)
        rows, total = await svc.paginate(db_session, stmt, limit, offset)
        return Page(items=[svc.pair_read(r) for r in rows], total=total, limit=limit, offset=offset)


class ParticipantController(Controller):
    path = "/api/participants"
    tags = ["participants"]

    @get("/{participant_id:int}")
    async def read(self, db_session: AsyncSession, participant_id: ObjId) -> ParticipantRead:
        """One participant."""
        return ParticipantRead.model_validate(
            await svc.get_or_404(db_session, Participant, participant_id, "Participant")
        )

    @patch("/{participant_id:int}")
    async def update(
        self, db_session: AsyncSession, participant_id: ObjId, data: ParticipantUpdate
    ) -> ParticipantRead:
        """Change a participant."""
        return ParticipantRead.model_validate(await svc.update_participant(db_session, participant_id, data))

    @delete("/{participant_id:int}")
    async def remove(self, db_session: AsyncSession, participant_id: ObjId) -> None:
        """Remove a participant."""
        await svc.delete_row(db_session, Participant, participant_id, "Participant")


class PairController(Controller):
    path = "/api/pairs"
    tags = ["pairs"]

    @get("/{pair_id:int}")
    async def read(self, db_session: AsyncSession, pair_id: ObjId) -> PairRead:
        """One pair with its members."""
        return svc.pair_read(await svc.get_or_404(db_session, Pair, pair_id, "Pair"))

    @patch("/{pair_id:int}")
    async def update(self, db_session: AsyncSession, pair_id: ObjId, data: PairUpdate) -> PairRead:
        """Change a pair's name or shared goals."""
        return svc.pair_read(await svc.update_pair(db_session, pair_id, data))

    @delete("/{pair_id:int}")
    async def remove(self, db_session: AsyncSession, pair_id: ObjId) -> None:
        """Dissolve a pair (its sessions go with it)."""
        await svc.delete_row(db_session, Pair, pair_id, "Pair")


class ProgrammeCoordinatorController(Controller):
    path = "/api/programmes/{programme_id:int}/coordinators"
    tags = ["programmes"]

    @post("/")
    async def add(
        self, db_session: AsyncSession, programme_id: ProgrammeId, data: CoordinatorAdd
    ) -> Response[CoordinatorRead]:
        """Add an existing coordinator (by e-mail) as co-coordinator: 201 when added, 200 when they
        already were one; 404 for an unknown e-mail address."""
        coordinator, added = await coordination.add_coordinator(db_session, programme_id, data.email)
        return Response(CoordinatorRead.model_validate(coordinator), status_code=201 if added else 200)

    @get("/")
    async def list_coordinators(
        self, db_session: AsyncSession, programme_id: ProgrammeId, limit: Limit = 20, offset: Offset = 0
    ) -> Page[CoordinatorRead]:
        """The coordinators of a programme (names and e-mail addresses)."""
        rows, total = await svc.paginate(
            db_session, coordination.coordinators_of(programme_id), limit, offset
        )
        return Page(
            items=[CoordinatorRead.model_validate(r) for r in rows], total=total, limit=limit, offset=offset
        )

    @delete("/{coordinator_id:int}")
    async def remove(
        self, db_session: AsyncSession, programme_id: ProgrammeId, coordinator_id: ObjId
    ) -> None:
        """Remove a coordinator from the programme (204); 404 when they are not linked, 409 for the last
        coordinator. A coordinator may remove themselves while others remain."""
        await coordination.remove_coordinator(db_session, programme_id, coordinator_id)
