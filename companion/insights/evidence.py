"""Which pairs count towards k: only pairs that are real by the programme's own evidence.

A coordinator can create people, pairs and invite links through the API. If such made-up pairs
counted, a hostile coordinator could add k - 1 of them that tick a theme and learn whether one real
pair ticked it too (the sybil attack). So a pair counts only when **all** of this holds:

1. every member signed in *themselves*: one of their invite links was used by a request that
   carried no coordinator credentials, from a client (keyed hash of address and user agent) that no
   coordinator of the programme used to create a link or to sign in;
2. a member (not a coordinator, who cannot reach sessions at all) marked one of the pair's sessions
   as held;
3. the themes it contributes were ticked by members in their own, shared reflections.

What this does not stop — a coordinator who signs in as made-up people from other devices and
networks — is written down in the README's threat model.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.models import Invite, ProgrammeCoordinator
from companion.db.models import MentoringSession, Pair, PairMember, Participant, Reflection


async def coordinator_clients(db: AsyncSession, programme_id: int) -> set[str]:
    """Client hashes a coordinator of the programme used: to create links, or to sign in."""
    coordinators = set(
        (
            await db.scalars(
                select(ProgrammeCoordinator.coordinator_id).where(
                    ProgrammeCoordinator.programme_id == programme_id
                )
            )
        ).all()
    )
    if not coordinators:
        return set()
    rows = (
        await db.execute(
            select(
                Invite.created_client, Invite.redeemed_client, Invite.created_by, Invite.coordinator_id
            ).where((Invite.created_by.in_(coordinators)) | (Invite.coordinator_id.in_(coordinators)))
        )
    ).all()
    out: set[str] = set()
    for created, redeemed, created_by, coordinator_id in rows:
        if created_by in coordinators and created:
            out.add(created)
        if coordinator_id in coordinators and redeemed:
            out.add(redeemed)
    return out


async def self_signed_in(db: AsyncSession, programme_id: int) -> set[int]:
    """Participants of the programme who signed in themselves (rule 1)."""
    foreign = await coordinator_clients(db, programme_id)
    rows = (
        await db.execute(
            select(Invite.participant_id, Invite.redeemed_client, Invite.redeemed_by_coordinator)
            .join(Participant, Participant.id == Invite.participant_id)
            .where(Participant.programme_id == programme_id, Invite.used_at.is_not(None))
        )
    ).all()
    return {
        int(pid)
        for pid, client, by_coordinator in rows
        if pid is not None and client and not by_coordinator and client not in foreign
    }


async def evidenced_pairs(db: AsyncSession, programme_id: int) -> set[int]:
    """Pairs of the programme that count towards k (rules 1 and 2)."""
    signed_in = await self_signed_in(db, programme_id)
    members: dict[int, set[int]] = defaultdict(set)
    for pair_id, participant_id in (
        await db.execute(
            select(PairMember.pair_id, PairMember.participant_id)
            .join(Pair, Pair.id == PairMember.pair_id)
            .where(Pair.programme_id == programme_id)
        )
    ).all():
        members[int(pair_id)].add(int(participant_id))
    held = (
        await db.execute(
            select(MentoringSession.pair_id, MentoringSession.held_by).where(
                MentoringSession.pair_id.in_(members), MentoringSession.status == "held"
            )
        )
    ).all()
    held_by_member = {int(p) for p, by in held if by is not None and by in members[int(p)]}
    return {p for p, people in members.items() if people and people <= signed_in and p in held_by_member}


async def ticked_themes(db: AsyncSession, pairs: set[int]) -> dict[int, set[str]]:
    """Per pair: the themes its members ticked in their own shared reflections (rule 3)."""
    if not pairs:
        return {}
    members = {
        (int(p), int(m))
        for p, m in (
            await db.execute(
                select(PairMember.pair_id, PairMember.participant_id).where(PairMember.pair_id.in_(pairs))
            )
        ).all()
    }
    rows = (
        await db.execute(
            select(MentoringSession.pair_id, Reflection.author_id, Reflection.themes)
            .join(Reflection, Reflection.session_id == MentoringSession.id)
            .where(MentoringSession.pair_id.in_(pairs), Reflection.shared_at.is_not(None))
        )
    ).all()
    out: dict[int, set[str]] = defaultdict(set)
    for pair_id, author, themes in rows:
        if author is None or (int(pair_id), int(author)) not in members:
            continue
        out[int(pair_id)] |= {t for t in (themes or []) if isinstance(t, str) and t.startswith("topic-")}
    return {p: t for p, t in out.items() if t}
