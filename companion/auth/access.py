"""What a person (participant or coordinator) can see and do about access to their own account.

Invite links are created by coordinators, so a coordinator could open a participant's link themselves
and act as the participant. Everyone therefore sees every link made for them (who made it, when it was
used) and every open sign-in and API token, can end one of them (``DELETE /api/auth/tokens/{id}``,
``companion token revoke``) or all others at once, which also voids unused links. The overview is built
from the invite and token rows that sign-in already keeps; nothing new is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.models import AuthToken, Coordinator, Invite
from companion.auth.principal import Principal
from companion.auth.services import as_utc, hash_secret
from companion.db.models import utcnow
from companion.notifications.models import Notification


@dataclass(frozen=True)
class LinkRecord:
    """One invite link made for the person."""

    created_at: datetime
    created_by: str | None  # coordinator's name; None when made from the command line or deleted
    used_at: datetime | None
    expires_at: datetime
    via: str | None = None  # "invite" (mailed by a coordinator) or "signin" (asked for by mail)

    @property
    def state(self) -> str:
        """``used``, ``open`` or ``expired``."""
        if self.used_at is not None:
            return "used"
        return "open" if as_utc(self.expires_at) > utcnow() else "expired"


@dataclass(frozen=True)
class SignInRecord:
    """One active browser sign-in or API token."""

    id: int
    kind: str  # "session" or "api"
    label: str | None
    created_at: datetime
    expires_at: datetime
    current: bool  # the sign-in this very request uses


@dataclass(frozen=True)
class AccessOverview:
    links: list[LinkRecord]
    sign_ins: list[SignInRecord]


def _owned(model: Any, who: Principal) -> Any:
    """The condition "belongs to ``who``" on an invite or token row."""
    column = model.coordinator_id if who.is_coordinator else model.participant_id
    return column == who.id


async def sign_ins(db: AsyncSession, who: Principal, current_secret: str | None = None) -> list[SignInRecord]:
    """The person's active (unexpired, unrevoked) sign-ins and API tokens, newest first."""
    current_hash = hash_secret(current_secret) if current_secret else None
    tokens = await db.scalars(
        select(AuthToken)
        .where(_owned(AuthToken, who), AuthToken.revoked_at.is_(None))
        .order_by(AuthToken.created_at.desc(), AuthToken.id.desc())
    )
    now = utcnow()
    return [
        SignInRecord(t.id, t.kind, t.label, t.created_at, t.expires_at, t.token_hash == current_hash)
        for t in tokens.all()
        if as_utc(t.expires_at) > now
    ]


async def access_overview(
    db: AsyncSession, who: Principal, current_secret: str | None = None, limit: int = 20
) -> AccessOverview:
    """The newest links made for the person and their active sign-ins."""
    rows = await db.execute(
        select(Invite, Coordinator.name, Notification.kind)
        .outerjoin(Coordinator, Coordinator.id == Invite.created_by)
        .outerjoin(Notification, Notification.invite_id == Invite.id)
        .where(_owned(Invite, who))
        .order_by(Invite.created_at.desc(), Invite.id.desc())
        .limit(limit)
    )
    links = [
        LinkRecord(inv.created_at, name, inv.used_at, inv.expires_at, via) for inv, name, via in rows.all()
    ]
    return AccessOverview(links, (await sign_ins(db, who, current_secret))[:limit])


async def end_sign_in(db: AsyncSession, who: Principal, token_id: int) -> bool:
    """Revoke one of the person's own active sign-ins or tokens; False when there is no such one (another
    person's token looks exactly like a missing one)."""
    result = await db.execute(
        update(AuthToken)
        .where(AuthToken.id == token_id, _owned(AuthToken, who), AuthToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    await db.commit()
    return bool(getattr(result, "rowcount", 0))


async def end_other_access(db: AsyncSession, who: Principal, current_secret: str | None) -> int:
    """Revoke every sign-in and API token of the person except the current one, and void their unused
    links. Returns how many sign-ins and links were ended."""
    now = utcnow()
    keep = hash_secret(current_secret) if current_secret else ""
    tokens = await db.execute(
        update(AuthToken)
        .where(_owned(AuthToken, who), AuthToken.revoked_at.is_(None), AuthToken.token_hash != keep)
        .values(revoked_at=now)
    )
    links = await db.execute(
        update(Invite)
        .where(_owned(Invite, who), Invite.used_at.is_(None), Invite.expires_at > now)
        .values(expires_at=now)
    )
    await db.commit()
    return int(getattr(tokens, "rowcount", 0) or 0) + int(getattr(links, "rowcount", 0) or 0)
