"""Reflections: one per member and session, stored per slot; the author previews exactly what the
partner will see, may exclude sentences, edit or withdraw until a summary is made, and delete after
(the summary versions that quoted it are removed and a new one is made from what remains).

What the partner (and every composer) sees is derived, never stored: :func:`view` runs
:func:`companion.generation.discretion.shared_view` over the stored slots with the pair's members
(who may be named) and the programme's other participants (who may not).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import GeneratedOutput, MentoringSession, Pair, Participant, Reflection
from companion.errors import ConflictError, DomainError, NotFoundError, RuleViolation
from companion.generation.discretion import People, SharedSentence, shared_answers, shared_view
from companion.generation.reflection_slots import MAX_REFLECTIONS, NONE_OF_THESE, to_slots
from companion.generation.schemas import ReflectionInput
from companion.programmes.services import get_or_404
from companion.sessions.schemas import (
    PreviewSentence,
    ReflectionCreate,
    ReflectionRead,
    ReflectionUpdate,
    ReflectionView,
)


class NotYourReflection(DomainError):
    status_code = 403
    title = "Forbidden"


def _now() -> datetime:
    return datetime.now(UTC)


def _check_taxonomy(themes: Iterable[str], taxonomy: set[str] | None) -> None:
    unknown = [t for t in themes if t != NONE_OF_THESE and taxonomy is not None and t not in taxonomy]
    if unknown:
        raise RuleViolation(f"Unknown theme(s) {', '.join(unknown)}: tick topic card ids or 'none'")


def _merged_slots(answers: dict[str, str], slots: dict[str, str]) -> dict[str, str]:
    merged: dict[str, str] = dict(to_slots(answers))
    merged.update({k: v.strip() for k, v in slots.items() if v and v.strip()})
    return merged


async def people_of(db: AsyncSession, pair: Pair) -> People:
    """Members of ``pair`` may be named in what the partner reads; other participants may not."""
    member_ids = {m.participant_id for m in pair.members}
    rows = (
        await db.execute(
            select(Participant.id, Participant.display_name).where(
                Participant.programme_id == pair.programme_id
            )
        )
    ).all()
    return People(
        members=tuple(name for pid, name in rows if pid in member_ids),
        others=tuple(name for pid, name in rows if pid not in member_ids),
    )


async def _context(db: AsyncSession, reflection: Reflection) -> tuple[MentoringSession, Pair]:
    session = await get_or_404(db, MentoringSession, reflection.session_id, "Session")
    return session, await get_or_404(db, Pair, session.pair_id, "Pair")


async def sentences_of(db: AsyncSession, reflection: Reflection, language: str) -> list[SharedSentence]:
    """Every shared-slot sentence of ``reflection``, as the partner would read it, and why hidden."""
    _, pair = await _context(db, reflection)
    return shared_view(reflection.slots or {}, language, await people_of(db, pair), reflection.excluded or [])


def read(reflection: Reflection) -> ReflectionRead:
    """The author's full view."""
    return ReflectionRead(
        id=reflection.id,
        session_id=reflection.session_id,
        author_role=reflection.author_role,
        author_id=reflection.author_id,
        answers=dict(reflection.answers or {}),
        slots=dict(reflection.slots or {}),
        themes=list(reflection.themes or []),
        excluded=list(reflection.excluded or []),
        shared=reflection.shared_at is not None,
        locked=reflection.summarised_at is not None,
        created_at=reflection.created_at,
        updated_at=reflection.updated_at,
    )


async def view(db: AsyncSession, reflection: Reflection, language: str, *, author: bool) -> ReflectionView:
    """The preview (``author``: every sentence with the reason it is hidden) or the partner's view."""
    found = await sentences_of(db, reflection, language)
    visible, _ = shared_answers(found)
    partner = {slot: [s.text for s in found if s.slot == slot and s.hidden is None] for slot in visible}
    return ReflectionView(
        id=reflection.id,
        session_id=reflection.session_id,
        author_role=reflection.author_role,
        shared=reflection.shared_at is not None,
        themes=list(reflection.themes or []),
        sentences=[
            PreviewSentence(index=s.index, slot=s.slot, text=s.text, hidden=s.hidden)
            for s in found
            if author or s.hidden is None
        ],
        partner_sees={k: v for k, v in partner.items() if v},
    )


async def create(
    db: AsyncSession, session_id: int, data: ReflectionCreate, taxonomy: set[str] | None = None
) -> Reflection:
    """Store a reflection as submitted (answers and their slots); generation happens later."""
    session = await get_or_404(db, MentoringSession, session_id, "Session")
    if session.status == "cancelled":
        raise RuleViolation(f"Session {session_id} was cancelled; there is nothing to reflect on")
    _check_taxonomy(data.themes, taxonomy)
    if data.author_id is not None:
        pair = await get_or_404(db, Pair, session.pair_id, "Pair")
        roles = {m.participant_id: m.role for m in pair.members}
        if roles.get(data.author_id) != data.author_role:
            raise RuleViolation(
                f"Participant {data.author_id} is not a {data.author_role} of this session's pair"
            )
        mine = await db.scalar(
            select(Reflection.id).where(
                Reflection.session_id == session_id, Reflection.author_id == data.author_id
            )
        )
        if mine is not None:
            raise ConflictError(
                f"You already wrote reflection {mine} for this session; edit it (PATCH) instead"
            )
    count = await db.scalar(
        select(func.count()).select_from(Reflection).where(Reflection.session_id == session_id)
    )
    if int(count or 0) >= MAX_REFLECTIONS:
        raise RuleViolation(
            f"Session {session_id} already has {MAX_REFLECTIONS} reflections, the most one session takes"
        )
    now = _now()
    reflection = Reflection(
        session_id=session_id,
        author_role=data.author_role,
        author_id=data.author_id,
        answers=dict(data.answers),
        slots=_merged_slots(data.answers, {str(k): v for k, v in data.slots.items()}),
        themes=list(data.themes),
        excluded=sorted(set(data.excluded)),
        shared_at=now if data.share else None,
        created_at=now,
    )
    db.add(reflection)
    await db.commit()
    return reflection


async def own(db: AsyncSession, reflection_id: int, who_id: int | None) -> Reflection:
    """The caller's own reflection (404 when missing, 403 for someone else's)."""
    reflection = await db.get(Reflection, reflection_id)
    if reflection is None:
        raise NotFoundError(f"Reflection {reflection_id} does not exist")
    if who_id is None or reflection.author_id != who_id:
        raise NotYourReflection("Only the author can change, share or delete a reflection")
    return reflection


async def change(
    db: AsyncSession,
    reflection_id: int,
    who_id: int | None,
    data: ReflectionUpdate,
    taxonomy: set[str] | None = None,
) -> Reflection:
    """Edit, exclude sentences, tick themes or share — refused (409) once a summary was made from it."""
    reflection = await own(db, reflection_id, who_id)
    if reflection.summarised_at is not None:
        raise ConflictError("A summary was made from this reflection; delete it instead of editing it")
    if data.themes is not None:
        _check_taxonomy(data.themes, taxonomy)
        reflection.themes = list(data.themes)
    if data.answers is not None or data.slots is not None:
        # New free answers replace the slots they map to; slots sent replace those slots ("" clears one);
        # slots not mentioned stay as they are.
        answers = dict(data.answers) if data.answers is not None else dict(reflection.answers or {})
        slots = dict(to_slots(answers)) if data.answers is not None else dict(reflection.slots or {})
        for slot, text in (data.slots or {}).items():
            if text.strip():
                slots[str(slot)] = text.strip()
            else:
                slots.pop(str(slot), None)
        if not any(v.strip() for k, v in slots.items() if k != "private_note"):
            raise RuleViolation("at least one answer must contain text")
        if slots != reflection.slots:
            reflection.excluded = []  # sentence numbers refer to the old text
        reflection.answers, reflection.slots = answers, slots
    if data.excluded is not None:
        reflection.excluded = sorted(set(data.excluded))
    if data.share is not None:
        reflection.shared_at = _now() if data.share else None
    reflection.updated_at = _now()
    await db.commit()
    await db.refresh(reflection)
    return reflection


async def remove(db: AsyncSession, reflection_id: int, who_id: int | None) -> bool:
    """Delete one's own reflection. When a summary quoted it, every summary version of the session
    is removed too; returns True when the caller should generate a new one from what remains."""
    reflection = await own(db, reflection_id, who_id)
    summarised = reflection.summarised_at is not None
    session_id = reflection.session_id
    await db.delete(reflection)
    if summarised:
        await db.execute(
            delete(GeneratedOutput).where(
                GeneratedOutput.session_id == session_id, GeneratedOutput.kind == "summary"
            )
        )
    await db.commit()
    remaining = await db.scalar(
        select(func.count())
        .select_from(Reflection)
        .where(Reflection.session_id == session_id, Reflection.shared_at.is_not(None))
    )
    return summarised and bool(remaining)


async def composer_inputs(
    db: AsyncSession, session: MentoringSession, pair: Pair, language: str
) -> list[ReflectionInput]:
    """What the summary composers get: each shared reflection's visible sentences per slot (within the
    length budget, by whole sentences) and its ticked themes — never the private slot."""
    rows = (
        await db.scalars(
            select(Reflection)
            .where(Reflection.session_id == session.id, Reflection.shared_at.is_not(None))
            .order_by(Reflection.id.desc())
            .limit(MAX_REFLECTIONS)
        )
    ).all()
    people = await people_of(db, pair)
    # The writer's name as the generation context names the pair's members, so a summary can say
    # who took what away even in a group (only members: anyone else's id maps to no name).
    names = {m.participant_id: m.participant.display_name for m in pair.members}
    out = []
    for r in sorted(rows, key=lambda row: row.id):
        answers, truncated = shared_answers(shared_view(r.slots or {}, language, people, r.excluded or []))
        out.append(
            ReflectionInput(
                author_role=r.author_role,
                author=names[r.author_id][:80] if r.author_id in names else None,
                answers=answers,
                themes=[t for t in (r.themes or []) if t == NONE_OF_THESE or t.startswith("topic-")][:6],
                truncated=truncated,
            )
        )
    return out


async def mark_summarised(db: AsyncSession, session_id: int) -> None:
    """Lock the shared reflections a summary was just made from (editing is over, deleting is not)."""
    await db.execute(
        update(Reflection)
        .where(
            Reflection.session_id == session_id,
            Reflection.shared_at.is_not(None),
            Reflection.summarised_at.is_(None),
        )
        .values(summarised_at=_now())
    )
    await db.commit()
