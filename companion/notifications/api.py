"""JSON API: invite a participant by e-mail (again), invitation status and undelivered mails of a
programme. Coordinators only, scoped to their programmes by the access rules."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, Request, get, post
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import acting_coordinator
from companion.notifications import service
from companion.notifications.setup import notifier_of
from companion.programmes.controllers import ObjId, ProgrammeId


class InvitationSent(BaseModel):
    notification_id: int
    participant_id: int
    email: str
    status: str


class InvitationRead(BaseModel):
    participant_id: int
    name: str
    email: str | None
    state: str  # never, pending, retrying, sent, opened, used, failed, skipped
    mails: int
    last_sent_at: datetime | None
    opened_at: datetime | None
    used_at: datetime | None
    error: str | None


class MailProblemRead(BaseModel):
    id: int
    kind: str
    recipient: str
    state: str
    attempts: int
    error: str | None
    created_at: datetime
    next_attempt_at: datetime | None


class InvitationApi(Controller):
    tags = ["notifications"]

    @post("/api/participants/{participant_id:int}/invitations", status_code=202)
    async def send(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, participant_id: ObjId
    ) -> InvitationSent:
        """Mail the participant a fresh single-use sign-in link (call again to re-send). 202: the mail
        is recorded and on its way; its state shows in the invitations list."""
        notifier = notifier_of(request)
        row = await service.record_invite(
            db_session, participant_id, acting_coordinator(request), notifier.services.clock()
        )
        await notifier.enqueue("deliver", notification_id=row.id)
        return InvitationSent(
            notification_id=row.id, participant_id=participant_id, email=row.email, status=row.status
        )

    @get("/api/programmes/{programme_id:int}/invitations")
    async def status(self, db_session: AsyncSession, programme_id: ProgrammeId) -> list[InvitationRead]:
        """Per participant: the state of their newest invite mail (sent, opened, used, failed …)."""
        return [InvitationRead(**vars(s)) for s in await service.invitation_status(db_session, programme_id)]

    @get("/api/programmes/{programme_id:int}/mail-problems")
    async def problems(self, db_session: AsyncSession, programme_id: ProgrammeId) -> list[MailProblemRead]:
        """Mails to the programme's people that failed or wait for another attempt (never content)."""
        return [MailProblemRead(**vars(p)) for p in await service.problems(db_session, programme_id)]
