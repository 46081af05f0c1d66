"""Generation for stored sessions: build the context from the database, call the composer, keep
every version. Inputs are always persisted before generation, so a failing model loses nothing."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import GeneratedOutput, MentoringSession, utcnow
from companion.db.writers import sqlite_writer
from companion.errors import ConflictError, DomainError, NotFoundError, RuleViolation
from companion.generation.composer import Composer, GenerationError
from companion.generation.schemas import (
    Agenda,
    GenerationContext,
    Participant,
    Preparation,
    ReflectionInput,
    ReflectionPrompts,
    ReflectionSummary,
)
from companion.programmes.services import get_or_404
from companion.sessions import versions as numbering
from companion.sessions.loading import session_tree
from companion.sessions.reflections import composer_inputs, mark_summarised
from companion.validation import UtcDatetime

log = logging.getLogger(__name__)

Kind = Literal["agenda", "preparation", "reflection-prompts", "summary"]
KINDS: tuple[Kind, ...] = ("agenda", "preparation", "reflection-prompts", "summary")
VERSION_ATTEMPTS = 5  # unique-key conflicts tolerated before giving up (the counter makes them rare)
MODELS: dict[str, type[BaseModel]] = {
    "agenda": Agenda,
    "preparation": Preparation,
    "reflection-prompts": ReflectionPrompts,
    "summary": ReflectionSummary,
}


class GenerationUnavailable(DomainError):
    """The composer failed in a way it could not recover from; stored inputs are untouched."""

    status_code = 503
    title = "Generation failed"


class StoredOutput(BaseModel):
    """A stored generation result as the API returns it."""

    session_id: int
    kind: Kind
    version: int
    generated_by: str
    created_at: UtcDatetime
    result: dict[str, Any]


def stored(row: GeneratedOutput) -> StoredOutput:
    """API view of a stored output."""
    return StoredOutput(
        session_id=row.session_id,
        kind=row.kind,
        version=row.version,
        generated_by=row.generated_by,
        created_at=row.created_at,
        result=row.payload,
    )


def _person(member: Any) -> Participant:
    p = member.participant
    expertise = ", ".join(p.expertise)[:200] or None
    return Participant(
        name=p.display_name[:80], pronouns=p.pronouns, expertise=expertise, department=p.department
    )


async def build_context(db: AsyncSession, session_id: int, kind: Kind) -> GenerationContext:
    """Everything the composer needs about one stored session, in one object."""
    session = await session_tree(db, session_id)  # usually already loaded by the access guard
    pair = session.pair
    programme = pair.programme
    siblings = await _siblings(db, session)
    highest = max((n for n, _ in siblings), default=session.number)
    reflections: list[ReflectionInput] = []
    if kind == "summary":
        # Only shared reflections, only what the partner may read, within the shared limits.
        reflections = await composer_inputs(db, session, pair, programme.language)
        if not reflections:
            raise RuleViolation(
                f"Session {session_id} has no shared reflections yet; a summary needs at least one"
            )
    goals = list(pair.goals) or list(programme.goals)
    try:
        return GenerationContext(
            language=programme.language,
            format=pair.format,
            topic=session.topic,
            goals=goals[:10],
            duration_minutes=session.duration_minutes,
            session_number=session.number,
            total_sessions=max(highest, programme.duration_months, session.number),
            juniors=[_person(m) for m in pair.members if m.role == "junior"],
            seniors=[_person(m) for m in pair.members if m.role == "senior"],
            previous_topics=[t for n, t in siblings if n < session.number and t][:50],
            reflections=reflections,
        )
    except ValidationError as exc:
        raise RuleViolation(f"Session {session_id} cannot be used for generation: {exc}") from exc


async def _siblings(db: AsyncSession, session: MentoringSession) -> list[tuple[int, str | None]]:
    """(number, topic) of every session of the pair, in order: from the session tree's outline, or
    with a query of its own when the session was loaded without it."""
    if session.outline is not None:
        return sorted((int(number), topic) for number, topic in session.outline)
    rows = await db.execute(
        select(MentoringSession.number, MentoringSession.topic)
        .where(MentoringSession.pair_id == session.pair_id)
        .order_by(MentoringSession.number)
    )
    return [(int(number), topic) for number, topic in rows.all()]


async def _compose(composer: Composer, kind: Kind, ctx: GenerationContext) -> BaseModel:
    method = {
        "agenda": composer.agenda,
        "preparation": composer.preparation,
        "reflection-prompts": composer.reflection_prompts,
        "summary": composer.summary,
    }[kind]
    try:
        return await method(ctx)
    except GenerationError as exc:
        raise RuleViolation(str(exc)) from exc
    except Exception as exc:
        # The LLM composer already retries and falls back; reaching here means even offline failed.
        log.exception("generation of %s failed", kind)
        raise GenerationUnavailable(
            f"The {kind} could not be generated ({type(exc).__name__}). Your session data and "
            "reflections are stored and unchanged; please try again."
        ) from exc


async def save_output(db: AsyncSession, session_id: int, kind: Kind, result: BaseModel) -> GeneratedOutput:
    """Store a result as the next version for this session and kind, and commit.

    Concurrent requests (a double click, both partners pressing the button) each get their own,
    consecutive version; none fails and none waits for the other's generation, only for its few
    milliseconds of writing. The version is given in the statement that stores the output
    (``companion.sessions.versions``). A unique-key conflict (should another database or isolation
    level let one through) is retried, never shown as an error."""
    payload = result.model_dump(mode="json")
    generated_by = str(getattr(result, "generated_by", "unknown"))
    for attempt in range(1, VERSION_ATTEMPTS + 1):
        try:
            async with sqlite_writer(db):
                return await _store_version(db, session_id, kind, payload, generated_by)
        except IntegrityError:
            await db.rollback()
            exists = await db.scalar(select(MentoringSession.id).where(MentoringSession.id == session_id))
            if exists is None:  # the foreign key, not the version, failed: the session was deleted
                raise numbering.gone(session_id) from None
            log.info(
                "version conflict storing %s of session %s (try %d); retrying", kind, session_id, attempt
            )
    raise ConflictError(
        f"Too many simultaneous {kind} requests for session {session_id}; nothing was stored, please retry"
    )


async def _store_version(
    db: AsyncSession, session_id: int, kind: Kind, payload: dict[str, Any], generated_by: str
) -> GeneratedOutput:
    """One attempt: INSERT the next version, commit."""
    created_at = utcnow()
    params = {
        "sid": session_id,
        "kind_": kind,
        "payload": payload,
        "generated_by": generated_by,
        "created_at": created_at,
    }
    row_id, version = await numbering.store(db, params)
    await db.commit()
    return GeneratedOutput(
        id=row_id,
        version=version,
        session_id=session_id,
        kind=kind,
        payload=payload,
        generated_by=generated_by,
        created_at=created_at,
    )


async def generate(db: AsyncSession, composer: Composer, session_id: int, kind: Kind) -> GeneratedOutput:
    """Compose ``kind`` for a stored session and store it as a new version."""
    ctx = await build_context(db, session_id, kind)
    result = await _compose(composer, kind, ctx)
    row = await save_output(db, session_id, kind, result)
    if kind == "summary":
        await mark_summarised(db, session_id)
    return row


async def latest(
    db: AsyncSession, session_id: int, kind: Kind, version: int | None = None
) -> GeneratedOutput:
    """The newest (or a given) stored version; 404 when nothing was generated yet."""
    await get_or_404(db, MentoringSession, session_id, "Session")
    stmt = select(GeneratedOutput).where(
        GeneratedOutput.session_id == session_id, GeneratedOutput.kind == kind
    )
    stmt = stmt.where(GeneratedOutput.version == version) if version else stmt
    row = await db.scalar(stmt.order_by(GeneratedOutput.version.desc()).limit(1))
    if row is None:
        which = f"version {version} of the" if version else "no"
        raise NotFoundError(f"Session {session_id} has {which} {kind} yet; POST to generate one")
    return row


async def versions(db: AsyncSession, session_id: int, kind: Kind) -> list[GeneratedOutput]:
    """All stored versions, oldest first."""
    await get_or_404(db, MentoringSession, session_id, "Session")
    rows = await db.scalars(
        select(GeneratedOutput)
        .where(GeneratedOutput.session_id == session_id, GeneratedOutput.kind == kind)
        .order_by(GeneratedOutput.version)
    )
    return list(rows.all())


async def stream_agenda(
    db: AsyncSession, composer: Composer, session_id: int, ctx: GenerationContext
) -> AsyncIterator[dict[str, Any]]:
    """Progress events for an agenda (context from :func:`build_context`); the final agenda is stored
    before ``done`` is sent."""
    try:
        async for event in composer.stream_agenda(ctx):
            if event.get("event") == "done":
                row = await save_output(db, session_id, "agenda", event["agenda"])
                yield {"event": "done", "stored": stored(row).model_dump(mode="json")}
                return
            yield event
    except Exception as exc:
        log.exception("streaming agenda for session %s failed", session_id)
        yield {
            "event": "error",
            "detail": f"The agenda could not be generated ({type(exc).__name__}); nothing you stored was lost.",
        }
