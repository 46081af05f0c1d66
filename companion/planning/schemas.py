"""Models of the programme frame and of a pair's topic plan; both plan composers return
:class:`PlanProposal`, which :func:`companion.planning.shape.assemble` turns into a :class:`SessionPlanDraft`."""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from companion.programmes.schemas import Strict

Cadence = Literal["monthly", "biweekly"]
GroupSessions = Literal["none", "quarterly"]
Kind = Literal["first", "topic", "mid", "final"]
Category = Literal["technology", "work", "culture"]
Language = Literal["de", "en"]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class FrameRead(BaseModel):
    """A programme's frame: when it starts, how long it runs, how often pairs and groups meet."""

    programme_id: int
    start_date: Date | None
    duration_months: int
    cadence: Cadence
    group_sessions: GroupSessions
    session_minutes: int
    sessions_per_pair: int
    session_dates: list[Date]
    group_dates: list[Date]


class FrameUpdate(Strict):
    start_date: Date | None = None
    duration_months: int | None = Field(None, ge=1, le=36)
    cadence: Cadence | None = None
    group_sessions: GroupSessions | None = None
    session_minutes: int | None = Field(None, ge=30, le=120)


class ProposedSession(BaseModel):
    """A composer's choice for one session: which topic card (none for the retrospective) and why."""

    number: int = Field(ge=1, le=60)
    topic_id: str | None = Field(None, max_length=80)
    reason: Line


class PlanProposal(BaseModel):
    """What a plan composer (offline or LLM) returns: one choice per session, in order."""

    sessions: list[ProposedSession] = Field(min_length=1, max_length=60)


class PlanItem(BaseModel):
    """One planned session."""

    number: int = Field(ge=1, le=60)
    kind: Kind
    date: Date
    duration_minutes: int = Field(60, ge=30, le=120)
    topic_id: str | None = None
    pattern_id: str | None = None
    title: Title
    category: Category | None = None
    reason: Line
    sources: list[str] = Field(default_factory=list)


class SessionPlanDraft(BaseModel):
    """A complete plan as composed (before the pair edits it)."""

    language: Language
    items: list[PlanItem]
    group_dates: list[Date] = Field(default_factory=list)
    generated_by: str


class PlanRead(BaseModel):
    pair_id: int
    status: Literal["draft", "accepted"]
    language: Language
    generated_by: str
    items: list[PlanItem]
    group_dates: list[Date]
    accepted_at: datetime | None
    warnings: list[str] = Field(description="What no longer fits the programme's principles after edits.")


class PlanItemEdit(Strict):
    """A pair's change to one session of its plan (unset fields stay)."""

    number: int = Field(ge=1, le=60)
    topic_id: str | None = Field(None, max_length=80, description="A topic card id; '' removes the topic.")
    date: Date | None = None
    duration_minutes: int | None = Field(None, ge=30, le=120)
    title: Title | None = None
    reason: Line | None = None


class PlanUpdate(Strict):
    items: list[PlanItemEdit] = Field(min_length=1, max_length=60)


class PlanGenerate(Strict):
    """Regenerate the plan (replaces a draft; an accepted plan is never replaced)."""

    language: Language | None = None
