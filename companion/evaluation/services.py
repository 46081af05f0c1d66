"""Survey logic: what is due for whom, storing a participant's answers, opening and closing rounds.

Answers are stored exactly as submitted and read back only by their author. Coordinators get
:func:`evaluation_overview`: participation while a round is open and the frozen aggregates of a closed
round (``companion.evaluation.aggregate``), never a single response.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import MentoringSession, PairMember, Participant, Programme, utcnow
from companion.errors import ConflictError, RuleViolation
from companion.evaluation import aggregate as agg
from companion.evaluation.models import SurveyResponse, SurveyRound
from companion.evaluation.questions import (
    CHOICES,
    KINDS,
    MAX_TEXT,
    MAX_TOPICS,
    SCALE_VALUES,
    SIDES,
    SURVEYS,
    THEME_SETS,
    pick,
    question,
)
from companion.evaluation.schedule import Due, Progress, due
from companion.evaluation.schemas import SurveySubmit
from companion.insights import anonymise as an
from companion.programmes.services import get_or_404

TOPIC_ID = re.compile(r"^topic-[a-z0-9-]{1,60}$")


async def rounds_of(db: AsyncSession, programme_id: int) -> dict[str, SurveyRound]:
    """The stored rounds of a programme by kind (a kind without a row is open and never opened early)."""
    rows = (await db.scalars(select(SurveyRound).where(SurveyRound.programme_id == programme_id))).all()
    return {r.kind: r for r in rows}


async def _round(db: AsyncSession, programme_id: int, kind: str) -> SurveyRound:
    found = (await rounds_of(db, programme_id)).get(kind)
    if found is None:
        found = SurveyRound(programme_id=programme_id, kind=kind)
        db.add(found)
        await db.flush()
    return found


async def progress_of(db: AsyncSession, participant_id: int) -> Progress:
    """Held sessions (the most of any of the participant's pairs) and the first session's date."""
    pairs = select(PairMember.pair_id).where(PairMember.participant_id == participant_id)
    rows = (
        await db.execute(
            select(MentoringSession.pair_id, MentoringSession.status, MentoringSession.scheduled_at).where(
                MentoringSession.pair_id.in_(pairs)
            )
        )
    ).all()
    held: dict[int, int] = {}
    for pair_id, status, _ in rows:
        held[pair_id] = held.get(pair_id, 0) + (status == "held")
    dates = [when for _, status, when in rows if when is not None and status != "cancelled"]
    return Progress(max(held.values(), default=0), min(dates) if dates else None)


async def my_surveys(
    db: AsyncSession, participant: Participant, today: date | None = None
) -> list[tuple[Due, SurveyResponse | None]]:
    """Every survey with its state for ``participant``, and their own response where there is one."""
    programme = await get_or_404(db, Programme, participant.programme_id, "Programme")
    rounds = await rounds_of(db, programme.id)
    mine = {
        r.kind: r
        for r in (
            await db.scalars(select(SurveyResponse).where(SurveyResponse.participant_id == participant.id))
        ).all()
    }
    progress = await progress_of(db, participant.id)
    today = today or datetime.now(UTC).date()
    out = []
    for kind in KINDS:
        rnd = rounds.get(kind)
        state = due(
            kind,
            start=programme.start_date,
            duration_months=programme.duration_months,
            progress=progress,
            today=today,
            opened=rnd is not None and rnd.opened_at is not None,
            closed=rnd is not None and rnd.closed_at is not None,
            answered=kind in mine,
        )
        out.append((state, mine.get(kind)))
    return out


def _bad(detail: str, key: str) -> RuleViolation:
    return RuleViolation(detail, errors=[{"key": key, "message": detail}], code="survey_answer")


def validate_answers(kind: str, data: SurveySubmit) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Answers and themes checked against the questionnaire of ``kind`` (422 with the question named)."""
    answers: dict[str, Any] = {}
    for qid, value in data.answers.items():
        q = question(kind, qid)
        if q is None:
            raise _bad(f"'{qid}' is not a question of the {kind} survey", qid)
        if q.type == "scale":
            if isinstance(value, bool) or value not in SCALE_VALUES:
                raise _bad(f"{qid}: answer with a whole number from 1 to 5", qid)
        elif q.type == "choice":
            if value not in [o for o, _ in CHOICES[q.choices or ""]]:
                raise _bad(f"{qid}: choose one of {', '.join(o for o, _ in CHOICES[q.choices or ''])}", qid)
        elif q.type == "text":
            if not isinstance(value, str) or len(value) > MAX_TEXT:
                raise _bad(f"{qid}: a text of at most {MAX_TEXT} characters", qid)
            value = value.strip()
            if not value:
                continue
        else:
            if not isinstance(value, dict) or len(value) > MAX_TOPICS:
                raise _bad(f"{qid}: up to {MAX_TOPICS} topics, each rated 1 to 5", qid)
            for topic, rating in value.items():
                if not TOPIC_ID.match(topic) or isinstance(rating, bool) or rating not in SCALE_VALUES:
                    raise _bad(f"{qid}: '{topic}' must be a topic id rated 1 to 5", qid)
            if not value:
                continue
        answers[qid] = value
    themes: dict[str, list[str]] = {}
    for qid, ticked in data.themes.items():
        q = question(kind, qid)
        if q is None or q.themes is None:
            raise _bad(f"'{qid}' takes no themes in the {kind} survey", qid)
        unknown = [t for t in ticked if t not in THEME_SETS[q.themes]]
        if unknown:
            raise _bad(f"{qid}: unknown theme(s) {', '.join(unknown)}", qid)
        if ticked:
            themes[qid] = sorted(set(ticked))
    if not answers and not themes:
        raise _bad("Answer at least one question", "answers")
    return answers, themes


async def submit(
    db: AsyncSession, participant: Participant, kind: str, data: SurveySubmit, today: date | None = None
) -> tuple[SurveyResponse, bool]:
    """Store (or replace, while the round is open) the participant's answers; True when new.
    409 when the survey is not due yet or its round is closed."""
    answers, themes = validate_answers(kind, data)
    states = dict((d.kind, (d, r)) for d, r in await my_surveys(db, participant, today))
    state, existing = states[kind]
    if state.state == "closed":
        raise ConflictError(
            f"The {kind} survey is closed; answers can no longer be changed", code="survey_closed"
        )
    if state.state == "upcoming":
        raise ConflictError(f"The {kind} survey is not open yet", code="survey_not_open")
    if existing is None:
        existing = SurveyResponse(
            programme_id=participant.programme_id,
            participant_id=participant.id,
            kind=kind,
            role=participant.role,
        )
        db.add(existing)
    existing.answers = answers
    existing.themes = themes
    existing.updated_at = utcnow()
    created = existing.id is None
    await db.commit()
    await db.refresh(existing)
    return existing, created


async def invited(db: AsyncSession, programme_id: int) -> dict[str, int]:
    """Participants of the programme per side."""
    rows = await db.execute(
        select(Participant.role, func.count())
        .where(Participant.programme_id == programme_id)
        .group_by(Participant.role)
    )
    counts = {str(role): int(n) for role, n in rows.all()}
    return {side: counts.get(side, 0) for side in SIDES}


async def responses(db: AsyncSession, programme_id: int, kind: str) -> list[agg.Answer]:
    rows = (
        await db.scalars(
            select(SurveyResponse).where(
                SurveyResponse.programme_id == programme_id, SurveyResponse.kind == kind
            )
        )
    ).all()
    return [agg.Answer(r.participant_id, r.role, r.answers or {}, r.themes or {}) for r in rows]


async def open_round(db: AsyncSession, programme_id: int, kind: str) -> SurveyRound:
    """Make a survey available to everyone now (idempotent); 409 when it is closed."""
    await get_or_404(db, Programme, programme_id, "Programme")
    rnd = await _round(db, programme_id, kind)
    if rnd.closed_at is not None:
        raise ConflictError(f"The {kind} round is closed and cannot be opened again", code="round_closed")
    rnd.opened_at = rnd.opened_at or utcnow()
    await db.commit()
    return rnd


async def close_round(db: AsyncSession, programme_id: int, kind: str) -> SurveyRound:
    """End answering and freeze the round's aggregates (final: a closed round is never recomputed)."""
    programme = await get_or_404(db, Programme, programme_id, "Programme")
    rnd = await _round(db, programme_id, kind)
    if rnd.closed_at is not None:
        raise ConflictError(f"The {kind} round is already closed", code="round_closed")
    pre: list[agg.Answer] = []
    pre_published = None
    if kind == "post":
        # The before/after comparison must rest on a published start result (aggregate rule 5), so
        # closing the end survey closes the start self-assessment first.
        start = await _round(db, programme_id, "pre")
        if start.closed_at is None:
            await _freeze(db, programme, start)
        pre, pre_published = await responses(db, programme_id, "pre"), start.results
    await _freeze(db, programme, rnd, pre=pre, pre_published=pre_published)
    await db.commit()
    return rnd


async def _freeze(
    db: AsyncSession,
    programme: Programme,
    rnd: SurveyRound,
    *,
    pre: list[agg.Answer] | None = None,
    pre_published: dict[str, Any] | None = None,
) -> None:
    """Compute and store a round's aggregates and mark it closed (the caller commits)."""
    rnd.results = agg.summarise_round(
        rnd.kind,
        await responses(db, programme.id, rnd.kind),
        programme.k_threshold,
        await invited(db, programme.id),
        pre=pre or [],
        pre_published=pre_published,
    )
    rnd.closed_at = utcnow()


async def evaluation_overview(db: AsyncSession, programme_id: int) -> dict[str, Any]:
    """Every round of a programme as its coordinator may see it (JSON-ready)."""
    programme = await get_or_404(db, Programme, programme_id, "Programme")
    k = an.effective_k(programme.k_threshold)
    rounds = await rounds_of(db, programme_id)
    people = await invited(db, programme_id)
    out = []
    for kind in KINDS:
        rnd = rounds.get(kind)
        if rnd is not None and rnd.closed_at is not None and rnd.results is not None:
            results = agg.enforce_k(rnd.results, k)
            respondents, invited_now, shown = results["respondents"], results["invited"], results
        else:
            live = await responses(db, programme_id, kind)
            respondents = agg.summarise_round(kind, live, k, people)["respondents"]  # counts only
            invited_now = {"all": sum(people.values()), **people}
            shown = None
        out.append(
            {
                "kind": kind,
                "title": pick(SURVEYS[kind].title, programme.language),
                "state": "closed" if shown is not None else "open",
                "opened_early_at": rnd.opened_at if rnd else None,
                "closed_at": rnd.closed_at if rnd else None,
                "invited": invited_now,
                "respondents": respondents,
                "results": shown,
            }
        )
    return {"programme_id": programme_id, "k": k, "rounds": out}
