"""A participant's own matching preferences: expertise and interests (on the participant), time slots,
formats and the private "rather not with" list (only ever read back to the participant)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import Participant
from companion.errors import RuleViolation
from companion.generation.topics import TopicResolver
from companion.matching.fit import FitModel
from companion.matching.models import MatchingPreference
from companion.matching.schemas import Member, PreferencesRead, PreferencesUpdate
from companion.programmes import services as psvc


async def candidates(db: AsyncSession, me: Participant) -> list[Participant]:
    """People of the other role in the participant's programme (whom they may name)."""
    other = "senior" if me.role == "junior" else "junior"
    rows = await db.scalars(
        select(Participant)
        .where(Participant.programme_id == me.programme_id, Participant.role == other)
        .order_by(Participant.display_name, Participant.id)
    )
    return list(rows.all())


async def read(db: AsyncSession, participant_id: int) -> PreferencesRead:
    """The participant's preferences and whom they may name."""
    me = await psvc.get_or_404(db, Participant, participant_id, "Participant")
    pref = await db.get(MatchingPreference, participant_id)
    return PreferencesRead(
        expertise=list(me.expertise or []),
        interests=list(me.interests or []),
        availability=list(pref.availability) if pref else [],
        formats=list(pref.formats) if pref else [],
        rather_not=list(pref.rather_not) if pref else [],
        candidates=[
            Member(id=p.id, name=p.display_name, department=p.department) for p in await candidates(db, me)
        ],
    )


async def update(db: AsyncSession, participant_id: int, data: PreferencesUpdate) -> PreferencesRead:
    """Store what the participant stated; ``rather_not`` may only name people of the other role in
    their programme."""
    me = await psvc.get_or_404(db, Participant, participant_id, "Participant")
    changes = data.model_dump(exclude_unset=True)
    if changes.get("rather_not") is not None:
        allowed = {p.id for p in await candidates(db, me)}
        unknown = [i for i in changes["rather_not"] if i not in allowed]
        if unknown:
            raise RuleViolation(
                f"rather_not may only name people of the other role in your programme; not: {unknown}",
                code="rather_not_unknown",
            )
        changes["rather_not"] = sorted(set(changes["rather_not"]))
    for key in ("expertise", "interests"):
        if changes.get(key) is not None:
            setattr(me, key, list(dict.fromkeys(changes[key])))
    pref = await db.get(MatchingPreference, participant_id)
    if pref is None:
        pref = MatchingPreference(participant_id=participant_id, availability=[], formats=[], rather_not=[])
        db.add(pref)
    for key in ("availability", "formats", "rather_not"):
        if changes.get(key) is not None:
            setattr(pref, key, list(dict.fromkeys(changes[key])))
    await db.commit()
    return await read(db, participant_id)


def fit_model(retriever: Any, lang: str) -> FitModel:
    """A fit model on the retriever's primary embedder and its knowledge base's topic taxonomy."""
    embedder = retriever.channels[0].embedder
    return FitModel(embedder, TopicResolver(retriever.knowledge, retriever), lang)
