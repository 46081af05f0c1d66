"""A pair's topic plan: propose (a composer), edit (the pair), accept (sessions through the session
service, so calendar invites and every later step treat them like any other planned session).

Group sessions of the frame are programme-wide: the plan lists their dates, but they are not created as
sessions of the pair. An accepted plan is not proposed or edited again; its sessions are edited as
sessions from then on.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import MentoringSession, Pair, Programme
from companion.errors import ConflictError, NotFoundError, RuleViolation
from companion.generation.topics import TopicResolver
from companion.planning import frame
from companion.planning.composer import PlanComposer
from companion.planning.context import Brief, PlanContext, rank_topics
from companion.planning.models import SessionPlan
from companion.planning.schemas import PlanItem, PlanRead, PlanUpdate
from companion.planning.shape import PATTERNS, PREFIX, plan_problems, slots
from companion.programmes import services as psvc
from companion.sessions import services as ssvc
from companion.sessions.schemas import SessionCreate

SESSION_TIME = time(9, 0, tzinfo=UTC)  # 10:00 in Germany in winter; pairs move sessions as they like


async def context_for(db: AsyncSession, pair: Pair, retriever: Any, lang: str | None = None) -> PlanContext:
    """Everything a composer needs for this pair, from the database and the knowledge base."""
    programme = await psvc.get_or_404(db, Programme, pair.programme_id, "Programme")
    language = lang or programme.language
    schedule, row = await frame.programme_schedule(db, programme)
    juniors = [
        Brief(
            m.participant.display_name,
            tuple(m.participant.expertise or ()),
            tuple(m.participant.interests or ()),
        )
        for m in pair.members
        if m.role == "junior"
    ]
    seniors = [
        Brief(
            m.participant.display_name,
            tuple(m.participant.expertise or ()),
            tuple(m.participant.interests or ()),
        )
        for m in pair.members
        if m.role == "senior"
    ]
    knowledge = retriever.knowledge
    options = rank_topics(
        knowledge,
        retriever,
        TopicResolver(knowledge, retriever),
        language,
        list(pair.goals),
        juniors,
        seniors,
    )
    return PlanContext(
        language=language,
        goals=list(pair.goals),
        juniors=juniors,
        seniors=seniors,
        slots=slots(schedule.sessions, row.session_minutes),
        options=options,
        group_dates=schedule.groups,
    )


def plan_read(row: SessionPlan) -> PlanRead:
    """The API view of a stored plan, with what no longer fits after the pair's edits."""
    items = [PlanItem.model_validate(i) for i in row.items]
    return PlanRead(
        pair_id=row.pair_id,
        status=row.status,
        language=row.language,
        generated_by=row.generated_by,
        items=items,
        group_dates=row.group_dates,
        accepted_at=row.accepted_at,
        warnings=plan_problems(items),
    )


async def get_plan(db: AsyncSession, pair_id: int) -> SessionPlan:
    await psvc.get_or_404(db, Pair, pair_id, "Pair")
    row = await db.scalar(select(SessionPlan).where(SessionPlan.pair_id == pair_id))
    if row is None:
        raise NotFoundError(f"Pair {pair_id} has no plan yet; propose one first", code="no_plan")
    return row


async def propose(
    db: AsyncSession, pair_id: int, composer: PlanComposer, retriever: Any, lang: str | None = None
) -> SessionPlan:
    """Compose a plan and store it as a draft (replacing an earlier draft, never an accepted plan)."""
    pair = await psvc.get_or_404(db, Pair, pair_id, "Pair")
    existing = await db.scalar(select(SessionPlan).where(SessionPlan.pair_id == pair_id))
    if existing is not None and existing.status == "accepted":
        raise ConflictError(
            f"The plan of pair {pair_id} is accepted; change its sessions instead", code="plan_accepted"
        )
    ctx = await context_for(db, pair, retriever, lang)
    draft = await composer.compose(ctx)
    row = existing or SessionPlan(pair_id=pair_id)
    row.language = draft.language
    row.items = [i.model_dump(mode="json") for i in draft.items]
    row.group_dates = [d.isoformat() for d in draft.group_dates]
    row.generated_by = draft.generated_by
    row.status = "draft"
    if existing is None:
        db.add(row)
    await db.commit()
    return row


async def edit(db: AsyncSession, pair_id: int, data: PlanUpdate, knowledge: Any) -> SessionPlan:
    """Apply the pair's changes (topic, date, length, title, reason) to sessions of a draft plan. Edits
    that break the mix or the shape are kept, and the plan shows them as warnings: the pair decides."""
    row = await get_plan(db, pair_id)
    if row.status == "accepted":
        raise ConflictError(
            f"The plan of pair {pair_id} is accepted; change its sessions instead", code="plan_accepted"
        )
    items = {i["number"]: PlanItem.model_validate(i) for i in row.items}
    for change in data.items:
        item = items.get(change.number)
        if item is None:
            raise RuleViolation(f"The plan has no session {change.number}", code="plan_no_session")
        fields = {
            k: v
            for k, v in change.model_dump(exclude_unset=True, exclude={"number"}).items()
            if v is not None or k == "topic_id"
        }
        if "topic_id" in fields:
            topic_id = fields.pop("topic_id") or None
            card = knowledge.get(topic_id, row.language) if topic_id else None
            if topic_id and (card is None or card.kind != "topic"):
                raise RuleViolation(f"{topic_id!r} is not a topic card", code="plan_unknown_topic")
            prefix = PREFIX[row.language].get(item.kind)
            fields.update(
                topic_id=topic_id,
                category=card.category if card else None,
                sources=[c for c in (topic_id, PATTERNS.get(item.kind)) if c],
            )
            if card is not None and "title" not in fields:
                fields["title"] = f"{prefix}: {card.title}" if prefix else card.title
        items[change.number] = PlanItem.model_validate({**item.model_dump(), **fields})
    ordered = [items[n] for n in sorted(items)]
    row.items = [i.model_dump(mode="json") for i in ordered]
    await db.commit()
    return row


async def accept(db: AsyncSession, pair_id: int) -> tuple[SessionPlan, list[int]]:
    """Plan the sessions of a draft plan through the session service. A session number the pair already
    uses is kept as it is (not duplicated); returns the plan and the ids of the new sessions."""
    row = await get_plan(db, pair_id)
    if row.status == "accepted":
        raise ConflictError(f"The plan of pair {pair_id} is accepted already", code="plan_accepted")
    taken = set(
        (await db.scalars(select(MentoringSession.number).where(MentoringSession.pair_id == pair_id))).all()
    )
    created = []
    for raw in row.items:
        item = PlanItem.model_validate(raw)
        if item.number in taken:
            continue
        session = await ssvc.create_session(
            db,
            pair_id,
            SessionCreate(
                number=item.number,
                scheduled_at=datetime.combine(item.date, SESSION_TIME),
                duration_minutes=item.duration_minutes,
                topic=item.topic_id,
            ),
        )
        created.append(session.id)
    row.status = "accepted"
    row.accepted_at = datetime.now(UTC)
    await db.commit()
    return row, created
