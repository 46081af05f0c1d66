"""Sign-in logic: coordinators, invites (single use, expiring) and session / API tokens.

Secrets are random 256-bit values; only their SHA-256 is stored. Redeeming an invite marks it used in
the same transaction that creates the session, so a link works exactly once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, Literal

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.models import AuthToken, Coordinator, Invite
from companion.auth.principal import Principal
from companion.db.models import PairMember, Participant, Programme
from companion.errors import ConflictError, DomainError, NotFoundError

TokenKind = Literal["session", "api"]


class InviteInvalid(DomainError):
    """The invite link is unknown, used or expired (one message for all three: no oracle)."""

    status_code = 400
    title = "Invite link not valid"


def hash_secret(raw: str) -> str:
    """SHA-256 hex of a secret; what the database stores."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_secret() -> str:
    """A fresh URL-safe random secret (256 bits)."""
    return secrets.token_urlsafe(32)


def _now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """``value`` as an aware UTC datetime."""
    # SQLite returns naive datetimes even for timezone=True columns; they were written in UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


async def create_coordinator(db: AsyncSession, name: str, email: str, language: str = "de") -> Coordinator:
    """Create a coordinator; 409 when the e-mail address is already taken."""
    email = email.strip().lower()
    if await db.scalar(select(Coordinator.id).where(Coordinator.email == email)) is not None:
        raise ConflictError(f"A coordinator with e-mail {email} already exists")
    coordinator = Coordinator(name=name.strip(), email=email, language=language)
    db.add(coordinator)
    await db.commit()
    return coordinator


async def coordinator_by_email(db: AsyncSession, email: str) -> Coordinator | None:
    return await db.scalar(select(Coordinator).where(Coordinator.email == email.strip().lower()))


def client_hash(secret: str, host: str | None, user_agent: str | None) -> str:
    """A keyed hash of who is calling (address and browser): comparable, not reversible."""
    return hashlib.sha256(f"{secret}|{host or '-'}|{user_agent or '-'}".encode()).hexdigest()[:32]


async def create_invite(
    db: AsyncSession,
    *,
    participant_id: int | None = None,
    coordinator_id: int | None = None,
    created_by: int | None = None,
    ttl_hours: int = 72,
    client: str | None = None,
) -> tuple[Invite, str]:
    """A single-use invite for exactly one person; returns the row and the raw secret for the link."""
    if (participant_id is None) == (coordinator_id is None):
        raise ValueError("an invite is for exactly one participant or coordinator")
    if participant_id is not None and await db.get(Participant, participant_id) is None:
        raise NotFoundError(f"Participant {participant_id} does not exist")
    if coordinator_id is not None and await db.get(Coordinator, coordinator_id) is None:
        raise NotFoundError(f"Coordinator {coordinator_id} does not exist")
    raw = new_secret()
    invite = Invite(
        token_hash=hash_secret(raw),
        participant_id=participant_id,
        coordinator_id=coordinator_id,
        created_by=created_by,
        expires_at=_now() + timedelta(hours=ttl_hours),
        created_client=client,
    )
    db.add(invite)
    await db.commit()
    return invite, raw


async def redeem_invite(
    db: AsyncSession,
    raw: str,
    session_ttl_hours: int,
    *,
    client: str | None = None,
    by_coordinator: bool = False,
) -> tuple[Principal, str]:
    """Use an invite once: mark it used and open a browser session. Returns the person and the
    session secret for the cookie. Unknown, used and expired links fail alike. ``client`` and
    ``by_coordinator`` (the request carried a coordinator's credentials) are kept as evidence of who
    really signed in (see ``companion.insights.evidence``)."""
    now = _now()
    invite = await db.scalar(select(Invite).where(Invite.token_hash == hash_secret(raw)))
    if invite is None or invite.used_at is not None or as_utc(invite.expires_at) <= now:
        raise InviteInvalid(
            "This sign-in link is not valid (already used or expired). Ask your coordinator for a new one."
        )
    # Conditional update: of two simultaneous redemptions only one changes the row.
    result = await db.execute(
        update(Invite)
        .where(Invite.id == invite.id, Invite.used_at.is_(None))
        .values(used_at=now, redeemed_client=client, redeemed_by_coordinator=by_coordinator)
    )
    if getattr(result, "rowcount", 1) != 1:
        await db.rollback()
        raise InviteInvalid("This sign-in link has already been used.")
    raw_session = await _add_token(
        db, "session", invite.participant_id, invite.coordinator_id, timedelta(hours=session_ttl_hours), None
    )
    await db.commit()
    principal = await load_principal(db, invite.participant_id, invite.coordinator_id)
    if principal is None:  # the person was deleted between checks
        raise InviteInvalid("The person this link was for no longer exists.")
    return principal, raw_session


async def _add_token(
    db: AsyncSession,
    kind: TokenKind,
    participant_id: int | None,
    coordinator_id: int | None,
    ttl: timedelta,
    label: str | None,
) -> str:
    raw = new_secret()
    db.add(
        AuthToken(
            token_hash=hash_secret(raw),
            kind=kind,
            participant_id=participant_id,
            coordinator_id=coordinator_id,
            label=label,
            expires_at=_now() + ttl,
        )
    )
    return raw


async def issue_token(
    db: AsyncSession,
    principal: Principal,
    *,
    kind: TokenKind = "api",
    ttl: timedelta = timedelta(days=90),
    label: str | None = None,
) -> str:
    """Create a token for ``principal``; returns the raw secret (shown once)."""
    raw = await _add_token(
        db,
        kind,
        principal.id if principal.is_participant else None,
        principal.id if principal.is_coordinator else None,
        ttl,
        label,
    )
    await db.commit()
    return raw


@cache
def _principal_query() -> Any:
    """The principal lookup, built once on the tables (Core, not the ORM): it runs on every signed-in
    request, and a reused Core statement keeps its memoised cache key and skips the ORM's compile
    and loading steps."""
    token, coord, person = AuthToken.__table__.c, Coordinator.__table__.c, Participant.__table__.c
    prog, member = Programme.__table__.c, PairMember.__table__.c
    return (
        select(
            token.revoked_at,
            token.expires_at,
            coord.id,
            coord.name,
            coord.language,
            person.id,
            person.display_name,
            person.programme_id,
            person.role,
            prog.language,
            member.pair_id,
        )
        .select_from(AuthToken.__table__)
        .outerjoin(Coordinator.__table__, coord.id == token.coordinator_id)
        .outerjoin(Participant.__table__, person.id == token.participant_id)
        .outerjoin(Programme.__table__, prog.id == person.programme_id)
        .outerjoin(PairMember.__table__, member.participant_id == person.id)
        .where(token.token_hash == bindparam("token_hash"), token.kind == bindparam("kind_"))
    )


async def resolve_token(db: AsyncSession, raw: str, kind: TokenKind) -> Principal | None:
    """The person a valid, unexpired, unrevoked token of ``kind`` belongs to, else None.

    One query on every signed-in request: the token with its coordinator, or its participant with the
    programme's language and one row per pair the participant belongs to (outer joins, so a
    participant without a pair still gets one row)."""
    if not raw or len(raw) > 200:
        return None
    rows = (await db.execute(_principal_query(), {"token_hash": hash_secret(raw), "kind_": kind})).all()
    if not rows:
        return None
    revoked_at, expires_at, cid, cname, clang, pid, pname, programme_id, role, plang, _ = rows[0]
    if revoked_at is not None or as_utc(expires_at) <= _now():
        return None
    if cid is not None:
        return Principal("coordinator", cid, cname, clang)
    if pid is None:  # the person was deleted
        return None
    return Principal(
        "participant",
        pid,
        pname,
        plang or "de",
        programme_id=programme_id,
        role=role,
        pair_ids=frozenset(row[-1] for row in rows if row[-1] is not None),
    )


async def revoke_token(db: AsyncSession, raw: str) -> bool:
    """Revoke a token (sign-out); True when one was revoked."""
    result = await db.execute(
        update(AuthToken)
        .where(AuthToken.token_hash == hash_secret(raw), AuthToken.revoked_at.is_(None))
        .values(revoked_at=_now())
    )
    await db.commit()
    return bool(getattr(result, "rowcount", 0))


async def load_principal(
    db: AsyncSession, participant_id: int | None, coordinator_id: int | None
) -> Principal | None:
    """Build the principal for a participant or coordinator id (None when the person is gone)."""
    if coordinator_id is not None:
        coordinator = await db.get(Coordinator, coordinator_id)
        if coordinator is None:
            return None
        return Principal("coordinator", coordinator.id, coordinator.name, coordinator.language)
    if participant_id is None:
        return None
    participant = await db.get(Participant, participant_id)
    if participant is None:
        return None
    language = await db.scalar(select(Programme.language).where(Programme.id == participant.programme_id))
    pair_ids = (
        await db.scalars(select(PairMember.pair_id).where(PairMember.participant_id == participant.id))
    ).all()
    return Principal(
        "participant",
        participant.id,
        participant.display_name,
        language or "de",
        programme_id=participant.programme_id,
        role=participant.role,
        pair_ids=frozenset(pair_ids),
    )


def sign_in_link(base_url: str, raw: str) -> str:
    """The URL that redeems invite ``raw``."""
    return f"{base_url.rstrip('/')}/auth/invite/{raw}"
